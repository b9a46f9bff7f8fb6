#ifndef SISL_GATEWAY_SPID_AUTHN_REQUEST_H_
#define SISL_GATEWAY_SPID_AUTHN_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

struct AuthnRequestParams {
  std::string sp_entity_id;  // Issuer (with NameQualifier)
  std::string destination;   // the IdP's SingleSignOnService URL for the binding used
  int level = 2;             // RequestedAuthnContext Comparison="minimum"; ForceAuthn for 2 and 3
  int assertion_consumer_service_index = 0;
  int attribute_consuming_service_index = 0;
  absl::Time now;
};

struct AuthnRequest {
  std::string id;
  std::string issue_instant;  // seconds precision, as sent
  std::string xml;
};

// A SPID AuthnRequest: Version 2.0, IssueInstant without fraction, Destination, ForceAuthn
// for SpidL2/L3, AssertionConsumerServiceIndex, AttributeConsumingServiceIndex, Issuer with
// NameQualifier and entity Format, NameIDPolicy transient without AllowCreate,
// RequestedAuthnContext minimum; no IsPassive. Signed (enveloped) when `sign_with` is set
// (HTTP-POST); unsigned for HTTP-Redirect, whose query string carries the signature.
absl::StatusOr<AuthnRequest> BuildAuthnRequest(const AuthnRequestParams& params,
                                               const Credentials* sign_with);

// An AuthnRequest as an IdP reads it (the development IdP).
struct ReceivedAuthnRequest {
  std::string id;
  std::string issuer;
  std::string destination;
  absl::Time issue_instant;
  int level = 0;  // from RequestedAuthnContext (0 when absent)
  bool force_authn = false;
  std::optional<int> assertion_consumer_service_index;
  std::string assertion_consumer_service_url;
  std::optional<int> attribute_consuming_service_index;
};

// Parses an AuthnRequest; when `keys` is set the enveloped signature must verify with them
// (HTTP-POST), otherwise the caller has verified the HTTP-Redirect query signature.
absl::StatusOr<ReceivedAuthnRequest> ParseAuthnRequest(std::string_view xml,
                                                       const std::vector<PublicKey>* keys);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_AUTHN_REQUEST_H_
