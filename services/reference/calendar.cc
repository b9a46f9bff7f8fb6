#include "services/reference/calendar.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/csv.h"
#include "services/reference/data_files.h"
#include "services/reference/text_folding.h"

namespace sisl::reference {
namespace {

absl::CivilDay NthWeekday(int year, int month, absl::Weekday weekday, int nth) {
  if (nth < 0) return absl::PrevWeekday(absl::CivilDay(year, month + 1, 1), weekday);
  const absl::CivilDay day_before_first = absl::CivilDay(year, month, 1) - 1;
  return absl::NextWeekday(day_before_first, weekday) + 7 * (std::max(nth, 1) - 1);
}

std::optional<absl::Weekday> ParseWeekday(absl::string_view name) {
  constexpr std::pair<absl::string_view, absl::Weekday> kNames[] = {
      {"monday", absl::Weekday::monday},       {"tuesday", absl::Weekday::tuesday},
      {"wednesday", absl::Weekday::wednesday}, {"thursday", absl::Weekday::thursday},
      {"friday", absl::Weekday::friday},       {"saturday", absl::Weekday::saturday},
      {"sunday", absl::Weekday::sunday}};
  for (const auto& [n, w] : kNames) {
    if (n == name) return w;
  }
  return std::nullopt;
}

const std::string& Text(const platform::CsvRecord& r, const std::string& field) {
  static const std::string* const kEmpty = new std::string;
  auto it = r.find(field);
  return it == r.end() ? *kEmpty : it->second;
}

int Int(const platform::CsvRecord& r, const std::string& field, bool* ok) {
  int value = 0;
  if (!absl::SimpleAtoi(Text(r, field), &value)) *ok = false;
  return value;
}

std::optional<PatronFeastRule> ParseRule(const platform::CsvRecord& r) {
  PatronFeastRule rule;
  rule.istat_code = Text(r, "istat_code");
  rule.municipality = Text(r, "municipality");
  rule.province_code = Text(r, "province_code");
  rule.saint = Text(r, "saint");
  bool ok = !rule.istat_code.empty() && !rule.saint.empty();
  rule.month = Int(r, "month", &ok);
  if (Text(r, "kind") == "fixed") {
    rule.kind = PatronFeastRule::Kind::kFixed;
    rule.day = Int(r, "day", &ok);
  } else if (Text(r, "kind") == "nth_weekday") {
    rule.kind = PatronFeastRule::Kind::kNthWeekday;
    std::optional<absl::Weekday> weekday = ParseWeekday(Text(r, "weekday"));
    ok = ok && weekday.has_value();
    rule.weekday = weekday.value_or(absl::Weekday::monday);
    rule.nth = Int(r, "nth", &ok);
    rule.offset_days = Int(r, "offset_days", &ok);
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return rule;
}

// Easter Sunday and the day after, which NationalHolidays() lists by name.
bool IsEasterOrEasterMonday(absl::CivilDay day) {
  const absl::CivilDay easter = EasterSunday(static_cast<int>(day.year()));
  return day == easter || day == easter + 1;
}

// A faster IsHoliday for the national list, as working-day loops ask it of every day.
bool IsNationalHoliday(absl::CivilDay day) {
  constexpr std::pair<int, int> kFixed[] = {{1, 1},  {1, 6},  {4, 25}, {5, 1},   {6, 2},
                                            {8, 15}, {11, 1}, {12, 8}, {12, 25}, {12, 26}};
  for (const auto& [month, d] : kFixed) {
    if (day.month() == month && day.day() == d) return true;
  }
  if (day.year() >= 2026 && day.month() == 10 && day.day() == 4) return true;
  return IsEasterOrEasterMonday(day);
}

}  // namespace

const std::vector<PatronFeastRule>& PatronFeastTable() {
  static const auto* const kTable = [] {
    auto* out = new std::vector<PatronFeastRule>;
    absl::StatusOr<absl::string_view> csv = DataFile("patron_saints.csv");
    if (!csv.ok()) std::abort();
    absl::StatusOr<std::vector<platform::CsvRecord>> records = platform::ParseCsv(*csv);
    if (!records.ok()) std::abort();  // the unit tests parse the same data
    for (const platform::CsvRecord& r : *records) {
      std::optional<PatronFeastRule> rule = ParseRule(r);
      if (!rule.has_value()) std::abort();
      out->push_back(*std::move(rule));
    }
    return out;
  }();
  return *kTable;
}

const PatronFeastRule* FindPatronFeastByIstatCode(absl::string_view istat_code) {
  for (const PatronFeastRule& rule : PatronFeastTable()) {
    if (rule.istat_code == istat_code) return &rule;
  }
  return nullptr;
}

const PatronFeastRule* FindPatronFeastByName(absl::string_view municipality) {
  const std::string wanted = FoldPlaceName(municipality);
  if (wanted.empty()) return nullptr;
  for (const PatronFeastRule& rule : PatronFeastTable()) {
    if (FoldPlaceName(rule.municipality) == wanted) return &rule;
  }
  return nullptr;
}

absl::CivilDay PatronFeastDay(const PatronFeastRule& rule, int year) {
  if (rule.kind == PatronFeastRule::Kind::kFixed) {
    return absl::CivilDay(year, rule.month, rule.day);
  }
  return NthWeekday(year, rule.month, rule.weekday, rule.nth) + rule.offset_days;
}

absl::CivilDay EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return absl::CivilDay(year, month, day);
}

std::vector<Holiday> NationalHolidays(int year) {
  const absl::CivilDay easter = EasterSunday(year);
  std::vector<Holiday> out = {
      {absl::CivilDay(year, 1, 1), "Capodanno"},
      {absl::CivilDay(year, 1, 6), "Epifania"},
      {easter, "Pasqua"},
      {easter + 1, "Lunedì dell'Angelo"},
      {absl::CivilDay(year, 4, 25), "Festa della Liberazione"},
      {absl::CivilDay(year, 5, 1), "Festa del Lavoro"},
      {absl::CivilDay(year, 6, 2), "Festa della Repubblica"},
      {absl::CivilDay(year, 8, 15), "Ferragosto"},
      {absl::CivilDay(year, 11, 1), "Ognissanti"},
      {absl::CivilDay(year, 12, 8), "Immacolata Concezione"},
      {absl::CivilDay(year, 12, 25), "Natale"},
      {absl::CivilDay(year, 12, 26), "Santo Stefano"},
  };
  if (year >= 2026) {  // Law 151/2025 restores 4 October as a national holiday
    out.push_back({absl::CivilDay(year, 10, 4), "San Francesco d'Assisi"});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& x, const Holiday& y) { return x.day < y.day; });
  return out;
}

