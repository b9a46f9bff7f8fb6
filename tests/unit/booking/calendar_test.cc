// Calendar (agenda) rules: validation, slot generation across holidays, exceptions and daylight
// saving time, exceptions against bookings, duplication.

#include "services/booking/domain/calendar.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/reference/calendar.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::TimeZone Rome() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &tz)) << "tzdata missing";
  return tz;
}

// Monday to Friday, 09:00-12:00, 30-minute slots of 2 seats, during 2026.
Calendar Base() {
  Calendar c;
  c.id = "cal-1";
  c.site_code = "TO-01";
  c.service_code = "DID";
  c.first_day = absl::CivilDay(2026, 1, 1);
  c.last_day = absl::CivilDay(2026, 12, 31);
  for (Weekday d : {Weekday::kMonday, Weekday::kTuesday, Weekday::kWednesday, Weekday::kThursday,
                    Weekday::kFriday}) {
    c.bands.push_back(
        {.day = d, .start_minute = 540, .end_minute = 720, .slot_minutes = 30, .seats = 2});
  }
  c.operator_ids = {"op-1", "op-2"};
  return c;
}

void ExpectInvalid(const absl::Status& st, const std::string& reason, const std::string& field) {
  ASSERT_FALSE(st.ok()) << reason << " " << field << " accepted";
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  EXPECT_EQ(platform::ErrorReason(st), reason) << st;
  auto violations = platform::ErrorFieldViolations(st);
  ASSERT_EQ(violations.size(), 1u) << st;
  EXPECT_EQ(violations[0].field, field) << st;
  EXPECT_FALSE(violations[0].description.empty());
}

std::vector<int> StartMinutes(const std::vector<SlotSpec>& slots, absl::CivilDay day) {
  std::vector<int> out;
  for (const SlotSpec& s : slots) {
    if (s.local_day == day) out.push_back(s.local_start_minute);
  }
  return out;
}

// The UTC offset in force at the slot's start, from its local wall-clock time.
absl::Duration Offset(const SlotSpec& s) {
  const absl::CivilSecond local(s.local_day.year(), s.local_day.month(), s.local_day.day(),
                                s.local_start_minute / 60, s.local_start_minute % 60, 0);
  return absl::FromCivil(local, absl::UTCTimeZone()) - s.start;
}

TEST(ValidateCalendarTest, AcceptsAWellFormedCalendar) {
  EXPECT_TRUE(ValidateCalendar(Base(), {}).ok());
  Calendar c = Base();
  c.last_day = absl::CivilDay(2027, 12, 31);  // exactly two years
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
}

TEST(ValidateCalendarTest, InvalidPeriod) {
  Calendar c = Base();
  c.last_day = absl::CivilDay(2025, 12, 31);
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_PERIOD", "last_day");
  c.last_day = absl::CivilDay(2028, 1, 1);  // two years and a day
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_PERIOD", "last_day");
}

TEST(ValidateCalendarTest, PeriodOverlapNamesTheOtherCalendar) {
  Calendar other = Base();
  other.id = "cal-2";
  other.first_day = absl::CivilDay(2026, 12, 31);
  other.last_day = absl::CivilDay(2027, 6, 30);
  absl::Status st = ValidateCalendar(Base(), {other});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::ErrorReason(st), "PERIOD_OVERLAP");
  EXPECT_EQ(platform::ErrorMetadata(st).at("other_calendar_id"), "cal-2");
  ASSERT_EQ(platform::ErrorFieldViolations(st).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(st)[0].field, "first_day");

  other.first_day = absl::CivilDay(2027, 1, 1);  // adjacent periods do not overlap
  EXPECT_TRUE(ValidateCalendar(Base(), {other}).ok());
  Calendar stored = Base();  // the calendar's own stored version is not "another" calendar
  stored.last_day = absl::CivilDay(2026, 6, 30);
  Calendar other_service = Base();
  other_service.id = "cal-3";
  other_service.service_code = "GOL";
  EXPECT_TRUE(ValidateCalendar(Base(), {stored, other_service}).ok());
}

