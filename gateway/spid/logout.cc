#include "gateway/spid/logout.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/saml_checks.h"
#include "gateway/spid/saml_time.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

using checks::Malformed;
using checks::Mismatch;

constexpr char kSuccess[] = "urn:oasis:names:tc:SAML:2.0:status:Success";

std::string Issuer(const std::string& entity_id) {
  std::string e = XmlEscape(entity_id);
  return absl::StrCat("<saml:Issuer NameQualifier=\"", e, "\" Format=\"", kNameIdEntity, "\">", e,
                      "</saml:Issuer>");
}

absl::StatusOr<std::string> MaybeSign(std::string xml, const std::string& id,
                                      const Credentials* sign_with) {
  if (sign_with == nullptr) return xml;
  return SignElementsById(xml, {id}, *sign_with);
}

// Checks and returns the root element of a logout message.
absl::StatusOr<xmlNode*> CheckCommon(xmlDoc* doc, const char* name, const LogoutChecks& c) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!IsElement(root, kNsSamlp, name)) return Malformed(absl::StrCat("not a ", name));
  if (c.keys != nullptr) RETURN_IF_ERROR(VerifyElementSignature(doc, root, *c.keys));
  RETURN_IF_ERROR(checks::Version20(root, name));
  ASSIGN_OR_RETURN(std::string id, checks::Required(root, "ID", "ID"));
  ASSIGN_OR_RETURN(absl::Time issued, checks::RequiredTime(root, "IssueInstant", "IssueInstant"));
  if (issued > c.now + c.clock_skew || issued < c.now - absl::Minutes(10) - c.clock_skew) {
    return checks::Expired("IssueInstant");
  }
  std::optional<std::string> destination = Attr(root, "Destination");
  if (destination.has_value() && *destination != c.expected_destination) {
    return Mismatch("Destination");
  }
  RETURN_IF_ERROR(checks::IssuerIs(root, c.expected_issuer, false, "Issuer"));
  return root;
}

}  // namespace

absl::StatusOr<SamlMessage> BuildLogoutRequest(const LogoutRequestParams& p,
                                               const Credentials* sign_with) {
  SamlMessage message{NewSamlId(), ""};
  std::string session;
  if (!p.session_index.empty()) {
    session = absl::StrCat("<samlp:SessionIndex>", XmlEscape(p.session_index),
                           "</samlp:SessionIndex>");
  }
  std::string xml = absl::StrCat(
      "<samlp:LogoutRequest xmlns:samlp=\"", kNsSamlp, "\" xmlns:saml=\"", kNsSaml, "\" ID=\"",
      message.id, "\" Version=\"2.0\" IssueInstant=\"", FormatSamlTime(p.now),
      "\" Destination=\"", XmlEscape(p.destination), "\">", Issuer(p.issuer),
      "<saml:NameID NameQualifier=\"", XmlEscape(p.name_id_qualifier), "\" Format=\"",
      kNameIdTransient, "\">", XmlEscape(p.name_id), "</saml:NameID>", session,
      "</samlp:LogoutRequest>");
  ASSIGN_OR_RETURN(message.xml, MaybeSign(std::move(xml), message.id, sign_with));
  return message;
}

absl::StatusOr<SamlMessage> BuildLogoutResponse(const LogoutResponseParams& p,
                                                const Credentials* sign_with) {
  SamlMessage message{NewSamlId(), ""};
  std::string xml = absl::StrCat(
      "<samlp:LogoutResponse xmlns:samlp=\"", kNsSamlp, "\" xmlns:saml=\"", kNsSaml, "\" ID=\"",
      message.id, "\" Version=\"2.0\" IssueInstant=\"", FormatSamlTime(p.now),
      "\" Destination=\"", XmlEscape(p.destination), "\" InResponseTo=\"",
      XmlEscape(p.in_response_to), "\">", Issuer(p.issuer),
      "<samlp:Status><samlp:StatusCode Value=\"",
      p.success ? kSuccess : "urn:oasis:names:tc:SAML:2.0:status:Responder",
      "\"/></samlp:Status></samlp:LogoutResponse>");
  ASSIGN_OR_RETURN(message.xml, MaybeSign(std::move(xml), message.id, sign_with));
  return message;
}

absl::StatusOr<ReceivedLogoutRequest> ParseLogoutRequest(std::string_view xml,
                                                         const LogoutChecks& c) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  ASSIGN_OR_RETURN(xmlNode* root, CheckCommon(doc.get(), "LogoutRequest", c));
  ReceivedLogoutRequest out;
  out.id = Attr(root, "ID").value_or("");
  out.issuer = c.expected_issuer;
  ASSIGN_OR_RETURN(xmlNode* name_id, checks::ExactlyOne(root, kNsSaml, "NameID", "NameID"));
  out.name_id = TrimmedText(name_id);
  if (out.name_id.empty()) return Malformed("NameID empty");
  out.name_id_qualifier = Attr(name_id, "NameQualifier").value_or("");
  for (const xmlNode* index : ChildElements(root, kNsSamlp, "SessionIndex")) {
    out.session_indexes.push_back(TrimmedText(index));
  }
  if (std::optional<std::string> until = Attr(root, "NotOnOrAfter"); until.has_value()) {
    ASSIGN_OR_RETURN(absl::Time t, checks::RequiredTime(root, "NotOnOrAfter", "NotOnOrAfter"));
    if (c.now >= t + c.clock_skew) return checks::Expired("NotOnOrAfter");
  }
  return out;
}

absl::StatusOr<ReceivedLogoutResponse> ParseLogoutResponse(std::string_view xml,
                                                           const LogoutChecks& c) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  ASSIGN_OR_RETURN(xmlNode* root, CheckCommon(doc.get(), "LogoutResponse", c));
  ReceivedLogoutResponse out;
  out.id = Attr(root, "ID").value_or("");
  out.issuer = c.expected_issuer;
  ASSIGN_OR_RETURN(out.in_response_to, checks::Required(root, "InResponseTo", "InResponseTo"));
  ASSIGN_OR_RETURN(xmlNode* status, checks::ExactlyOne(root, kNsSamlp, "Status", "Status"));
  ASSIGN_OR_RETURN(xmlNode* code,
                   checks::ExactlyOne(status, kNsSamlp, "StatusCode", "StatusCode"));
  out.success = Attr(code, "Value") == kSuccess;
  return out;
}

absl::StatusOr<MessagePeek> PeekMessage(std::string_view xml) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root->ns == nullptr || xmlStrcmp(root->ns->href,
                                       reinterpret_cast<const xmlChar*>(kNsSamlp)) != 0) {
    return Malformed("not a SAML protocol message");
  }
  MessagePeek peek;
  peek.root = reinterpret_cast<const char*>(root->name);
  peek.issuer = TrimmedText(FirstChildElement(root, kNsSaml, "Issuer"));
  return peek;
}

}  // namespace sisl::gateway::spid
