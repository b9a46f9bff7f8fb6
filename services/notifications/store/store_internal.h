// Internal to store/: reading enum and time columns, and the lease compare-and-set shared by the
// ledger and the reminder jobs.
#ifndef SISL_SERVICES_NOTIFICATIONS_STORE_STORE_INTERNAL_H_
#define SISL_SERVICES_NOTIFICATIONS_STORE_STORE_INTERNAL_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/notifications/domain/types.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/db/database.h"
#include "services/platform/errors.h"

namespace sisl::notifications::store::internal {

inline constexpr std::array<MessageState, 5> kAllMessageStates = {
    MessageState::kQueued, MessageState::kSending, MessageState::kSent, MessageState::kFailed,
    MessageState::kDead};

inline absl::Status CorruptRecord(absl::string_view what, absl::string_view detail) {
  return platform::Error(absl::StatusCode::kDataLoss, "CORRUPT_RECORD",
                         absl::StrCat("stored ", what, " is corrupt: ", detail));
}

inline absl::Status LeaseLost(absl::string_view what) {
  return platform::Error(absl::StatusCode::kAborted, "LEASE_LOST",
                         absl::StrCat("the ", what, " is no longer held by this worker"));
}

inline std::optional<absl::Time> OptionalTime(const platform::db::RowReader& r,
                                              absl::string_view column) {
  if (r.IsNull(column)) return std::nullopt;
  return r.Time(column);
}

inline platform::db::Value TextOrNull(const std::string& s) {
  return s.empty() ? platform::db::Value() : platform::db::Value(s);
}

// The channel and language columns; CORRUPT_RECORD for a name the domain does not know.
inline absl::Status ReadChannelAndLanguage(const platform::db::RowReader& r, absl::string_view what,
                                           Channel& channel, Language& language) {
  const std::optional<Channel> c = ChannelFromName(r.Str("channel"));
  const std::string code = r.Str("language");
  language = LanguageFromTag(code);
  if (!c || LanguageCode(language) != code) return CorruptRecord(what, "unknown channel or language");
  channel = *c;
  return absl::OkStatus();
}

// The compare-and-set of ClaimDue: runs `update` (its $1 the key, then `fixed` from $2) for each
// of `keys` in order and returns those it changed (exactly one row each).
inline absl::StatusOr<std::vector<std::string>> ClaimEach(platform::db::Transaction& tx,
                                                          absl::string_view update,
                                                          const std::vector<std::string>& keys,
                                                          const std::vector<platform::db::Value>& fixed) {
  std::vector<std::string> claimed;
  std::vector<platform::db::Value> params;
  params.reserve(fixed.size() + 1);
  params.emplace_back(std::string());
  params.insert(params.end(), fixed.begin(), fixed.end());
  for (const std::string& key : keys) {
    params[0] = key;
    absl::StatusOr<platform::db::Result> res = tx.Execute(update, params);
    if (!res.ok()) return res.status();
    if (res->affected_rows == 1) claimed.push_back(key);
  }
  return claimed;
}

}  // namespace sisl::notifications::store::internal

#endif  // SISL_SERVICES_NOTIFICATIONS_STORE_STORE_INTERNAL_H_