TEST(ValidateCalendarTest, InvalidBandNamesTheField) {
  struct Case {
    void (*mutate)(TimeBand&);
    const char* field;
  };
  const Case cases[] = {
      {[](TimeBand& b) { b.start_minute = -1; }, "bands[2].start_minute"},
      {[](TimeBand& b) { b.start_minute = 1440; }, "bands[2].start_minute"},
      {[](TimeBand& b) { b.end_minute = 1470; }, "bands[2].end_minute"},
      {[](TimeBand& b) { b.end_minute = b.start_minute; }, "bands[2].end_minute"},
      {[](TimeBand& b) { b.end_minute = 500; }, "bands[2].end_minute"},
      {[](TimeBand& b) { b.slot_minutes = 4; }, "bands[2].slot_minutes"},
      {[](TimeBand& b) { b.slot_minutes = 481; }, "bands[2].slot_minutes"},
      {[](TimeBand& b) { b.seats = 0; }, "bands[2].seats"},
      {[](TimeBand& b) { b.seats = 201; }, "bands[2].seats"},
      {[](TimeBand& b) { b.day = static_cast<Weekday>(8); }, "bands[2].day"},
  };
  for (const Case& k : cases) {
    Calendar c = Base();
    k.mutate(c.bands[2]);
    ExpectInvalid(ValidateCalendar(c, {}), "INVALID_BAND", k.field);
  }
  Calendar c = Base();
  c.bands[2] = {.day = Weekday::kWednesday,
                .start_minute = 0,
                .end_minute = 1440,
                .slot_minutes = 480,
                .seats = 200};  // the limits themselves are fine
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
}

TEST(ValidateCalendarTest, BandNotWholeSlots) {
  Calendar c = Base();
  c.bands[1].end_minute = 730;  // 09:00-12:10 with 30-minute slots
  ExpectInvalid(ValidateCalendar(c, {}), "BAND_NOT_WHOLE_SLOTS", "bands[1].end_minute");
}

TEST(ValidateCalendarTest, BandOverlapOnTheSameWeekdayOnly) {
  Calendar c = Base();
  c.bands.push_back({.day = Weekday::kMonday,
                     .start_minute = 690,
                     .end_minute = 780,
                     .slot_minutes = 30,
                     .seats = 1});
  absl::Status st = ValidateCalendar(c, {});
  ExpectInvalid(st, "BAND_OVERLAP", "bands[5].start_minute");
  EXPECT_EQ(platform::ErrorMetadata(st).at("band"), "5");
  EXPECT_EQ(platform::ErrorMetadata(st).at("other_band"), "0");

  c.bands[5].start_minute = 720;  // touching 12:00 is not overlapping
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
  c.bands[5].start_minute = 480;  // 08:00-09:00, touching 09:00 is not overlapping either
  c.bands[5].end_minute = 540;
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
  c.bands[5] = c.bands[0];
  c.bands[5].day = Weekday::kSaturday;  // same hours, another day
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
}

TEST(ValidateCalendarTest, NoBandsAndNoOperators) {
  Calendar c = Base();
  c.bands.clear();
  ExpectInvalid(ValidateCalendar(c, {}), "NO_BANDS", "bands");
  c = Base();
  c.operator_ids.clear();
  ExpectInvalid(ValidateCalendar(c, {}), "NO_OPERATORS", "operator_ids");
  c.operator_ids = {"op-1", ""};
  ExpectInvalid(ValidateCalendar(c, {}), "NO_OPERATORS", "operator_ids[1]");
}

TEST(ValidateCalendarTest, InvalidException) {
  const CalendarException ok{.day = absl::CivilDay(2026, 3, 3),
                             .start_minute = 600,
                             .end_minute = 660,
                             .seats = 0,
                             .reason = "staff meeting"};
  Calendar c = Base();
  c.exceptions = {ok, ok};
  EXPECT_TRUE(ValidateCalendar(c, {}).ok());
  c.exceptions[1].day = absl::CivilDay(2027, 1, 4);
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_EXCEPTION", "exceptions[1].day");
  c.exceptions[1] = ok;
  c.exceptions[1].end_minute = 600;
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_EXCEPTION", "exceptions[1].end_minute");
  c.exceptions[1] = ok;
  c.exceptions[1].end_minute = 1441;
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_EXCEPTION", "exceptions[1].end_minute");
  c.exceptions[1] = ok;
  c.exceptions[1].start_minute = -5;
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_EXCEPTION", "exceptions[1].start_minute");
  c.exceptions[1] = ok;
  c.exceptions[1].seats = -1;
  ExpectInvalid(ValidateCalendar(c, {}), "INVALID_EXCEPTION", "exceptions[1].seats");
}

