#include "gateway/spid/web/spid_state.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/redirect_binding.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid::web {
namespace {

constexpr char kVersion[] = "v1";

std::string Encode(const std::vector<std::string>& fields) {
  std::vector<std::string> encoded = {kVersion};
  for (const std::string& f : fields) encoded.push_back(FormUrlEncode(f));
  return absl::StrJoin(encoded, "&");
}

absl::StatusOr<std::vector<std::string>> Decode(const std::string& value, size_t count) {
  std::vector<std::string> parts = absl::StrSplit(value, '&');
  if (parts.size() != count + 1 || parts[0] != kVersion) {
    return absl::DataLossError("unreadable SPID state entry");
  }
  std::vector<std::string> out;
  for (size_t i = 1; i < parts.size(); ++i) {
    std::optional<std::string> decoded = FormUrlDecode(parts[i]);
    if (!decoded.has_value()) return absl::DataLossError("unreadable SPID state entry");
    out.push_back(*std::move(decoded));
  }
  return out;
}

absl::Status Unavailable(const absl::Status& status) {
  return absl::UnavailableError(absl::StrCat("SPID state store: ", status.message()));
}

}  // namespace

absl::Status SpidState::PutLogin(const PendingLogin& l, absl::Duration ttl) {
  absl::Status s = cache_.Set(
      absl::StrCat("spid:req:", l.request_id),
      Encode({l.request_id, l.idp_entity_id, absl::StrCat(l.level), l.issue_instant,
              l.sp_entity_id, l.return_to, l.relay_state, l.binding_hash}),
      ttl);
  return s.ok() ? s : Unavailable(s);
}

absl::StatusOr<PendingLogin> SpidState::ConsumeLogin(const std::string& request_id,
                                                     absl::Duration ttl) {
  ASSIGN_OR_RETURN(const std::string value, Consume("req", request_id, ttl));
  ASSIGN_OR_RETURN(const std::vector<std::string> f, Decode(value, 8));
  PendingLogin l{f[0], f[1], 0, f[3], f[4], f[5], f[6], f[7]};
  if (!absl::SimpleAtoi(f[2], &l.level)) return absl::DataLossError("unreadable level");
  return l;
}

absl::Status SpidState::PutLogout(const PendingLogout& l, absl::Duration ttl) {
  absl::Status s = cache_.Set(absl::StrCat("spid:logout:", l.request_id),
                              Encode({l.request_id, l.idp_entity_id}), ttl);
  return s.ok() ? s : Unavailable(s);
}

absl::StatusOr<PendingLogout> SpidState::ConsumeLogout(const std::string& request_id,
                                                       absl::Duration ttl) {
  ASSIGN_OR_RETURN(const std::string value, Consume("logout", request_id, ttl));
  ASSIGN_OR_RETURN(const std::vector<std::string> f, Decode(value, 2));
  return PendingLogout{f[0], f[1]};
}

absl::StatusOr<bool> SpidState::FirstSeen(const std::string& idp_entity_id,
                                          const std::string& kind, const std::string& id,
                                          absl::Duration ttl) {
  absl::StatusOr<bool> stored = cache_.SetIfAbsent(
      absl::StrCat("spid:seen:", kind, ":", Sha256Hex(absl::StrCat(idp_entity_id, "\n", id))),
      "1", ttl);
  if (!stored.ok()) return Unavailable(stored.status());
  return *stored;
}

absl::StatusOr<std::string> SpidState::Consume(const std::string& kind, const std::string& id,
                                               absl::Duration ttl) {
  if (id.empty() || id.size() > 256) return absl::NotFoundError("no such request");
  std::string key = absl::StrCat("spid:", kind, ":", id);
  absl::StatusOr<std::optional<std::string>> value = cache_.Get(key);
  if (!value.ok()) return Unavailable(value.status());
  if (!value->has_value()) return absl::NotFoundError("no such request");
  absl::StatusOr<bool> first = cache_.SetIfAbsent(absl::StrCat("spid:used:", kind, ":", id), "1", ttl);
  if (!first.ok()) return Unavailable(first.status());
  if (!*first) return absl::AlreadyExistsError("request already used");
  // Best effort: the used-marker already makes the request one-time.
  (void)cache_.Delete(key);
  return **value;
}

}  // namespace sisl::gateway::spid::web
