#ifndef SISL_GATEWAY_SPID_RESPONSE_BUILDER_H_
#define SISL_GATEWAY_SPID_RESPONSE_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/levels.h"

namespace sisl::gateway::spid {

// An IdP-side SAML Response, as the development IdP issues it (tests and fuzz seeds use it
// too). Both the Assertion and the Response are signed with the IdP credentials.
struct ResponseParams {
  std::string idp_entity_id;
  std::string destination;     // the SP's ACS URL (also the Recipient)
  std::string in_response_to;  // the AuthnRequest ID
  std::string audience;        // the SP entity ID
  absl::Time now;
  absl::Duration validity = absl::Minutes(5);
  std::string level = kSpidL2;
  std::string name_id;  // transient, opaque
  // The NameID's NameQualifier; empty: idp_entity_id (as SPID asks). Tests set another.
  std::string name_qualifier;
  std::string session_index;
  // Name (fiscalNumber, name, ...) and value; dateOfBirth and expirationDate are xs:date.
  std::vector<std::pair<std::string, std::string>> attributes;
  // > 0: an authentication failure (Responder / AuthnFailed, "ErrorCode nr<code>"), no
  // Assertion.
  int spid_error_code = 0;
  // Empty: fresh random IDs.
  std::string response_id;
  std::string assertion_id;
};

absl::StatusOr<std::string> BuildResponse(const ResponseParams& params, const Credentials& idp);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_RESPONSE_BUILDER_H_
