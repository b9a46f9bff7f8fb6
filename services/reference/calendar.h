#ifndef SISL_REFERENCE_CALENDAR_H_
#define SISL_REFERENCE_CALENDAR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::reference {

// Italian public holidays, patron saint days and working-day arithmetic (DOMAIN.md §10, §11).

// A day on which offices are closed.
struct Holiday {
  absl::CivilDay day;
  std::string name;
  bool patron = false;  // true for the municipality's patron saint, false for national holidays

  bool operator==(const Holiday&) const = default;
};

// How a municipality's patron saint day falls in a given year (data/patron_saints.csv).
struct PatronFeastRule {
  enum class Kind {
    kFixed,       // every year on `month`/`day`
    kNthWeekday,  // the `nth` `weekday` of `month` (nth -1 = last), plus `offset_days`
  };

  std::string istat_code;     // "001272"
  std::string municipality;   // as ISTAT spells it, e.g. "Ciriè"
  std::string province_code;  // "TO"
  std::string saint;          // e.g. "San Giovanni Battista"
  Kind kind = Kind::kFixed;
  int month = 1;
  int day = 1;                                    // kFixed only
  absl::Weekday weekday = absl::Weekday::monday;  // kNthWeekday only
  int nth = 1;                                    // kNthWeekday only: 1..5, or -1 for the last
  int offset_days = 0;  // kNthWeekday only, e.g. +1 for "the Monday after the first Sunday"
};

// The patron saint days known (at least every municipality hosting a CPI site), by ISTAT code.
// A REFERENCE TABLE, to be confirmed by each CPI: the day offices close is set locally.
const std::vector<PatronFeastRule>& PatronFeastTable();

// The rule of a municipality by ISTAT code; nullptr when the table has none.
const PatronFeastRule* FindPatronFeastByIstatCode(absl::string_view istat_code);

// The rule of a municipality by name, matched ignoring case, accents, apostrophe style and
// punctuation ("CIRIE'" and "Cirié" both find "Ciriè"); nullptr when the table has none.
const PatronFeastRule* FindPatronFeastByName(absl::string_view municipality);

// The day of the patron feast in `year`.
absl::CivilDay PatronFeastDay(const PatronFeastRule& rule, int year);

// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian computus).
absl::CivilDay EasterSunday(int year);

// The Italian national public holidays of `year` (the rules in force since 2001, plus 4 October
// from 2026 by Law 151/2025), Easter Sunday included, sorted by day.
std::vector<Holiday> NationalHolidays(int year);

// The national holidays of `year` and, when `patron` is not null, its patron saint day. Sorted by
// day; on a day that is both (e.g. Biella, 26 December) the national entry comes first.
std::vector<Holiday> HolidaysFor(const PatronFeastRule* patron, int year);

// The holidays of one municipality. Computes on demand (a handful of dates per call), holds no
// mutable state and is cheap to copy, so it is safe to share between threads.
class HolidayCalendar final {
 public:
  // National holidays only.
  static HolidayCalendar National() { return HolidayCalendar(nullptr); }
  // National holidays and the patron day of the municipality, when the table knows it.
  static HolidayCalendar ForIstatCode(absl::string_view istat_code) {
    return HolidayCalendar(FindPatronFeastByIstatCode(istat_code));
  }
  static HolidayCalendar ForMunicipalityName(absl::string_view municipality) {
    return HolidayCalendar(FindPatronFeastByName(municipality));
  }

  // The patron rule used, or nullptr.
  const PatronFeastRule* patron() const { return patron_; }

  bool IsHoliday(absl::CivilDay day) const;

  // The names of the holidays on `day` joined by " / ", or nullopt on a working day.
  std::optional<std::string> HolidayName(absl::CivilDay day) const;

  std::vector<Holiday> HolidaysIn(int year) const { return HolidaysFor(patron_, year); }

 private:
  explicit HolidayCalendar(const PatronFeastRule* patron) : patron_(patron) {}

  const PatronFeastRule* patron_;  // into PatronFeastTable(), which lives as long as the process
};

// Which days a deadline or a lateness count skips. Callers state their rule: there is no single
// Italian definition of "working day".
struct WorkingDayRules {
  bool skip_saturdays = false;
  bool skip_sundays = true;
  bool skip_national_holidays = true;  // NationalHolidays(): Easter Sunday and Monday included
  std::string patron_istat_code;       // also skip this municipality's patron day; "" for none

  // Mandatory communications (DOMAIN.md §11): Piedmont counts lateness skipping Sundays,
  // national holidays, Easter and Easter Monday, and no patron day.
  static WorkingDayRules MandatoryCommunications() { return {}; }
  // A CPI office's opening days: Monday to Friday except national holidays and the patron day
  // of the office's municipality.
  static WorkingDayRules Office(absl::string_view istat_code) {
    return {.skip_saturdays = true,
            .skip_sundays = true,
            .skip_national_holidays = true,
            .patron_istat_code = std::string(istat_code)};
  }
};

bool IsWorkingDay(absl::CivilDay day, const WorkingDayRules& rules);

// n > 0: the n-th working day after `day` (`day` itself not counted); n < 0: the |n|-th working
// day before it; n == 0: `day` when it is a working day, else the next working day (a deadline
// that falls on a holiday moves forward).
absl::CivilDay AddWorkingDays(absl::CivilDay day, int n, const WorkingDayRules& rules);

// The working days d with from < d <= to; when `to` is before `from`, minus those with
// to <= d < from. So WorkingDaysBetween(day, AddWorkingDays(day, n, r), r) == n for n != 0, and
// a filing made on `filed` for a deadline `due` is WorkingDaysBetween(due, filed, r) days late.
int WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to, const WorkingDayRules& rules);

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_CALENDAR_H_