TEST(GenerateSlotsTest, OneWeekOfSlots) {
  const absl::TimeZone tz = Rome();
  const std::vector<SlotSpec> slots =
      GenerateSlots(Base(), reference::HolidayCalendar::ForMunicipalityName("Torino"), absl::CivilDay(2026, 3, 2),
                    absl::CivilDay(2026, 3, 8), tz);
  ASSERT_EQ(slots.size(), 30u);  // 5 days x 6 slots
  for (size_t i = 0; i < slots.size(); ++i) {
    EXPECT_EQ(slots[i].seats, 2);
    EXPECT_EQ(slots[i].end - slots[i].start, absl::Minutes(30));
    if (i > 0) {
      EXPECT_LT(slots[i - 1].start, slots[i].start);
    }
  }
  EXPECT_EQ(slots[0].local_day, absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(slots[0].local_start_minute, 540);
  EXPECT_EQ(slots[0].start,
            absl::FromCivil(absl::CivilSecond(2026, 3, 2, 8, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(slots.back().local_day, absl::CivilDay(2026, 3, 6));
  EXPECT_EQ(slots.back().local_start_minute, 690);
  EXPECT_TRUE(StartMinutes(slots, absl::CivilDay(2026, 3, 7)).empty());  // Saturday
}

TEST(GenerateSlotsTest, RangeIsClampedToTheValidityPeriod) {
  Calendar c = Base();
  c.first_day = absl::CivilDay(2026, 3, 4);
  c.last_day = absl::CivilDay(2026, 3, 5);
  const std::vector<SlotSpec> slots =
      GenerateSlots(c, reference::HolidayCalendar::ForMunicipalityName("Torino"), absl::CivilDay(2026, 3, 1),
                    absl::CivilDay(2026, 3, 31), Rome());
  ASSERT_EQ(slots.size(), 12u);
  EXPECT_EQ(slots.front().local_day, absl::CivilDay(2026, 3, 4));
  EXPECT_EQ(slots.back().local_day, absl::CivilDay(2026, 3, 5));
}

TEST(GenerateSlotsTest, HolidaysAreSkipped) {
  const absl::TimeZone tz = Rome();
  // Tuesday 2 June 2026, Festa della Repubblica.
  std::vector<SlotSpec> slots =
      GenerateSlots(Base(), reference::HolidayCalendar::ForMunicipalityName("Torino"), absl::CivilDay(2026, 6, 1),
                    absl::CivilDay(2026, 6, 5), tz);
  EXPECT_EQ(slots.size(), 24u);
  EXPECT_TRUE(StartMinutes(slots, absl::CivilDay(2026, 6, 2)).empty());
  // Wednesday 24 June 2026 is San Giovanni in Torino only.
  const absl::CivilDay san_giovanni(2026, 6, 24);
  slots = GenerateSlots(Base(), reference::HolidayCalendar::ForMunicipalityName("Torino"), san_giovanni, san_giovanni, tz);
  EXPECT_TRUE(slots.empty());
  slots = GenerateSlots(Base(), reference::HolidayCalendar::ForMunicipalityName("Novara"), san_giovanni, san_giovanni, tz);
  EXPECT_EQ(slots.size(), 6u);
}

TEST(GenerateSlotsTest, ClosureExceptionRemovesOverlappingSlots) {
  Calendar c = Base();
  c.exceptions = {{.day = absl::CivilDay(2026, 3, 3),
                   .start_minute = 615,
                   .end_minute = 645,
                   .seats = 0,
                   .reason = "training"},
                  {.day = absl::CivilDay(2026, 3, 5), .reason = "strike"}};  // whole day
  const std::vector<SlotSpec> slots = GenerateSlots(
      c, reference::HolidayCalendar::ForMunicipalityName("Torino"), absl::CivilDay(2026, 3, 2), absl::CivilDay(2026, 3, 6), Rome());
  // 10:15-10:45 touches the 10:00 and 10:30 slots.
  EXPECT_THAT(StartMinutes(slots, absl::CivilDay(2026, 3, 3)), ElementsAre(540, 570, 660, 690));
  EXPECT_TRUE(StartMinutes(slots, absl::CivilDay(2026, 3, 5)).empty());
  EXPECT_EQ(StartMinutes(slots, absl::CivilDay(2026, 3, 4)).size(), 6u);
  EXPECT_EQ(slots.size(), 22u);
}

TEST(GenerateSlotsTest, ReducedSeatsExceptionCapsSeats) {
  Calendar c = Base();
  c.exceptions = {{.day = absl::CivilDay(2026, 3, 4),
                   .start_minute = 540,
                   .end_minute = 600,
                   .seats = 1,
                   .reason = "one operator"},
                  {.day = absl::CivilDay(2026, 3, 4),
                   .start_minute = 660,
                   .end_minute = 720,
                   .seats = 5,
                   .reason = "never raises"}};
  const std::vector<SlotSpec> slots = GenerateSlots(
      c, reference::HolidayCalendar::ForMunicipalityName("Torino"), absl::CivilDay(2026, 3, 4), absl::CivilDay(2026, 3, 4), Rome());
  ASSERT_EQ(slots.size(), 6u);
  std::vector<int> seats;
  for (const SlotSpec& s : slots) seats.push_back(s.seats);
  EXPECT_THAT(seats, ElementsAre(1, 1, 2, 2, 2, 2));
}

Calendar EveryDay(int start_minute, int end_minute, int slot_minutes) {
  Calendar c = Base();
  c.bands.clear();
  for (int d = 1; d <= 7; ++d) {
    c.bands.push_back({.day = static_cast<Weekday>(d),
                       .start_minute = start_minute,
                       .end_minute = end_minute,
                       .slot_minutes = slot_minutes,
                       .seats = 1});
  }
  return c;
}

TEST(GenerateSlotsTest, DaylightSavingDaysKeepTheSameLocalTimes) {
  const absl::TimeZone tz = Rome();
  const Calendar c = EveryDay(480, 720, 60);  // 08:00-12:00
  const reference::HolidayCalendar none = reference::HolidayCalendar::ForMunicipalityName("Milano");
  struct Window {
    absl::CivilDay from, to, change;
    absl::Duration before, after;
  };
  for (const Window& w : {Window{absl::CivilDay(2026, 3, 26), absl::CivilDay(2026, 4, 1),
                                 absl::CivilDay(2026, 3, 29), absl::Hours(1), absl::Hours(2)},
                          Window{absl::CivilDay(2026, 10, 22), absl::CivilDay(2026, 10, 28),
                                 absl::CivilDay(2026, 10, 25), absl::Hours(2), absl::Hours(1)}}) {
    const std::vector<SlotSpec> slots = GenerateSlots(c, none, w.from, w.to, tz);
    ASSERT_EQ(slots.size(), 7u * 4u);
    for (absl::CivilDay day = w.from; day <= w.to; ++day) {
      EXPECT_THAT(StartMinutes(slots, day), ElementsAre(480, 540, 600, 660)) << day;
    }
    for (const SlotSpec& s : slots) {
      EXPECT_EQ(Offset(s), s.local_day < w.change ? w.before : w.after) << s.local_day;
      EXPECT_EQ(s.end - s.start, absl::Hours(1));
    }
  }
}

TEST(GenerateSlotsTest, SpringForwardSkipsTheMissingHour) {
  const absl::CivilDay day(2026, 3, 29);
  const std::vector<SlotSpec> slots =
      GenerateSlots(EveryDay(60, 240, 30), reference::HolidayCalendar::ForMunicipalityName("Milano"), day, day, Rome());
  EXPECT_THAT(StartMinutes(slots, day), ElementsAre(60, 90, 180, 210));  // no 02:00, 02:30
  const absl::TimeZone utc = absl::UTCTimeZone();
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots[0].start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 0, 0, 0), utc));
  EXPECT_EQ(slots[1].start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 0, 30, 0), utc));
  EXPECT_EQ(slots[2].start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 1, 0, 0), utc));
  EXPECT_EQ(slots[3].start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 1, 30, 0), utc));
}

