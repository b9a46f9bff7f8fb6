#ifndef SISL_GATEWAY_SPID_WEB_ERROR_PAGES_H_
#define SISL_GATEWAY_SPID_WEB_ERROR_PAGES_H_

#include "absl/status/status.h"
#include "gateway/http/http_types.h"

namespace sisl::gateway::spid::web {

// Why a SPID/CIE step was refused; each has its Italian and English text.
enum class SpidError {
  kBadRequest,         // missing or malformed parameters
  kUnknownIdp,         // idp= not registered
  kUnsafeReturnPath,   // return_to not a local path
  kInvalidResponse,    // malformed SAML, wrong formats or values
  kUnknownRequest,     // no pending request (expired, never sent, wrong RelayState)
  kReplay,             // request or assertion already used
  kOtherBrowser,       // browser-binding cookie missing or different
  kInvalidSignature,   // unsigned, or not signed with the IdP's metadata key
  kNotForUs,           // Destination, Recipient, Audience, Issuer, InResponseTo
  kExpired,            // outside the validity window
  kLevelTooLow,        // authenticated with a lower SPID level than requested
  kIdpFailure,         // the IdP answered with an error status (see spid_code)
  kLogoutFailed,
  kUnavailable,        // state store down (503)
};

// The HTML page for `error`: status 400 or 403 (503 for kUnavailable), lang="it" with the
// English text alongside, a link back to "/". `spid_code` (19..25) selects the SPID
// anomaly message for kIdpFailure.
http::Response ErrorPage(SpidError error, int spid_code = 0);

// The page for a failed SAML validation, from the validator's status code.
http::Response ErrorPageFor(const absl::Status& status);

}  // namespace sisl::gateway::spid::web

#endif  // SISL_GATEWAY_SPID_WEB_ERROR_PAGES_H_
