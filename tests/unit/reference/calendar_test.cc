// National holidays, Easter, patron saint days (data/patron_saints.csv) and working days.

#include "services/reference/calendar.h"

#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reference/municipalities.h"

namespace sisl::reference {
namespace {

using ::testing::Optional;
using D = absl::CivilDay;

std::vector<D> Days(const std::vector<Holiday>& holidays) {
  std::vector<D> out;
  for (const Holiday& h : holidays) out.push_back(h.day);
  return out;
}

TEST(EasterTest, KnownDates) {
  EXPECT_EQ(EasterSunday(2024), D(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), D(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), D(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), D(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2000), D(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2038), D(2038, 4, 25));  // latest possible date
  EXPECT_EQ(EasterSunday(2285), D(2285, 3, 22));  // earliest possible date
  for (int year = 1900; year <= 2200; ++year) {
    const D easter = EasterSunday(year);
    EXPECT_EQ(absl::GetWeekday(easter), absl::Weekday::sunday) << year;
    EXPECT_GE(easter, D(year, 3, 22)) << year;
    EXPECT_LE(easter, D(year, 4, 25)) << year;
  }
}

TEST(NationalHolidaysTest, List2026AndFourthOfOctoberFrom2026) {
  const std::vector<Holiday> holidays = NationalHolidays(2026);
  EXPECT_EQ(
      Days(holidays),
      (std::vector<D>{D(2026, 1, 1), D(2026, 1, 6), D(2026, 4, 5), D(2026, 4, 6), D(2026, 4, 25),
                      D(2026, 5, 1), D(2026, 6, 2), D(2026, 8, 15), D(2026, 10, 4), D(2026, 11, 1),
                      D(2026, 12, 8), D(2026, 12, 25), D(2026, 12, 26)}));
  for (const Holiday& h : holidays) EXPECT_FALSE(h.patron) << h.name;
  EXPECT_EQ(holidays[3].name, "Lunedì dell'Angelo");
  EXPECT_EQ(holidays[8].name, "San Francesco d'Assisi");
  EXPECT_EQ(NationalHolidays(2025).size(), 12u);
  EXPECT_EQ(HolidaysFor(nullptr, 2026), holidays);
  const HolidayCalendar national = HolidayCalendar::National();
  EXPECT_FALSE(national.IsHoliday(D(2025, 10, 4)));
  EXPECT_TRUE(national.IsHoliday(D(2026, 10, 4)));
  EXPECT_TRUE(national.IsHoliday(D(2025, 4, 21)));  // Easter Monday
  EXPECT_FALSE(national.IsHoliday(D(2025, 4, 22)));
  for (int year = 2020; year <= 2035; ++year) {  // IsHoliday agrees with the list
    for (D d(year, 1, 1); d.year() == year; ++d) {
      bool listed = false;
      for (const Holiday& h : NationalHolidays(year)) listed = listed || h.day == d;
      ASSERT_EQ(national.IsHoliday(d), listed) << d;
    }
  }
}

TEST(PatronTest, TableHasEveryCpiMunicipalityKeyedByIstatCode) {
  std::set<std::string> codes;
  for (const PatronFeastRule& rule : PatronFeastTable()) {
    EXPECT_TRUE(codes.insert(rule.istat_code).second) << rule.istat_code;
    const Municipality* m = Municipalities::Default().ByIstatCode(rule.istat_code);
    ASSERT_NE(m, nullptr) << rule.istat_code;
    EXPECT_EQ(m->name, rule.municipality);
    EXPECT_EQ(m->province_code, rule.province_code);
    EXPECT_FALSE(rule.saint.empty());
    for (int year = 2024; year <= 2032; ++year) {
      const D day = PatronFeastDay(rule, year);
      EXPECT_EQ(day.year(), year) << rule.municipality;
      if (rule.kind == PatronFeastRule::Kind::kFixed) {
        EXPECT_EQ(day, D(year, rule.month, rule.day)) << rule.municipality;
      } else {
        EXPECT_EQ(absl::GetWeekday(day - rule.offset_days), rule.weekday) << rule.municipality;
      }
    }
  }
  EXPECT_EQ(codes.size(), 41u);
  EXPECT_EQ(FindPatronFeastByIstatCode("001272")->saint, "San Giovanni Battista");
  EXPECT_EQ(FindPatronFeastByIstatCode("058091"), nullptr);  // Roma: not in the table yet
}

TEST(PatronTest, WeekdayRulesWithOffsetsAndLastWeekday) {
  auto day = [](absl::string_view municipality, int year) {
    const PatronFeastRule* rule = FindPatronFeastByName(municipality);
    EXPECT_NE(rule, nullptr) << municipality;
    return rule ? PatronFeastDay(*rule, year) : D();
  };
  EXPECT_EQ(day("Chivasso", 2024), D(2024, 8, 28));  // last Wednesday of August
  EXPECT_EQ(day("Chivasso", 2025), D(2025, 8, 27));
  EXPECT_EQ(day("Ciriè", 2016), D(2016, 8, 8));  // Monday after the first Sunday of August
  EXPECT_EQ(day("Ciriè", 2022), D(2022, 8, 8));
  EXPECT_EQ(day("Pinerolo", 2025), D(2025, 9, 1));  // after the last Sunday of August
  EXPECT_EQ(day("Pinerolo", 2026), D(2026, 8, 31));
  EXPECT_EQ(day("Rivoli", 2025), D(2025, 9, 22));
  EXPECT_EQ(day("Saluzzo", 2025), D(2025, 9, 8));
  EXPECT_EQ(day("Chieri", 2026), D(2026, 9, 14));  // second Monday of September
  EXPECT_EQ(day("Asti", 2026), D(2026, 5, 5));     // first Tuesday of May
}

TEST(PatronTest, NamesMatchIgnoringCaseAccentsAndApostrophes) {
  for (const char* name :
       {"TORINO", "  torino ", "Cirié", "CIRIE'", "cirie", "Ciri\xC3\x88", "Mondovi", "MONDOVÌ",
        "Villanova d\xE2\x80\x99"
        "Asti",
        "villanova  d'asti", "Nizza Monferrato"}) {
    EXPECT_NE(FindPatronFeastByName(name), nullptr) << name;
  }
  for (const char* name : {"", "Torin", "Torino Nord", "Villanova", "Nizza", "Milano"}) {
    EXPECT_EQ(FindPatronFeastByName(name), nullptr) << name;
  }
}

TEST(HolidayCalendarTest, TorinoAndBiella) {
  const HolidayCalendar torino = HolidayCalendar::ForIstatCode("001272");
  ASSERT_NE(torino.patron(), nullptr);
  EXPECT_EQ(torino.HolidaysIn(2026).size(), 14u);
  EXPECT_TRUE(torino.IsHoliday(D(2026, 6, 24)));
  EXPECT_FALSE(torino.IsHoliday(D(2026, 6, 23)));
  EXPECT_THAT(torino.HolidayName(D(2027, 6, 24)),
              Optional(std::string("San Giovanni Battista (santo patrono)")));
  EXPECT_EQ(torino.HolidayName(D(2026, 6, 25)), std::nullopt);
  EXPECT_FALSE(HolidayCalendar::ForMunicipalityName("Milano").IsHoliday(D(2026, 6, 24)));
  EXPECT_EQ(HolidayCalendar::ForMunicipalityName("Milano").patron(), nullptr);

  const HolidayCalendar biella = HolidayCalendar::ForMunicipalityName("Biella");
  const std::vector<Holiday> holidays = biella.HolidaysIn(2026);
  ASSERT_EQ(holidays.size(), 14u);
  EXPECT_EQ(holidays[12].day, D(2026, 12, 26));
  EXPECT_FALSE(holidays[12].patron);
  EXPECT_TRUE(holidays[13].patron);
  EXPECT_THAT(biella.HolidayName(D(2026, 12, 26)),
              Optional(std::string("Santo Stefano / Santo Stefano (santo patrono)")));
}

TEST(WorkingDaysTest, MandatoryCommunicationsSkipSundaysAndNationalHolidaysOnly) {
  const WorkingDayRules co = WorkingDayRules::MandatoryCommunications();
  EXPECT_TRUE(IsWorkingDay(D(2026, 3, 14), co));   // a Saturday counts
  EXPECT_FALSE(IsWorkingDay(D(2026, 3, 15), co));  // Sunday
  EXPECT_FALSE(IsWorkingDay(D(2026, 4, 6), co));   // Easter Monday
  EXPECT_TRUE(IsWorkingDay(D(2026, 6, 24), co));   // Torino's patron day does not count here
  // Hire on Thursday 2 April 2026, five working days: Fri 3, Sat 4, (Easter 5, Monday 6),
  // Tue 7, Wed 8, Thu 9.
  EXPECT_EQ(AddWorkingDays(D(2026, 4, 2), 5, co), D(2026, 4, 9));
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 2), D(2026, 4, 9), co), 5);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 9), D(2026, 4, 2), co), -5);
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 9), D(2026, 4, 9), co), 0);
  EXPECT_EQ(AddWorkingDays(D(2026, 4, 9), -5, co), D(2026, 4, 2));
  EXPECT_EQ(AddWorkingDays(D(2026, 4, 5), 0, co), D(2026, 4, 7));  // moved past the holidays
  EXPECT_EQ(AddWorkingDays(D(2026, 4, 7), 0, co), D(2026, 4, 7));
  // Filed on 13 April for a deadline of 9 April: Fri 10, Sat 11, (Sun 12), Mon 13 -> 3 late.
  EXPECT_EQ(WorkingDaysBetween(D(2026, 4, 9), D(2026, 4, 13), co), 3);
  // Thursday 24 December: 25 and 26 (Saturday) are holidays, 27 is a Sunday.
  EXPECT_EQ(AddWorkingDays(D(2026, 12, 24), 1, co), D(2026, 12, 28));
}

