// Candidate profiles (matching_store.h): the key, CPI, state and dates as columns, the rest of
// the profile as JSON content (profile_json.cc).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/store/json_fields.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kSelect[] =
    "SELECT person_id, given_name, family_name, cpi_code, state, validated_on, expires_on,"
    " warned_expiry, content, updated_at FROM profiles ";

using internal::DayValue;

absl::StatusOr<std::optional<absl::CivilDay>> DayColumn(const RowReader& r, const char* column) {
  return internal::DayColumn(r, column, "profile");
}

absl::StatusOr<std::vector<StoredProfile>> Read(const Result& res) {
  std::vector<StoredProfile> out;
  out.reserve(res.rows.size());
  for (const RowReader& r : Rows(res)) {
    StoredProfile s;
    s.profile.person_id = r.Str("person_id");
    s.profile.cpi_code = r.Str("cpi_code");
    ASSIGN_OR_RETURN(s.profile.validated_on, DayColumn(r, "validated_on"));
    RETURN_IF_ERROR(ProfileContentFromJson(r.Str("content"), s.profile));
    s.given_name = r.Str("given_name");
    s.family_name = r.Str("family_name");
    const std::string state = r.Str("state");
    s.state = internal::EnumOf(ProfileStateName, 3, state, ProfileState::kToValidate);
    if (ProfileStateName(s.state) != state) {
      return internal::CorruptRecord("profile", absl::StrCat("unknown state '", state, "'"));
    }
    ASSIGN_OR_RETURN(s.expires_on, DayColumn(r, "expires_on"));
    ASSIGN_OR_RETURN(s.warned_expiry, DayColumn(r, "warned_expiry"));
    s.updated_at = r.Time("updated_at");
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<std::vector<StoredProfile>> Query(Transaction& tx, const std::string& where,
                                                 const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, where), params));
  return Read(res);
}

}  // namespace

absl::string_view ProfileStateName(ProfileState state) {
  switch (state) {
    case ProfileState::kToValidate:
      return "to_validate";
    case ProfileState::kValidated:
      return "validated";
    case ProfileState::kExpired:
      return "expired";
  }
  return "to_validate";
}

absl::Status ProfileStore::Put(Transaction& tx, const StoredProfile& p) {
  // Appended one by one: GCC 12 sees a false "maybe uninitialized" in a long initializer list
  // of variants.
  std::vector<Value> params;
  params.reserve(10);
  params.emplace_back(p.profile.person_id);
  params.emplace_back(p.given_name);
  params.emplace_back(p.family_name);
  params.emplace_back(p.profile.cpi_code);
  params.emplace_back(std::string(ProfileStateName(p.state)));
  params.push_back(DayValue(p.profile.validated_on));
  params.push_back(DayValue(p.expires_on));
  params.push_back(DayValue(p.warned_expiry));
  params.emplace_back(ProfileContentToJson(p.profile));
  params.emplace_back(absl::ToUnixMicros(p.updated_at));
  return tx
      .Execute(
          "INSERT INTO profiles (person_id, given_name, family_name, cpi_code, state,"
          " validated_on, expires_on, warned_expiry, content, updated_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
          " ON CONFLICT (person_id) DO UPDATE SET given_name = excluded.given_name,"
          " family_name = excluded.family_name, cpi_code = excluded.cpi_code,"
          " state = excluded.state, validated_on = excluded.validated_on,"
          " expires_on = excluded.expires_on, warned_expiry = excluded.warned_expiry,"
          " content = excluded.content, updated_at = excluded.updated_at",
          params)
      .status();
}

absl::StatusOr<std::optional<StoredProfile>> ProfileStore::Find(Transaction& tx,
                                                                const std::string& person_id) {
  ASSIGN_OR_RETURN(std::vector<StoredProfile> found,
                   Query(tx, "WHERE person_id = $1", {person_id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<std::vector<StoredProfile>> ProfileStore::OfCpi(Transaction& tx,
                                                               const std::string& cpi_code,
                                                               std::optional<ProfileState> state,
                                                               const std::string& after_person_id,
                                                               int limit) {
  if (state) {
    return Query(
        tx,
        "WHERE cpi_code = $1 AND state = $2 AND person_id > $3"
        " ORDER BY person_id LIMIT $4",
        {cpi_code, std::string(ProfileStateName(*state)), after_person_id, int64_t{limit}});
  }
  return Query(tx, "WHERE cpi_code = $1 AND person_id > $2 ORDER BY person_id LIMIT $3",
               {cpi_code, after_person_id, int64_t{limit}});
}

absl::StatusOr<std::vector<StoredProfile>> ProfileStore::Page(Transaction& tx,
                                                              const std::string& after_person_id,
                                                              int limit) {
  return Query(tx, "WHERE person_id > $1 ORDER BY person_id LIMIT $2",
               {after_person_id, int64_t{limit}});
}

absl::StatusOr<std::vector<StoredProfile>> ProfileStore::ToWarn(Transaction& tx, absl::CivilDay day,
                                                                int limit) {
  return Query(tx,
               "WHERE state = 'validated' AND expires_on <= $1 AND (warned_expiry IS NULL"
               " OR warned_expiry <> expires_on) ORDER BY expires_on, person_id LIMIT $2",
               {absl::FormatCivilTime(day), int64_t{limit}});
}

absl::StatusOr<std::vector<StoredProfile>> ProfileStore::Expired(Transaction& tx,
                                                                 absl::CivilDay day, int limit) {
  return Query(tx,
               "WHERE state = 'validated' AND expires_on < $1 ORDER BY expires_on, person_id"
               " LIMIT $2",
               {absl::FormatCivilTime(day), int64_t{limit}});
}

}  // namespace sisl::matching::store
