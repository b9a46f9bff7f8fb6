#include "services/booking/store/calendar_json.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "nlohmann/json.hpp"

namespace sisl::booking {

using nlohmann::json;

std::string FormatDay(absl::CivilDay day) { return absl::FormatCivilTime(day); }

bool ParseDay(const std::string& text, absl::CivilDay* day) {
  // absl also accepts shorter forms ("2026-03"); insist on YYYY-MM-DD.
  return text.size() == 10 && absl::ParseCivilTime(text, day);
}

bool ParseClock(const std::string& text, int* minute) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' || !absl::SimpleAtoi(text.substr(0, 2), &h) ||
      !absl::SimpleAtoi(text.substr(3, 2), &m) || h < 0 || m < 0 || m > 59 ||
      h * 60 + m > 24 * 60) {
    return false;
  }
  *minute = h * 60 + m;
  return true;
}

std::string FormatClock(int minute) {
  return absl::StrFormat("%02d:%02d", minute / 60, minute % 60);
}

std::string CalendarDefinitionToJson(const Calendar& c) {
  json bands = json::array();
  for (const auto& b : c.bands) {
    bands.push_back({{"day", static_cast<int>(b.day)},
                     {"start", b.start_minute},
                     {"end", b.end_minute},
                     {"slot", b.slot_minutes},
                     {"seats", b.seats}});
  }
  json exceptions = json::array();
  for (const auto& e : c.exceptions) {
    exceptions.push_back({{"day", FormatDay(e.day)},
                          {"start", e.start_minute},
                          {"end", e.end_minute},
                          {"seats", e.seats},
                          {"reason", e.reason}});
  }
  return json{{"bands", bands}, {"exceptions", exceptions}, {"operators", c.operator_ids}}.dump();
}

absl::Status CalendarDefinitionFromJson(const std::string& text, Calendar* c) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return absl::InternalError("stored calendar definition is not JSON");
  try {
    for (const auto& b : j.at("bands")) {
      c->bands.push_back(TimeBand{static_cast<Weekday>(b.at("day").get<int>()),
                                  b.at("start").get<int>(), b.at("end").get<int>(),
                                  b.at("slot").get<int>(), b.at("seats").get<int>()});
    }
    for (const auto& e : j.at("exceptions")) {
      CalendarException ex;
      if (!ParseDay(e.at("day").get<std::string>(), &ex.day)) {
        return absl::InternalError("stored calendar exception has a bad day");
      }
      ex.start_minute = e.at("start").get<int>();
      ex.end_minute = e.at("end").get<int>();
      ex.seats = e.at("seats").get<int>();
      ex.reason = e.at("reason").get<std::string>();
      c->exceptions.push_back(ex);
    }
    c->operator_ids = j.at("operators").get<std::vector<std::string>>();
  } catch (const json::exception& e) {
    return absl::InternalError(absl::StrCat("stored calendar definition is malformed: ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace sisl::booking
