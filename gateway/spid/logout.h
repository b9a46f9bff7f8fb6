#ifndef SISL_GATEWAY_SPID_LOGOUT_H_
#define SISL_GATEWAY_SPID_LOGOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

struct SamlMessage {
  std::string id;
  std::string xml;
};

struct LogoutRequestParams {
  std::string issuer;       // the sender's entity ID
  std::string destination;  // the receiver's SingleLogoutService URL
  std::string name_id;      // from the assertion
  std::string name_id_qualifier;
  std::string session_index;  // may be empty
  absl::Time now;
};
// Signed (enveloped) when `sign_with` is set (HTTP-POST); unsigned for HTTP-Redirect.
absl::StatusOr<SamlMessage> BuildLogoutRequest(const LogoutRequestParams& params,
                                               const Credentials* sign_with);

struct LogoutResponseParams {
  std::string issuer;
  std::string destination;
  std::string in_response_to;
  absl::Time now;
  bool success = true;  // otherwise urn:...:status:Responder (partial logout)
};
absl::StatusOr<SamlMessage> BuildLogoutResponse(const LogoutResponseParams& params,
                                                const Credentials* sign_with);

// The checks shared by both logout messages: Version 2.0, ID, IssueInstant within the skew,
// Destination (when present) equal to `expected_destination`, Issuer equal to
// `expected_issuer`, and — when `keys` is set — an enveloped signature verifying with them.
// Without `keys` the caller must have verified the HTTP-Redirect query signature.
struct LogoutChecks {
  std::string expected_destination;
  std::string expected_issuer;
  absl::Time now;
  absl::Duration clock_skew = absl::Minutes(2);
  const std::vector<PublicKey>* keys = nullptr;
};

struct ReceivedLogoutRequest {
  std::string id;
  std::string issuer;
  std::string name_id;
  std::string name_id_qualifier;
  std::vector<std::string> session_indexes;
};
absl::StatusOr<ReceivedLogoutRequest> ParseLogoutRequest(std::string_view xml,
                                                         const LogoutChecks& checks);

struct ReceivedLogoutResponse {
  std::string id;
  std::string issuer;
  std::string in_response_to;
  bool success = false;
};
absl::StatusOr<ReceivedLogoutResponse> ParseLogoutResponse(std::string_view xml,
                                                           const LogoutChecks& checks);

// The root element's local name ("LogoutRequest", "LogoutResponse", ...) and its Issuer, read
// without any check, to choose the IdP whose keys then verify the message.
struct MessagePeek {
  std::string root;
  std::string issuer;
};
absl::StatusOr<MessagePeek> PeekMessage(std::string_view xml);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_LOGOUT_H_
