#include "services/notifications/app/values_json.h"

#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

absl::Status Bad(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "VALUES_JSON",
                         absl::StrCat("stored message values: ", why));
}

}  // namespace

std::string ValuesToJson(const MessageValues& values) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : values.values()) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            out[name] = {{"text", v}};
          } else if constexpr (std::is_same_v<T, bool>) {
            out[name] = {{"flag", v}};
          } else if constexpr (std::is_same_v<T, absl::Time>) {
            out[name] = {{"time", absl::ToUnixSeconds(v)}};
          } else {
            out[name] = {{"date", absl::FormatCivilTime(v)}};
          }
        },
        value);
  }
  return out.dump();
}

absl::StatusOr<MessageValues> ValuesFromJson(absl::string_view json) {
  const nlohmann::json in = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!in.is_object()) return Bad("not an object");
  MessageValues values;
  for (const auto& [name, value] : in.items()) {
    if (!value.is_object() || value.size() != 1) return Bad(absl::StrCat("value of ", name));
    const std::string kind = value.begin().key();
    const nlohmann::json& v = value.begin().value();
    if (kind == "text" && v.is_string()) {
      values.SetText(name, v.get<std::string>());
    } else if (kind == "flag" && v.is_boolean()) {
      values.SetFlag(name, v.get<bool>());
    } else if (kind == "time" && v.is_number_integer()) {
      values.SetDateTime(name, absl::FromUnixSeconds(v.get<int64_t>()));
    } else if (kind == "date" && v.is_string()) {
      absl::CivilDay day;
      if (!absl::ParseCivilTime(v.get<std::string>(), &day)) return Bad(name);
      values.SetDate(name, day);
    } else {
      return Bad(absl::StrCat("kind of ", name));
    }
  }
  return values;
}

}  // namespace sisl::notifications
