#include "services/booking/domain/holidays.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sisl::booking {
namespace {

// Folds a municipality name for matching: ASCII lower case, the accented vowels of Italian
// (UTF-8 two-byte sequences à è é ì ò ù and capitals) to plain vowels, the typographic
// apostrophe and the backtick to ', runs of spaces to one space, no surrounding spaces. An
// accent written as a trailing apostrophe ("CIRIE'") is dropped at the end of the name.
std::string FoldName(absl::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      const unsigned char n = static_cast<unsigned char>(name[i + 1]) | 0x20;  // fold capitals
      char plain = 0;
      if (n == 0xA0 || n == 0xA1) plain = 'a';
      if (n == 0xA8 || n == 0xA9) plain = 'e';
      if (n == 0xAC || n == 0xAD) plain = 'i';
      if (n == 0xB2 || n == 0xB3) plain = 'o';
      if (n == 0xB9 || n == 0xBA) plain = 'u';
      if (plain != 0) {
        out.push_back(plain);
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && name.substr(i, 3) == "\xE2\x80\x99") {  // right single quotation mark
      out.push_back('\'');
      i += 2;
      continue;
    }
    if (c == '`') {
      out.push_back('\'');
      continue;
    }
    if (absl::ascii_isspace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(absl::ascii_tolower(c));
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\'')) out.pop_back();
  return out;
}

absl::CivilDay NthWeekday(int year, int month, absl::Weekday weekday, int nth) {
  if (nth < 0) {
    const absl::CivilDay first_of_next_month(year, month + 1, 1);
    return absl::PrevWeekday(first_of_next_month, weekday);
  }
  const absl::CivilDay day_before_first = absl::CivilDay(year, month, 1) - 1;
  return absl::NextWeekday(day_before_first, weekday) + 7 * (std::max(nth, 1) - 1);
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
  return out;
}

}  // namespace

std::optional<PatronFeastRule> FindPatronFeast(absl::string_view municipality) {
  const std::string wanted = FoldName(municipality);
  if (wanted.empty()) return std::nullopt;
  for (const PatronFeastRule& rule : PatronFeastTable()) {
    if (FoldName(rule.municipality) == wanted) return rule;
  }
  return std::nullopt;
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

std::vector<Holiday> HolidaysFor(absl::string_view municipality, int year) {
  std::vector<Holiday> out = NationalHolidays(year);
  if (std::optional<PatronFeastRule> rule = FindPatronFeast(municipality)) {
    out.push_back({PatronFeastDay(*rule, year), absl::StrCat(rule->saint, " (santo patrono)"),
                   /*patron=*/true});
  }
  std::stable_sort(out.begin(), out.end(), [](const Holiday& x, const Holiday& y) {
    return std::pair(x.day, x.patron) < std::pair(y.day, y.patron);
  });
  return out;
}

HolidayCalendar::HolidayCalendar(std::string municipality)
    : municipality_(std::move(municipality)) {}

bool HolidayCalendar::IsHoliday(absl::CivilDay day) const { return HolidayName(day).has_value(); }

std::optional<std::string> HolidayCalendar::HolidayName(absl::CivilDay day) const {
  std::vector<std::string> names;
  for (const Holiday& holiday : HolidaysFor(municipality_, static_cast<int>(day.year()))) {
    if (holiday.day == day) names.push_back(holiday.name);
  }
  if (names.empty()) return std::nullopt;
  return absl::StrJoin(names, " / ");
}

std::vector<Holiday> HolidayCalendar::HolidaysIn(int year) const {
  return HolidaysFor(municipality_, year);
}

}  // namespace sisl::booking
