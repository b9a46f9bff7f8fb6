// National holidays, Easter and the patron saint days of the CPI municipalities.

#include "services/reference/calendar.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/store/office_store.h"

namespace sisl::booking {
namespace {

using ::testing::Optional;
using reference::EasterSunday;
using reference::Holiday;
using reference::PatronFeastDay;
using reference::PatronFeastRule;
using reference::PatronFeastTable;

// Booking's holidays now come from services/reference, keyed by the site's municipality name.
std::vector<Holiday> HolidaysFor(absl::string_view municipality, int year) {
  return reference::HolidaysFor(reference::FindPatronFeastByName(municipality), year);
}
std::optional<PatronFeastRule> FindPatronFeast(absl::string_view municipality) {
  const PatronFeastRule* rule = reference::FindPatronFeastByName(municipality);
  return rule != nullptr ? std::optional<PatronFeastRule>(*rule) : std::nullopt;
}

std::vector<absl::CivilDay> Days(const std::vector<Holiday>& holidays) {
  std::vector<absl::CivilDay> out;
  for (const Holiday& h : holidays) out.push_back(h.day);
  return out;
}

TEST(EasterTest, KnownDates) {
  EXPECT_EQ(EasterSunday(2024), absl::CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), absl::CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), absl::CivilDay(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), absl::CivilDay(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2000), absl::CivilDay(2000, 4, 23));
  EXPECT_EQ(EasterSunday(2008), absl::CivilDay(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2011), absl::CivilDay(2011, 4, 24));
  EXPECT_EQ(EasterSunday(2038), absl::CivilDay(2038, 4, 25));  // latest possible date
  EXPECT_EQ(EasterSunday(2285), absl::CivilDay(2285, 3, 22));  // earliest possible date
}

TEST(EasterTest, AlwaysASundayBetween22MarchAnd25April) {
  for (int year = 1900; year <= 2200; ++year) {
    const absl::CivilDay easter = EasterSunday(year);
    EXPECT_EQ(absl::GetWeekday(easter), absl::Weekday::sunday) << year;
    EXPECT_GE(easter, absl::CivilDay(year, 3, 22)) << year;
    EXPECT_LE(easter, absl::CivilDay(year, 4, 25)) << year;
  }
}

TEST(HolidaysForTest, UnknownMunicipalityGetsOnlyNationalHolidays2026) {
  const std::vector<Holiday> holidays = HolidaysFor("Milano", 2026);
  EXPECT_EQ(
      Days(holidays),
      (std::vector<absl::CivilDay>{
          absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 1, 6), absl::CivilDay(2026, 4, 5),
          absl::CivilDay(2026, 4, 6), absl::CivilDay(2026, 4, 25), absl::CivilDay(2026, 5, 1),
          absl::CivilDay(2026, 6, 2), absl::CivilDay(2026, 8, 15), absl::CivilDay(2026, 10, 4),
          absl::CivilDay(2026, 11, 1), absl::CivilDay(2026, 12, 8), absl::CivilDay(2026, 12, 25),
          absl::CivilDay(2026, 12, 26)}));
  for (const Holiday& h : holidays) {
    EXPECT_FALSE(h.patron) << h.name;
    EXPECT_FALSE(h.name.empty());
  }
  EXPECT_EQ(holidays[3].name, "Lunedì dell'Angelo");
  EXPECT_EQ(holidays[8].name, "San Francesco d'Assisi");
  EXPECT_EQ(HolidaysFor("", 2026), holidays);
}

TEST(HolidaysForTest, FourthOfOctoberOnlyFrom2026) {
  const auto calendar = reference::HolidayCalendar::ForMunicipalityName("Milano");
  EXPECT_FALSE(calendar.IsHoliday(absl::CivilDay(2025, 10, 4)));
  EXPECT_TRUE(calendar.IsHoliday(absl::CivilDay(2026, 10, 4)));
  EXPECT_TRUE(calendar.IsHoliday(absl::CivilDay(2030, 10, 4)));
  EXPECT_EQ(HolidaysFor("Milano", 2025).size(), 12u);
}