TEST(GenerateSlotsTest, FallBackUsesTheFirstOccurrenceWithoutDuplicates) {
  const absl::CivilDay day(2026, 10, 25);
  const std::vector<SlotSpec> slots =
      GenerateSlots(EveryDay(60, 240, 30), reference::HolidayCalendar::ForMunicipalityName("Milano"), day, day, Rome());
  EXPECT_THAT(StartMinutes(slots, day), ElementsAre(60, 90, 120, 150, 180, 210));
  for (size_t i = 1; i < slots.size(); ++i) EXPECT_LT(slots[i - 1].start, slots[i].start);
  const absl::TimeZone utc = absl::UTCTimeZone();
  ASSERT_EQ(slots.size(), 6u);
  EXPECT_EQ(slots[0].start, absl::FromCivil(absl::CivilSecond(2026, 10, 24, 23, 0, 0), utc));
  EXPECT_EQ(slots[2].start, absl::FromCivil(absl::CivilSecond(2026, 10, 25, 0, 0, 0), utc));
  EXPECT_EQ(slots[3].start, absl::FromCivil(absl::CivilSecond(2026, 10, 25, 0, 30, 0), utc));
  EXPECT_EQ(slots[4].start, absl::FromCivil(absl::CivilSecond(2026, 10, 25, 2, 0, 0), utc));
}