std::vector<Holiday> HolidaysFor(const PatronFeastRule* patron, int year) {
  std::vector<Holiday> out = NationalHolidays(year);
  if (patron != nullptr) {
    out.push_back({PatronFeastDay(*patron, year), absl::StrCat(patron->saint, " (santo patrono)"),
                   /*patron=*/true});
  }
  std::stable_sort(out.begin(), out.end(), [](const Holiday& x, const Holiday& y) {
    return std::pair(x.day, x.patron) < std::pair(y.day, y.patron);
  });
  return out;
}

bool HolidayCalendar::IsHoliday(absl::CivilDay day) const {
  return IsNationalHoliday(day) ||
         (patron_ != nullptr && PatronFeastDay(*patron_, static_cast<int>(day.year())) == day);
}

std::optional<std::string> HolidayCalendar::HolidayName(absl::CivilDay day) const {
  if (!IsHoliday(day)) return std::nullopt;
  std::vector<std::string> names;
  for (const Holiday& holiday : HolidaysIn(static_cast<int>(day.year()))) {
    if (holiday.day == day) names.push_back(holiday.name);
  }
  return absl::StrJoin(names, " / ");
}

bool IsWorkingDay(absl::CivilDay day, const WorkingDayRules& rules) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  if (rules.skip_saturdays && weekday == absl::Weekday::saturday) return false;
  if (rules.skip_sundays && weekday == absl::Weekday::sunday) return false;
  if (rules.skip_national_holidays && IsNationalHoliday(day)) return false;
  if (!rules.patron_istat_code.empty()) {
    const PatronFeastRule* patron = FindPatronFeastByIstatCode(rules.patron_istat_code);
    if (patron != nullptr && PatronFeastDay(*patron, static_cast<int>(day.year())) == day) {
      return false;
    }
  }
  return true;
}

absl::CivilDay AddWorkingDays(absl::CivilDay day, int n, const WorkingDayRules& rules) {
  if (n == 0) {
    while (!IsWorkingDay(day, rules)) ++day;
    return day;
  }
  const int step = n > 0 ? 1 : -1;
  for (int left = n > 0 ? n : -n; left > 0;) {
    day += step;
    if (IsWorkingDay(day, rules)) --left;
  }
  return day;
}

int WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to, const WorkingDayRules& rules) {
  int count = 0;
  for (absl::CivilDay d = from + 1; d <= to; ++d) {
    if (IsWorkingDay(d, rules)) ++count;
  }
  for (absl::CivilDay d = to; d < from; ++d) {
    if (IsWorkingDay(d, rules)) --count;
  }
  return count;
}

}  // namespace sisl::reference
