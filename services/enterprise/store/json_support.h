#ifndef SISL_ENTERPRISE_STORE_JSON_SUPPORT_H_
#define SISL_ENTERPRISE_STORE_JSON_SUPPORT_H_

// Helpers shared by the record codecs (json_codec.h).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/platform/errors.h"

namespace sisl::enterprise::store {

using nlohmann::json;

inline std::string DayText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

inline absl::CivilDay DayFrom(const json& j, const char* key) {
  absl::CivilDay day;
  if (j.contains(key) && j[key].is_string()) {
    (void)absl::ParseCivilTime(j[key].get<std::string>(), &day);
  }
  return day;
}

inline std::optional<absl::CivilDay> OptionalDayFrom(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  return DayFrom(j, key);
}

inline int64_t TimeValue(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time TimeFrom(const json& j, const char* key) {
  return absl::FromUnixMicros(j.value(key, int64_t{0}));
}

// Parses a stored record; a damaged one is INTERNAL (reason CORRUPT_RECORD), never a crash.
inline absl::StatusOr<json> ParseRecord(const std::string& text, const char* what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return platform::Error(absl::StatusCode::kInternal, "CORRUPT_RECORD",
                           absl::StrCat("a stored ", what, " record is not valid JSON"));
  }
  return j;
}

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_JSON_SUPPORT_H_
