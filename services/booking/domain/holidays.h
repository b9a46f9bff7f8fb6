#ifndef SISL_BOOKING_DOMAIN_HOLIDAYS_H_
#define SISL_BOOKING_DOMAIN_HOLIDAYS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::booking {

// A day on which CPI offices are closed.
struct Holiday {
  absl::CivilDay day;
  std::string name;
  bool patron = false;  // true for the municipality's patron saint, false for national holidays

  bool operator==(const Holiday&) const = default;
};

// How a municipality's patron saint day falls in a given year.
struct PatronFeastRule {
  enum class Kind {
    kFixed,       // every year on `month`/`day`
    kNthWeekday,  // the `nth` `weekday` of `month` (nth -1 = last), plus `offset_days`
  };

  absl::string_view municipality;  // as ISTAT spells it, e.g. "Ciriè", "Villanova d'Asti"
  absl::string_view saint;         // e.g. "San Giovanni Battista"
  Kind kind = Kind::kFixed;
  int month = 1;
  int day = 1;                                    // kFixed only
  absl::Weekday weekday = absl::Weekday::monday;  // kNthWeekday only
  int nth = 1;                                    // kNthWeekday only: 1..5, or -1 for the last
  int offset_days = 0;  // kNthWeekday only, e.g. +1 for "the Monday after the first Sunday"
};

// The reference table of patron saint days of the municipalities hosting a CPI site (see
// holidays_table.cc). Entries are unique per municipality.
const std::vector<PatronFeastRule>& PatronFeastTable();

// The patron saint rule for a municipality, matched ignoring case, accents, apostrophe style and
// surrounding spaces ("CIRIE'" and "Cirié" both find "Ciriè"); nullopt when the table has none.
std::optional<PatronFeastRule> FindPatronFeast(absl::string_view municipality);

// The day of the patron feast in `year`.
absl::CivilDay PatronFeastDay(const PatronFeastRule& rule, int year);

// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian computus).
absl::CivilDay EasterSunday(int year);

// The Italian national public holidays of `year` (the rules in force since 2001, plus
// 4 October from 2026 by Law 151/2025) followed by the patron saint day of `municipality` when
// the reference table has one. Sorted by day; on a day that is both a national holiday and the
// patron day (e.g. Biella, 26 December) the national entry comes first.
std::vector<Holiday> HolidaysFor(absl::string_view municipality, int year);

// The holidays of one municipality. Computes on demand (a handful of dates per call), so it holds
// no mutable state and is safe to share between threads.
class HolidayCalendar final {
 public:
  explicit HolidayCalendar(std::string municipality);

  const std::string& municipality() const { return municipality_; }

  bool IsHoliday(absl::CivilDay day) const;

  // The names of the holidays on `day` joined by " / ", or nullopt on a working day.
  std::optional<std::string> HolidayName(absl::CivilDay day) const;

  std::vector<Holiday> HolidaysIn(int year) const;

 private:
  std::string municipality_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_HOLIDAYS_H_
