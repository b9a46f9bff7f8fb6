#ifndef SISL_GATEWAY_SPID_RESPONSE_VALIDATOR_H_
#define SISL_GATEWAY_SPID_RESPONSE_VALIDATOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/xml.h"

namespace sisl::gateway::spid {

// What the SP expects of a Response, from the AuthnRequest it stored when it sent it.
struct ResponseExpectations {
  std::string request_id;           // InResponseTo (Response and SubjectConfirmationData)
  absl::Time request_issue_instant;  // no IssueInstant may precede it (beyond the skew)
  std::string acs_url;              // Destination and Recipient
  std::string sp_entity_id;         // Audience
  int requested_level = 2;          // Comparison="minimum": equal or higher is accepted
  std::vector<std::string> required_attributes = {"fiscalNumber"};
  absl::Time now;
  absl::Duration clock_skew = absl::Minutes(2);
};

// A validated assertion. Personal data: never log it.
struct Assertion {
  std::string idp_entity_id;
  std::string response_id;
  std::string assertion_id;
  // The earliest NotOnOrAfter (Conditions, SubjectConfirmationData): the assertion ID must be
  // remembered at least until then (plus the skew) to refuse replays.
  absl::Time not_on_or_after;
  std::string level_uri;
  int level = 0;
  std::string name_id;
  std::string name_id_qualifier;
  std::string session_index;  // may be empty (SPID IdPs omit it for SpidL2/L3)
  // Attribute name and its (first) value, whitespace-trimmed.
  std::vector<std::pair<std::string, std::string>> attributes;

  std::optional<std::string> Attribute(std::string_view name) const;
};

// A correctly addressed Response whose status is not Success (user cancelled, wrong
// credentials, ...). `signed_by_idp` tells whether a Response signature verified.
struct IdpFailure {
  std::string status_code;
  std::string sub_status_code;
  std::string status_message;
  int spid_error_code = 0;  // 19..25 for SPID's user anomalies, 0 when absent
  bool signed_by_idp = false;
};

struct ResponseOutcome {
  std::optional<Assertion> assertion;  // set on success
  std::optional<IdpFailure> failure;   // set when the IdP reported a failure
};

// The SAML Response received on the ACS. Parse() only checks well-formedness (no DOCTYPE)
// and the root element, so that the caller can find the pending request by InResponseTo;
// Validate() does every SPID check. Error codes of Validate():
//   INVALID_ARGUMENT     malformed or missing elements/attributes, wrong formats or values
//   UNAUTHENTICATED      signature missing or not verifying with the IdP's metadata keys
//   PERMISSION_DENIED    addressed to someone else or for another request (Destination,
//                        Recipient, Audience, Issuer, InResponseTo), level too low
//   FAILED_PRECONDITION  outside its validity window (IssueInstant, NotBefore, NotOnOrAfter)
// Messages are technical English and carry no personal data.
class SamlResponse final {
 public:
  static absl::StatusOr<SamlResponse> Parse(std::string_view xml);

  SamlResponse(SamlResponse&&) = default;
  SamlResponse& operator=(SamlResponse&&) = default;

  // Empty when absent.
  const std::string& in_response_to() const { return in_response_to_; }

  // Validates against the IdP the pending request was sent to. Not thread-safe (registers
  // XML IDs in the document); one call per parsed response.
  absl::StatusOr<ResponseOutcome> Validate(const ResponseExpectations& expect,
                                           const IdpMetadata& idp);

 private:
  explicit SamlResponse(XmlDoc doc);
  XmlDoc doc_;
  std::string in_response_to_;
};

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_RESPONSE_VALIDATOR_H_