TEST(HolidaysForTest, TorinoAddsSanGiovanniOn24June) {
  const std::vector<Holiday> holidays = HolidaysFor("Torino", 2026);
  ASSERT_EQ(holidays.size(), 14u);
  int patrons = 0;
  for (size_t i = 0; i < holidays.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(holidays[i - 1].day, holidays[i].day);
    }
    if (holidays[i].patron) {
      ++patrons;
      EXPECT_EQ(holidays[i].day, absl::CivilDay(2026, 6, 24));
      EXPECT_EQ(holidays[i].name, "San Giovanni Battista (santo patrono)");
    }
  }
  EXPECT_EQ(patrons, 1);

  const auto torino = reference::HolidayCalendar::ForMunicipalityName("Torino");
  EXPECT_TRUE(torino.IsHoliday(absl::CivilDay(2026, 6, 24)));
  EXPECT_FALSE(torino.IsHoliday(absl::CivilDay(2026, 6, 23)));
  EXPECT_THAT(torino.HolidayName(absl::CivilDay(2027, 6, 24)),
              Optional(std::string("San Giovanni Battista (santo patrono)")));
  EXPECT_EQ(torino.HolidayName(absl::CivilDay(2026, 6, 25)), std::nullopt);
  EXPECT_FALSE(reference::HolidayCalendar::ForMunicipalityName("Milano").IsHoliday(absl::CivilDay(2026, 6, 24)));
}

TEST(HolidaysForTest, AstiSanSecondoIsTheFirstTuesdayOfMay) {
  const auto asti = reference::HolidayCalendar::ForMunicipalityName("Asti");
  EXPECT_TRUE(asti.IsHoliday(absl::CivilDay(2026, 5, 5)));
  EXPECT_FALSE(asti.IsHoliday(absl::CivilDay(2026, 5, 12)));
  EXPECT_TRUE(asti.IsHoliday(absl::CivilDay(2025, 5, 6)));
  EXPECT_TRUE(asti.IsHoliday(absl::CivilDay(2027, 5, 4)));
  EXPECT_FALSE(asti.IsHoliday(absl::CivilDay(2027, 5, 5)));
  EXPECT_THAT(asti.HolidayName(absl::CivilDay(2026, 5, 5)),
              Optional(std::string("San Secondo (santo patrono)")));
}

TEST(PatronFeastTest, WeekdayRulesWithOffsetsAndLastWeekday) {
  auto day = [](absl::string_view municipality, int year) {
    std::optional<PatronFeastRule> rule = FindPatronFeast(municipality);
    EXPECT_TRUE(rule.has_value()) << municipality;
    return rule ? PatronFeastDay(*rule, year) : absl::CivilDay();
  };
  // Last Wednesday of August.
  EXPECT_EQ(day("Chivasso", 2024), absl::CivilDay(2024, 8, 28));
  EXPECT_EQ(day("Chivasso", 2025), absl::CivilDay(2025, 8, 27));
  // Monday after the first Sunday of August (a first Monday on 1 August does not count).
  EXPECT_EQ(day("Ciriè", 2016), absl::CivilDay(2016, 8, 8));
  EXPECT_EQ(day("Ciriè", 2022), absl::CivilDay(2022, 8, 8));
  // Monday after the last Sunday of August, which can fall in September.
  EXPECT_EQ(day("Pinerolo", 2025), absl::CivilDay(2025, 9, 1));
  EXPECT_EQ(day("Pinerolo", 2026), absl::CivilDay(2026, 8, 31));
  // Monday after the third Sunday of September; Monday after the first Sunday of September.
  EXPECT_EQ(day("Rivoli", 2025), absl::CivilDay(2025, 9, 22));
  EXPECT_EQ(day("Saluzzo", 2025), absl::CivilDay(2025, 9, 8));
  // Second Monday of September.
  EXPECT_EQ(day("Chieri", 2026), absl::CivilDay(2026, 9, 14));
}

