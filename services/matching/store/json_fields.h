// Internal to store/: reading and writing the JSON records (profile content, vacancy replica) and
// the day columns.
// Enums are stored by the domain's names (never rename one: the database keeps them), days as
// "YYYY-MM-DD"; unknown members are ignored, missing ones take their defaults, and a record that
// is not such JSON is DATA_LOSS CORRUPT_RECORD, never a crash.
#ifndef SISL_SERVICES_MATCHING_STORE_JSON_FIELDS_H_
#define SISL_SERVICES_MATCHING_STORE_JSON_FIELDS_H_

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "nlohmann/json.hpp"
#include "services/platform/db/database.h"
#include "services/platform/errors.h"

namespace sisl::matching::store::internal {

using nlohmann::json;

// A member present with a value the record cannot hold (thrown by the readers, caught by Decode).
struct BadMember {
  std::string key;
};

inline std::string DayText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

// nullopt when absent or null; BadMember when not a "YYYY-MM-DD" string.
inline std::optional<absl::CivilDay> OptionalDay(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  absl::CivilDay day;
  if (!j.at(key).is_string() || !absl::ParseCivilTime(j.at(key).get<std::string>(), &day)) {
    throw BadMember{key};
  }
  return day;
}

// The enum value named `name` by the domain's `name_of` among the enum's `count` values
// (0 .. count-1); `fallback` for a name this version does not know.
template <typename E>
E EnumOf(absl::string_view (*name_of)(E), int count, absl::string_view name, E fallback) {
  for (int i = 0; i < count; ++i) {
    if (name_of(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  return fallback;
}

// The enum value stored under `key` (see EnumOf); `fallback` when absent.
template <typename E>
E EnumFrom(const json& j, const char* key, absl::string_view (*name_of)(E), int count, E fallback) {
  if (!j.contains(key)) return fallback;
  return EnumOf(name_of, count, j.at(key).get<std::string>(), fallback);
}

template <typename E>
std::string EnumName(absl::string_view (*name_of)(E), E value) {
  return std::string(name_of(value));
}

inline absl::Status CorruptRecord(absl::string_view what, absl::string_view detail) {
  return platform::Error(absl::StatusCode::kDataLoss, "CORRUPT_RECORD",
                         absl::StrCat("a stored ", what, " is not valid: ", detail));
}

// Parses `text` as a JSON object and runs `fill` on it; a parse failure, a member of the wrong
// type (nlohmann's exceptions) or a BadMember is CORRUPT_RECORD.
template <typename Fill>
absl::Status Decode(const std::string& text, absl::string_view what, Fill&& fill) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return CorruptRecord(what, "not a JSON object");
  try {
    std::forward<Fill>(fill)(j);
  } catch (const json::exception& e) {
    return CorruptRecord(what, e.what());
  } catch (const BadMember& b) {
    return CorruptRecord(what, absl::StrCat("bad member '", b.key, "'"));
  }
  return absl::OkStatus();
}

// A day column: NULL for none.
inline platform::db::Value DayValue(const std::optional<absl::CivilDay>& day) {
  if (!day) return std::monostate{};
  return absl::FormatCivilTime(*day);
}

// A day column read back (nullopt for NULL); CORRUPT_RECORD of `what` when it is not a day.
inline absl::StatusOr<std::optional<absl::CivilDay>> DayColumn(const platform::db::RowReader& r,
                                                               const char* column,
                                                               absl::string_view what) {
  if (r.IsNull(column)) return std::nullopt;
  absl::CivilDay day;
  if (!absl::ParseCivilTime(r.Str(column), &day)) {
    return CorruptRecord(what, absl::StrCat(column, " is not a day"));
  }
  return day;
}

}  // namespace sisl::matching::store::internal

#endif  // SISL_SERVICES_MATCHING_STORE_JSON_FIELDS_H_
