#include "gateway/spid/response_builder.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/saml_time.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"

namespace sisl::gateway::spid {
namespace {

constexpr char kStatusSuccess[] = "urn:oasis:names:tc:SAML:2.0:status:Success";
constexpr char kStatusResponder[] = "urn:oasis:names:tc:SAML:2.0:status:Responder";
constexpr char kStatusAuthnFailed[] = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";

std::string E(std::string_view text) { return XmlEscape(text); }

std::string Issuer(const std::string& entity_id) {
  return absl::StrCat("<saml:Issuer Format=\"", kNameIdEntity, "\">", E(entity_id),
                      "</saml:Issuer>");
}

std::string Attributes(const ResponseParams& p) {
  if (p.attributes.empty()) return "";
  std::string out = "<saml:AttributeStatement>";
  for (const auto& [name, value] : p.attributes) {
    bool date = name == "dateOfBirth" || name == "expirationDate";
    absl::StrAppend(&out, "<saml:Attribute Name=\"", E(name), "\" NameFormat=\"",
                    kAttrNameFormatBasic, "\"><saml:AttributeValue xsi:type=\"xs:",
                    date ? "date" : "string", "\">", E(value),
                    "</saml:AttributeValue></saml:Attribute>");
  }
  absl::StrAppend(&out, "</saml:AttributeStatement>");
  return out;
}

std::string Assertion(const ResponseParams& p, const std::string& id, const std::string& now,
                      const std::string& until) {
  std::string authn = absl::StrCat("<saml:AuthnStatement AuthnInstant=\"", now, "\"");
  if (!p.session_index.empty()) {
    absl::StrAppend(&authn, " SessionIndex=\"", E(p.session_index), "\"");
  }
  absl::StrAppend(&authn, "><saml:AuthnContext><saml:AuthnContextClassRef>", E(p.level),
                  "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>");
  return absl::StrCat(
      "<saml:Assertion ID=\"", id, "\" Version=\"2.0\" IssueInstant=\"", now, "\">",
      Issuer(p.idp_entity_id), "<saml:Subject><saml:NameID Format=\"", kNameIdTransient,
      "\" NameQualifier=\"",
      E(p.name_qualifier.empty() ? p.idp_entity_id : p.name_qualifier), "\">", E(p.name_id),
      "</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
      "<saml:SubjectConfirmationData InResponseTo=\"",
      E(p.in_response_to), "\" NotOnOrAfter=\"", until, "\" Recipient=\"", E(p.destination),
      "\"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore=\"", now,
      "\" NotOnOrAfter=\"", until, "\"><saml:AudienceRestriction><saml:Audience>", E(p.audience),
      "</saml:Audience></saml:AudienceRestriction></saml:Conditions>", authn, Attributes(p),
      "</saml:Assertion>");
}

}  // namespace

absl::StatusOr<std::string> BuildResponse(const ResponseParams& p, const Credentials& idp) {
  if (p.idp_entity_id.empty() || p.destination.empty() || p.in_response_to.empty()) {
    return absl::InvalidArgumentError("Response needs an issuer, a destination and a request");
  }
  std::string response_id = p.response_id.empty() ? NewSamlId() : p.response_id;
  std::string assertion_id = p.assertion_id.empty() ? NewSamlId() : p.assertion_id;
  std::string now = FormatSamlTime(p.now);
  std::string until = FormatSamlTime(p.now + p.validity);
  std::string status;
  std::string assertion;
  std::vector<std::string> sign = {response_id};
  if (p.spid_error_code > 0) {
    status = absl::StrCat("<samlp:Status><samlp:StatusCode Value=\"", kStatusResponder,
                          "\"><samlp:StatusCode Value=\"", kStatusAuthnFailed,
                          "\"/></samlp:StatusCode><samlp:StatusMessage>ErrorCode nr",
                          p.spid_error_code, "</samlp:StatusMessage></samlp:Status>");
  } else {
    status = absl::StrCat("<samlp:Status><samlp:StatusCode Value=\"", kStatusSuccess,
                          "\"/></samlp:Status>");
    assertion = Assertion(p, assertion_id, now, until);
    sign.insert(sign.begin(), assertion_id);
  }
  std::string xml = absl::StrCat(
      "<samlp:Response xmlns:samlp=\"", kNsSamlp, "\" xmlns:saml=\"", kNsSaml,
      "\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ID=\"",
      response_id, "\" Version=\"2.0\" IssueInstant=\"", now, "\" Destination=\"",
      E(p.destination), "\" InResponseTo=\"", E(p.in_response_to), "\">",
      Issuer(p.idp_entity_id), status, assertion, "</samlp:Response>");
  return SignElementsById(xml, sign, idp);
}

}  // namespace sisl::gateway::spid