TEST(CheckExceptionAgainstBookingsTest, ListsTheAppointmentsToMoveFirst) {
  const Calendar c = Base();
  const absl::CivilDay day(2026, 3, 3);
  const std::vector<SlotLoad> loads = {
      {.day = day, .local_start_minute = 600, .booked = 2, .appointment_ids = {"a1", "a2"}},
      {.day = day, .local_start_minute = 630, .booked = 1, .appointment_ids = {"a3"}},
      {.day = day, .local_start_minute = 660, .booked = 2, .appointment_ids = {"a4", "a5"}},
      {.day = absl::CivilDay(2026, 3, 4),
       .local_start_minute = 600,
       .booked = 2,
       .appointment_ids = {"b1", "b2"}}};
  CalendarException e{.day = day, .start_minute = 600, .end_minute = 660, .seats = 1};

  absl::Status st = CheckExceptionAgainstBookings(e, c, loads);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::ErrorReason(st), "EXCEPTION_BELOW_BOOKINGS");
  EXPECT_EQ(platform::ErrorMetadata(st).at("appointments"), "a1,a2");
  EXPECT_THAT(std::string(st.message()), HasSubstr("a1, a2"));
  EXPECT_THAT(std::string(st.message()), ::testing::Not(HasSubstr("a3")));

  e.seats = 0;  // closing the window displaces every booking in it
  st = CheckExceptionAgainstBookings(e, c, loads);
  EXPECT_EQ(platform::ErrorMetadata(st).at("appointments"), "a1,a2,a3");
  EXPECT_THAT(std::string(st.message()), HasSubstr("a3"));

  e.start_minute = 645;  // 10:45-11:00 still overlaps the 10:30-11:00 slot, not 11:00
  st = CheckExceptionAgainstBookings(e, c, loads);
  EXPECT_EQ(platform::ErrorMetadata(st).at("appointments"), "a3");

  e = {.day = day, .start_minute = 600, .end_minute = 720, .seats = 2};
  EXPECT_TRUE(CheckExceptionAgainstBookings(e, c, loads).ok());
  e = {.day = absl::CivilDay(2026, 3, 5), .seats = 0};
  EXPECT_TRUE(CheckExceptionAgainstBookings(e, c, loads).ok());
}

TEST(DuplicateCalendarTest, CopiesBandsOperatorsAndExceptionsInsideTheNewPeriod) {
  Calendar source = Base();
  source.last_day = absl::CivilDay(2027, 6, 30);
  const CalendarException kept{.day = absl::CivilDay(2027, 2, 1), .seats = 0, .reason = "kept"};
  source.exceptions = {{.day = absl::CivilDay(2026, 3, 3), .seats = 0, .reason = "dropped"}, kept};
  auto copy = DuplicateCalendar(source, "cal-9", "TO-02", absl::CivilDay(2027, 1, 1),
                                absl::CivilDay(2027, 12, 31));
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(copy->id, "cal-9");
  EXPECT_EQ(copy->site_code, "TO-02");
  EXPECT_EQ(copy->service_code, "DID");
  EXPECT_EQ(copy->first_day, absl::CivilDay(2027, 1, 1));
  EXPECT_EQ(copy->last_day, absl::CivilDay(2027, 12, 31));
  EXPECT_EQ(copy->bands, source.bands);
  EXPECT_EQ(copy->operator_ids, source.operator_ids);
  EXPECT_THAT(copy->exceptions, ElementsAre(kept));
}

TEST(DuplicateCalendarTest, RejectsBadIdsAndPeriods) {
  const Calendar source = Base();
  const absl::CivilDay a(2027, 1, 1), b(2027, 12, 31);
  ExpectInvalid(DuplicateCalendar(source, "", "TO-02", a, b).status(), "INVALID_CALENDAR_ID", "id");
  ExpectInvalid(DuplicateCalendar(source, "cal-1", "TO-02", a, b).status(), "INVALID_CALENDAR_ID",
                "id");
  ExpectInvalid(DuplicateCalendar(source, "cal-9", "TO-02", b, a).status(), "INVALID_PERIOD",
                "last_day");
}

}  // namespace
}  // namespace sisl::booking
