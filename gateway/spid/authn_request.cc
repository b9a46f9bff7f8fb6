#include "gateway/spid/authn_request.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/levels.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/saml_time.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {

absl::StatusOr<AuthnRequest> BuildAuthnRequest(const AuthnRequestParams& p,
                                               const Credentials* sign_with) {
  if (p.level < 1 || p.level > 3) return absl::InvalidArgumentError("SPID level must be 1..3");
  if (p.sp_entity_id.empty() || p.destination.empty()) {
    return absl::InvalidArgumentError("AuthnRequest needs an issuer and a destination");
  }
  AuthnRequest request;
  request.id = NewSamlId();
  request.issue_instant = FormatSamlTime(p.now);
  std::string entity = XmlEscape(p.sp_entity_id);
  request.xml = absl::StrCat(
      "<samlp:AuthnRequest xmlns:samlp=\"", kNsSamlp, "\" xmlns:saml=\"", kNsSaml, "\" ID=\"",
      request.id, "\" Version=\"2.0\" IssueInstant=\"", request.issue_instant,
      "\" Destination=\"", XmlEscape(p.destination), "\"", p.level > 1 ? " ForceAuthn=\"true\"" : "",
      " AssertionConsumerServiceIndex=\"", p.assertion_consumer_service_index,
      "\" AttributeConsumingServiceIndex=\"", p.attribute_consuming_service_index, "\">",
      "<saml:Issuer NameQualifier=\"", entity, "\" Format=\"", kNameIdEntity, "\">", entity,
      "</saml:Issuer>", "<samlp:NameIDPolicy Format=\"", kNameIdTransient, "\"/>",
      "<samlp:RequestedAuthnContext Comparison=\"minimum\"><saml:AuthnContextClassRef>",
      LevelUri(p.level), "</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>",
      "</samlp:AuthnRequest>");
  if (sign_with != nullptr) {
    ASSIGN_OR_RETURN(request.xml, SignElementsById(request.xml, {request.id}, *sign_with));
  }
  return request;
}

absl::StatusOr<ReceivedAuthnRequest> ParseAuthnRequest(std::string_view xml,
                                                       const std::vector<PublicKey>* keys) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!IsElement(root, kNsSamlp, "AuthnRequest")) {
    return absl::InvalidArgumentError("not an AuthnRequest");
  }
  if (keys != nullptr) {
    RETURN_IF_ERROR(VerifyElementSignature(doc.get(), root, *keys));
  }
  ReceivedAuthnRequest out;
  out.id = Attr(root, "ID").value_or("");
  if (out.id.empty() || Attr(root, "Version") != "2.0") {
    return absl::InvalidArgumentError("AuthnRequest without ID or with a wrong Version");
  }
  absl::StatusOr<absl::Time> instant = ParseSamlTime(Attr(root, "IssueInstant").value_or(""));
  if (!instant.ok()) return absl::InvalidArgumentError("AuthnRequest IssueInstant");
  out.issue_instant = *instant;
  out.destination = Attr(root, "Destination").value_or("");
  std::vector<xmlNode*> issuers = ChildElements(root, kNsSaml, "Issuer");
  if (issuers.size() != 1) return absl::InvalidArgumentError("AuthnRequest Issuer");
  out.issuer = TrimmedText(issuers[0]);
  std::string force = Attr(root, "ForceAuthn").value_or("false");
  out.force_authn = force == "true" || force == "1";
  int index = 0;
  if (std::optional<std::string> v = Attr(root, "AssertionConsumerServiceIndex"); v.has_value()) {
    if (!absl::SimpleAtoi(*v, &index) || index < 0) {
      return absl::InvalidArgumentError("AssertionConsumerServiceIndex");
    }
    out.assertion_consumer_service_index = index;
  }
  out.assertion_consumer_service_url = Attr(root, "AssertionConsumerServiceURL").value_or("");
  if (std::optional<std::string> v = Attr(root, "AttributeConsumingServiceIndex"); v.has_value()) {
    if (!absl::SimpleAtoi(*v, &index) || index < 0) {
      return absl::InvalidArgumentError("AttributeConsumingServiceIndex");
    }
    out.attribute_consuming_service_index = index;
  }
  const xmlNode* context = FirstChildElement(root, kNsSamlp, "RequestedAuthnContext");
  out.level = LevelFromUri(TrimmedText(FirstChildElement(context, kNsSaml, "AuthnContextClassRef")));
  return out;
}

}  // namespace sisl::gateway::spid
