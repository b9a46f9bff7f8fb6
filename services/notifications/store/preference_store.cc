// The citizens' preferences (notifications_store.h): channels as their names joined by ',',
// the language as its ISO 639-1 code.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/notifications/store/notifications_store.h"
#include "services/notifications/store/store_internal.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications::store {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

absl::StatusOr<std::optional<Preferences>> PreferenceStore::Get(Transaction& tx,
                                                                const std::string& person_id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT person_id, channels, language, email, mobile, updated_at FROM preferences"
                              " WHERE person_id = $1",
                              {person_id}));
  if (res.rows.empty()) return std::nullopt;
  const RowReader r = Rows(res).front();
  Preferences p;
  p.person_id = r.Str("person_id");
  for (absl::string_view name : absl::StrSplit(r.Str("channels"), ',', absl::SkipEmpty())) {
    const std::optional<Channel> channel = ChannelFromName(name);
    if (!channel) return internal::CorruptRecord("preferences", "unknown channel");
    p.channels.push_back(*channel);
  }
  const std::string code = r.Str("language");
  p.language = LanguageFromTag(code);
  if (LanguageCode(p.language) != code) {
    return internal::CorruptRecord("preferences", "unknown language");
  }
  p.email = r.Str("email");
  p.mobile = r.Str("mobile");
  p.updated_at = r.Time("updated_at");
  return p;
}

absl::Status PreferenceStore::Put(Transaction& tx, const Preferences& p) {
  std::vector<std::string> names;
  for (Channel c : p.channels) {
    const std::string name(ChannelName(c));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return tx
      .Execute("INSERT INTO preferences (person_id, channels, language, email, mobile,"
               " updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id) DO UPDATE"
               " SET channels = excluded.channels, language = excluded.language, email ="
               " excluded.email, mobile = excluded.mobile, updated_at = excluded.updated_at",
               {p.person_id, absl::StrJoin(names, ","), std::string(LanguageCode(p.language)),
                p.email, p.mobile, absl::ToUnixMicros(p.updated_at)})
      .status();
}

}  // namespace sisl::notifications::store
