#ifndef SISL_GATEWAY_SESSION_ROTATED_COOKIE_H_
#define SISL_GATEWAY_SESSION_ROTATED_COOKIE_H_

#include "gateway/http/http_types.h"

namespace sisl::gateway::session {

// Runs `handle` on `request`. When the session id changed while it ran (Identity::Resolve
// rewrites the request's session cookie after a roles re-check rotated the id), the answer
// carries the new cookie (SessionCookie(id, secure)), unless the handler set or cleared the
// session cookie itself. Handlers resolve the session on the calling thread before `handle`
// returns; an answer given before then is held until `handle` has returned.
void HandleWithSessionRotation(http::Request& request, http::Respond respond, bool secure,
                               const http::Handler& handle);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_ROTATED_COOKIE_H_
