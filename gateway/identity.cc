#include "gateway/identity.h"

#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/session/session.h"
#include "gateway/session/session_cookie.h"
#include "gateway/spid/levels.h"

namespace sisl::gateway {

absl::StatusOr<std::optional<session::Session>> Identity::Resolve(http::Request& request) {
  auto cookie = request.Cookie(session::kSessionCookieName);
  if (!cookie || !session::LooksLikeSessionId(*cookie)) return std::nullopt;
  auto found = sessions_.Get(*cookie);
  if (!found.ok() || !found->has_value()) return found;
  if ((*found)->id != *cookie) request.cookies[session::kSessionCookieName] = (*found)->id;
  if (auto touched = sessions_.Touch(**found); !touched.ok()) {
    // The absolute timeout passed between the read and the touch: the session is over.
    if (touched.status().code() == absl::StatusCode::kFailedPrecondition) return std::nullopt;
    return touched.status();
  }
  return found;
}

platform::auth::Caller Identity::CallerOf(const session::Session& s) const {
  platform::auth::Caller caller;
  caller.subject = person_ids_.PersonId(s.fiscal_code);
  if (s.selected_role) {
    caller.role = s.selected_role->role;
    caller.cpi_code = s.selected_role->cpi_code;
    caller.acting_for = s.selected_role->acting_for;
    if (session::IsCompanyRole(caller.role)) {
      caller.scopes = s.selected_role->scopes;
      caller.company_role = s.selected_role->company_role;
    }
  }
  if (caller.role == platform::auth::Role::kCitizen) caller.fiscal_code = s.fiscal_code;
  caller.spid_level = spid::LevelFromUri(s.level);
  return caller;
}

std::string Identity::MintToken(const session::Session& s, absl::string_view audience) const {
  return tokens_.Sign(CallerOf(s), audience, token_ttl_);
}

std::string AudienceOf(absl::string_view grpc_path) {
  absl::ConsumePrefix(&grpc_path, "/");
  std::vector<absl::string_view> parts = absl::StrSplit(grpc_path, '.');
  return parts.size() >= 2 ? std::string(parts[1]) : std::string();
}

}  // namespace sisl::gateway
