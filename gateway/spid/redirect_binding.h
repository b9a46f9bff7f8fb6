#ifndef SISL_GATEWAY_SPID_REDIRECT_BINDING_H_
#define SISL_GATEWAY_SPID_REDIRECT_BINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

// Percent-encoding as in application/x-www-form-urlencoded (Python's quote_plus): letters,
// digits and "-_.~" stay, space becomes '+', everything else %XX (upper case).
std::string FormUrlEncode(std::string_view value);
// The inverse; nullopt on a malformed escape.
std::optional<std::string> FormUrlDecode(std::string_view value);

// The signed query string of the SAML HTTP-Redirect binding (SAML bindings 3.4.4.1):
// "<param>=<enc>[&RelayState=<enc>]&SigAlg=<enc>&Signature=<enc>", RSA-SHA256.
// `param` is "SAMLRequest" or "SAMLResponse"; `deflated_base64` the DEFLATE+base64 message.
absl::StatusOr<std::string> SignRedirectQuery(std::string_view param,
                                              std::string_view deflated_base64,
                                              std::string_view relay_state,
                                              const Credentials& credentials);

// A received HTTP-Redirect query, split into its raw (still encoded) parameters.
struct RedirectQuery {
  std::string param;          // "SAMLRequest" or "SAMLResponse"
  std::string message;        // decoded value (DEFLATE+base64)
  std::optional<std::string> relay_state;  // decoded
  std::string raw_message;    // as received
  std::optional<std::string> raw_relay_state;
  std::string raw_sig_alg;
  std::string sig_alg;        // decoded
  std::string signature;      // decoded (base64)
};
absl::StatusOr<RedirectQuery> ParseRedirectQuery(std::string_view raw_query);

// Verifies the query signature over the octets exactly as received: only RSA-SHA256/384/512,
// keys only from metadata.
absl::Status VerifyRedirectQuery(const RedirectQuery& query, const std::vector<PublicKey>& keys);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_REDIRECT_BINDING_H_