TEST(PatronFeastTest, NamesMatchIgnoringCaseAccentsAndApostrophes) {
  for (const char* name :
       {"TORINO", "  torino ", "Cirié", "CIRIE'", "cirie", "Ciri\xC3\x88", "Mondovi", "MONDOVÌ",
        "Villanova d\xE2\x80\x99"
        "Asti",
        "villanova  d'asti", "Nizza Monferrato"}) {
    EXPECT_TRUE(FindPatronFeast(name).has_value()) << name;
  }
  for (const char* name : {"", "Torin", "Torino Nord", "Villanova", "Nizza"}) {
    EXPECT_FALSE(FindPatronFeast(name).has_value()) << name;
  }
}

TEST(PatronFeastTest, PatronDayOnANationalHolidayKeepsBothNames) {
  const std::vector<Holiday> holidays = HolidaysFor("Biella", 2026);
  ASSERT_EQ(holidays.size(), 14u);
  EXPECT_EQ(holidays[12].day, absl::CivilDay(2026, 12, 26));
  EXPECT_FALSE(holidays[12].patron);
  EXPECT_EQ(holidays[13].day, absl::CivilDay(2026, 12, 26));
  EXPECT_TRUE(holidays[13].patron);
  EXPECT_THAT(reference::HolidayCalendar::ForMunicipalityName("Biella").HolidayName(absl::CivilDay(2026, 12, 26)),
              Optional(std::string("Santo Stefano / Santo Stefano (santo patrono)")));
}

TEST(PatronFeastTest, TableIsUniqueAndWellFormed) {
  std::set<std::string> seen;
  for (const PatronFeastRule& rule : PatronFeastTable()) {
    EXPECT_TRUE(seen.insert(std::string(rule.municipality)).second) << rule.municipality;
    EXPECT_FALSE(rule.saint.empty()) << rule.municipality;
    EXPECT_GE(rule.month, 1) << rule.municipality;
    EXPECT_LE(rule.month, 12) << rule.municipality;
    for (int year = 2024; year <= 2032; ++year) {
      const absl::CivilDay day = PatronFeastDay(rule, year);
      EXPECT_EQ(day.year(), year) << rule.municipality;
      if (rule.kind == PatronFeastRule::Kind::kFixed) {
        EXPECT_EQ(day.month(), rule.month) << rule.municipality;
        EXPECT_EQ(day.day(), rule.day) << rule.municipality;
      } else {
        EXPECT_EQ(absl::GetWeekday(day - rule.offset_days), rule.weekday) << rule.municipality;
      }
    }
  }
  EXPECT_EQ(seen.size(), 41u);
}

std::string ReadSitesCsv() {
  const char* root = std::getenv("SISL_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "SISL_SOURCE_DIR must point at the source tree (ctest sets it)";
  if (root == nullptr) return "";
  std::ifstream in(std::string(root) + "/services/reference/data/cpi_sites_piemonte.csv",
                   std::ios::binary);
  EXPECT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(PatronFeastTest, EverySiteMunicipalityHasAPatronDay) {
  auto sites = ParseSiteCsv(ReadSitesCsv(), absl::FromUnixSeconds(1714550400));
  ASSERT_TRUE(sites.ok()) << sites.status();
  ASSERT_FALSE(sites->empty());
  for (const Office& site : *sites) {
    EXPECT_TRUE(FindPatronFeast(site.municipality).has_value()) << site.municipality;
    int patrons = 0;
    for (const Holiday& h : HolidaysFor(site.municipality, 2026)) patrons += h.patron ? 1 : 0;
    EXPECT_EQ(patrons, 1) << site.municipality;
  }
}

}  // namespace
}  // namespace sisl::booking