TEST(WorkingDaysTest, OfficeRulesSkipWeekendsAndThePatronDay) {
  const WorkingDayRules office = WorkingDayRules::Office("001272");  // Torino
  EXPECT_FALSE(IsWorkingDay(D(2026, 3, 14), office));                // Saturday
  EXPECT_FALSE(IsWorkingDay(D(2026, 6, 24), office));                // San Giovanni, a Wednesday
  EXPECT_EQ(AddWorkingDays(D(2026, 6, 23), 1, office), D(2026, 6, 25));
  EXPECT_EQ(AddWorkingDays(D(2026, 6, 19), 1, office), D(2026, 6, 22));  // Friday to Monday
  // June: 22 weekdays less 2 June and 24 June.
  EXPECT_EQ(WorkingDaysBetween(D(2026, 5, 31), D(2026, 6, 30), office), 20);
  WorkingDayRules every_day{
      .skip_saturdays = false, .skip_sundays = false, .skip_national_holidays = false};
  EXPECT_EQ(AddWorkingDays(D(2026, 12, 24), 7, every_day), D(2026, 12, 31));
  EXPECT_EQ(WorkingDaysBetween(D(2026, 1, 1), D(2027, 1, 1), every_day), 365);
  for (int n = -40; n <= 40; ++n) {  // the two functions are inverse (n = 0 rolls forward)
    const D start(2026, 12, 20);     // a Sunday
    if (n == 0) continue;
    EXPECT_EQ(WorkingDaysBetween(start, AddWorkingDays(start, n, office), office), n) << n;
  }
}

}  // namespace
}  // namespace sisl::reference
