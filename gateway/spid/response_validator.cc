#include "gateway/spid/response_validator.h"

#include <utility>

#include "gateway/spid/assertion_validator.h"
#include "gateway/spid/saml_checks.h"
#include "gateway/spid/spid_errors.h"
#include "gateway/spid/xml_signature.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

using checks::ExactlyOne;
using checks::Malformed;
using checks::Mismatch;
using checks::Required;
using checks::RequiredTime;

constexpr char kSuccess[] = "urn:oasis:names:tc:SAML:2.0:status:Success";

bool IsTopLevelStatus(const std::string& value) {
  return value == kSuccess || value == "urn:oasis:names:tc:SAML:2.0:status:Requester" ||
         value == "urn:oasis:names:tc:SAML:2.0:status:Responder" ||
         value == "urn:oasis:names:tc:SAML:2.0:status:VersionMismatch";
}

}  // namespace

std::optional<std::string> Assertion::Attribute(std::string_view name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return std::nullopt;
}

SamlResponse::SamlResponse(XmlDoc doc) : doc_(std::move(doc)) {
  in_response_to_ = Attr(xmlDocGetRootElement(doc_.get()), "InResponseTo").value_or("");
}

absl::StatusOr<SamlResponse> SamlResponse::Parse(std::string_view xml) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  if (!IsElement(xmlDocGetRootElement(doc.get()), kNsSamlp, "Response")) {
    return Malformed("the root element is not a samlp:Response");
  }
  return SamlResponse(std::move(doc));
}

absl::StatusOr<ResponseOutcome> SamlResponse::Validate(const ResponseExpectations& e,
                                                       const IdpMetadata& idp) {
  xmlNode* response = xmlDocGetRootElement(doc_.get());
  RETURN_IF_ERROR(checks::Version20(response, "Response"));
  ASSIGN_OR_RETURN(std::string response_id, Required(response, "ID", "Response ID"));
  ASSIGN_OR_RETURN(absl::Time issued,
                   RequiredTime(response, "IssueInstant", "Response IssueInstant"));
  RETURN_IF_ERROR(checks::InstantWithin(issued, e.request_issue_instant, e.now, e.clock_skew,
                                        "Response IssueInstant"));
  ASSIGN_OR_RETURN(std::string destination,
                   Required(response, "Destination", "Response Destination"));
  if (destination != e.acs_url) return Mismatch("Destination is not this ACS");
  ASSIGN_OR_RETURN(std::string in_response_to,
                   Required(response, "InResponseTo", "Response InResponseTo"));
  if (in_response_to != e.request_id) return Mismatch("Response InResponseTo");
  // The Response Issuer may omit its Format (SPID); when present it must be the entity one.
  RETURN_IF_ERROR(checks::IssuerIs(response, idp.entity_id, false, "Response Issuer"));

  // The Response signature is optional, but when present it must verify.
  bool response_signed = !SignatureChildren(response).empty();
  if (response_signed) {
    RETURN_IF_ERROR(VerifyElementSignature(doc_.get(), response, idp.signing_keys));
  }

  ASSIGN_OR_RETURN(xmlNode* status, ExactlyOne(response, kNsSamlp, "Status", "Status"));
  ASSIGN_OR_RETURN(xmlNode* code, ExactlyOne(status, kNsSamlp, "StatusCode", "StatusCode"));
  ASSIGN_OR_RETURN(std::string value, Required(code, "Value", "StatusCode Value"));
  if (!IsTopLevelStatus(value)) return Malformed("StatusCode Value is not a SAML status");
  if (value != kSuccess) {
    IdpFailure failure;
    failure.status_code = value;
    failure.sub_status_code =
        Attr(FirstChildElement(code, kNsSamlp, "StatusCode"), "Value").value_or("");
    failure.status_message = TrimmedText(FirstChildElement(status, kNsSamlp, "StatusMessage"));
    failure.spid_error_code = SpidErrorCodeFrom(failure.status_message);
    failure.signed_by_idp = response_signed;
    return ResponseOutcome{std::nullopt, std::move(failure)};
  }

  // Exactly one assertion, as a direct child: none wrapped elsewhere, none encrypted.
  std::vector<xmlNode*> assertions = ChildElements(response, kNsSaml, "Assertion");
  if (assertions.size() != 1 || CountElements(response, kNsSaml, "Assertion") != 1) {
    return Malformed("expected exactly one Assertion");
  }
  if (CountElements(response, kNsSaml, "EncryptedAssertion") != 0) {
    return Malformed("encrypted assertions are not supported");
  }
  ASSIGN_OR_RETURN(Assertion assertion, ValidateAssertion(doc_.get(), assertions[0], e, idp));
  assertion.response_id = std::move(response_id);
  return ResponseOutcome{std::move(assertion), std::nullopt};
}

}  // namespace sisl::gateway::spid
