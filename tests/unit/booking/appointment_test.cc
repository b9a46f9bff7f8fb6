// Booking rules: the blockers and their order, and moves.
// Fiscal codes are built from invented names, dates and places: no real person's code.

#include "services/booking/domain/appointment.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"
#include "tests/unit/booking/appointment_test_support.h"

namespace sisl::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using testing_support::CodeBornOn;
using testing_support::kNow;
using testing_support::kToday;
using testing_support::Service;

// A valid booking by a citizen, three days ahead; tests break exactly one thing.
struct Fixture final {
  BookableService service = Service();
  BookingRequest r;
  Fixture(const Fixture&) = delete;
  Fixture() {
    r.service = &service;
    const absl::Time start = kNow + absl::Hours(72);
    r.slot = {"slot-1", "TO-01", "CPI-TO-15", "DID_PATTO", start, start + absl::Minutes(45), 2, 1};
    r.mode = DeliveryMode::kInPerson;
    r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(1990, 3, 15));
    r.citizen.email = "persona.prova@example.it";
    r.citizen.mobile = "+393470000000";
    r.citizen.domicile_municipality = "001272";  // Torino
    r.citizen.domiciled_in_piedmont = true;
    r.citizen.compulsory_schooling_completed = true;
    r.actor = {"citizen-1", ActorRole::kCitizen, ""};
    r.now = kNow;
    r.today_local = kToday;
    r.open_appointments = {
        {"apt-other", "ORIENTAMENTO", start + absl::Hours(24), start + absl::Hours(25)}};
  }
  void MoveSlot(absl::Time start) {
    r.slot.start = start;
    r.slot.end = start + absl::Minutes(45);
  }
};

void ExpectBlocked(const BookingRequest& r, const std::string& reason, absl::StatusCode code) {
  const absl::Status st = CheckBooking(r);
  ASSERT_FALSE(st.ok()) << reason << " not raised";
  EXPECT_EQ(platform::ErrorReason(st), reason) << st;
  EXPECT_EQ(st.code(), code) << st;
  EXPECT_FALSE(st.message().empty());
  EXPECT_THAT(std::string(st.message()), Not(HasSubstr(r.citizen.fiscal_code)));
  for (const auto& [key, value] : platform::ErrorMetadata(st)) {
    EXPECT_THAT(value, Not(HasSubstr(r.citizen.fiscal_code))) << key;
  }
}

constexpr auto kDenied = absl::StatusCode::kPermissionDenied;
constexpr auto kPrecondition = absl::StatusCode::kFailedPrecondition;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

// One way to break the fixture for each blocker, in the order CheckBooking checks them.
struct Breaker {
  std::string reason;
  absl::StatusCode code;
  std::function<void(Fixture&)> apply;
};

std::vector<Breaker> Breakers() {
  return {
      {"SELF_BOOKING_NOT_ALLOWED", kDenied,
       [](Fixture& f) { f.service.citizen_self_booking = false; }},
      {"DELIVERY_MODE_NOT_OFFERED", kInvalid, [](Fixture& f) { f.r.mode = DeliveryMode::kPhone; }},
      {"SLOT_IN_PAST", kPrecondition, [](Fixture& f) { f.MoveSlot(kNow); }},
      {"MINIMUM_NOTICE_NOT_MET", kPrecondition,
       [](Fixture& f) { f.MoveSlot(kNow + absl::Hours(23)); }},
      {"OUTSIDE_BOOKING_HORIZON", kPrecondition,
       [](Fixture& f) { f.MoveSlot(kNow + absl::Hours(24 * 61)); }},
      {"INVALID_FISCAL_CODE_CHECK", kInvalid,
       [](Fixture& f) {
         f.r.citizen.fiscal_code.back() = f.r.citizen.fiscal_code.back() == 'A' ? 'B' : 'A';
       }},
      {"NO_CONTACT_FOR_NOTIFICATIONS", kPrecondition,
       [](Fixture& f) { f.r.citizen.email = f.r.citizen.mobile = ""; }},
      {"NOT_DOMICILED_IN_PIEDMONT", kPrecondition,
       [](Fixture& f) { f.r.citizen.domiciled_in_piedmont = false; }},
      {"UNDER_MINIMUM_AGE", kPrecondition,
       [](Fixture& f) { f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2012, 2, 1)); }},
      {"COMPULSORY_SCHOOLING_NOT_COMPLETED", kPrecondition,
       [](Fixture& f) {
         f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2008, 12, 1));  // 15
         f.r.citizen.compulsory_schooling_completed = false;
       }},
      {"ALREADY_BOOKED_FOR_SERVICE", absl::StatusCode::kAlreadyExists,
       [](Fixture& f) {
         f.r.open_appointments.push_back(
             {"apt-same", "DID_PATTO", kNow + absl::Hours(200), kNow + absl::Hours(201)});
       }},
      {"APPOINTMENT_OVERLAP", kPrecondition,
       [](Fixture& f) {
         f.r.open_appointments.push_back({"apt-over", "EURES", f.r.slot.end - absl::Minutes(1),
                                          f.r.slot.end + absl::Minutes(44)});
       }},
      {"SLOT_TAKEN", absl::StatusCode::kResourceExhausted,
       [](Fixture& f) { f.r.slot.booked = f.r.slot.capacity; }},
  };
}

TEST(CheckBookingTest, AcceptsTheValidRequest) {
  Fixture f;
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, EachBlockerAlone) {
  for (const Breaker& b : Breakers()) {
    SCOPED_TRACE(b.reason);
    Fixture f;
    b.apply(f);
    ExpectBlocked(f.r, b.reason, b.code);
  }
}

TEST(CheckBookingTest, EarlierBlockerWinsWhenTwoApply) {
  const std::vector<Breaker> breakers = Breakers();
  for (size_t i = 0; i < breakers.size(); ++i) {
    for (size_t j = i + 1; j < breakers.size(); ++j) {
      Fixture f;
      breakers[j].apply(f);
      breakers[i].apply(f);  // applied last: it wins where both touch the same field
      EXPECT_EQ(platform::ErrorReason(CheckBooking(f.r)), breakers[i].reason)
          << "with " << breakers[j].reason << ": " << CheckBooking(f.r);
    }
  }
}

TEST(CheckBookingTest, StaffMayBookStaffOnlyServices) {
  Fixture f;
  f.service.citizen_self_booking = false;
  f.r.actor = {"cc-1", ActorRole::kContactCentre, ""};
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, OperatorsBookOnlyInTheirCpi) {
  Fixture f;
  f.r.actor = {"op-1", ActorRole::kOperator, "CPI-TO-16"};
  f.r.mode = DeliveryMode::kPhone;  // also not offered: the CPI comes first
  ExpectBlocked(f.r, "OPERATOR_OUT_OF_CPI", kDenied);
  f.r.mode = DeliveryMode::kVideoCall;
  f.r.actor.cpi_code = "CPI-TO-15";
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.r.actor = {"admin-1", ActorRole::kAdmin, ""};  // administrators act for every CPI
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, PastSlotsAreRefusedToStaffToo) {
  Fixture f;
  f.r.actor = {"admin-1", ActorRole::kAdmin, ""};
  f.r.slot.start = kNow - absl::Minutes(1);
  ExpectBlocked(f.r, "SLOT_IN_PAST", kPrecondition);
  f.r.slot.start = kNow + absl::Seconds(1);
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, NoticeAndHorizonBoundsApplyToCitizensOnly) {
  Fixture f;
  f.r.slot.start = kNow + absl::Hours(24) - absl::Seconds(1);
  ExpectBlocked(f.r, "MINIMUM_NOTICE_NOT_MET", kPrecondition);
  f.r.slot.start = kNow + absl::Hours(24);
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.r.slot.start = kNow + absl::Hours(24 * 60) + absl::Seconds(1);
  ExpectBlocked(f.r, "OUTSIDE_BOOKING_HORIZON", kPrecondition);
  f.r.slot.start = kNow + absl::Hours(24 * 60);
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.r.actor = {"op-1", ActorRole::kOperator, "CPI-TO-15"};
  for (absl::Duration ahead : {absl::Minutes(10), absl::Hours(24 * 200)}) {
    f.r.slot.start = kNow + ahead;
    EXPECT_TRUE(CheckBooking(f.r).ok()) << ahead << ": " << CheckBooking(f.r);
  }
}

TEST(CheckBookingTest, FiscalCodeIsNormalizedThenValidated) {
  Fixture f;
  f.r.citizen.fiscal_code = "PRVTST90";
  ExpectBlocked(f.r, "INVALID_FISCAL_CODE_FORMAT", kInvalid);
  f.r.citizen.fiscal_code = " " + absl::AsciiStrToLower(CodeBornOn(absl::CivilDay(1990, 3, 15)));
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, ContactShapes) {
  const std::vector<std::pair<std::string, std::string>> unusable = {{"", ""},
                                                                     {"persona.prova", ""},
                                                                     {"persona@example", ""},
                                                                     {"@example.it", ""},
                                                                     {"persona@example.", ""},
                                                                     {"", "3471234"},
                                                                     {"", "+39 3470000000"},
                                                                     {"", "3470000000123456"},
                                                                     {"", "39347abc00"}};
  for (const auto& [email, mobile] : unusable) {
    Fixture f;
    f.r.citizen.email = email;
    f.r.citizen.mobile = mobile;
    ExpectBlocked(f.r, "NO_CONTACT_FOR_NOTIFICATIONS", kPrecondition);
  }
  const std::vector<std::pair<std::string, std::string>> usable = {{"persona.prova@example.it", ""},
                                                                   {"", "34700000"},
                                                                   {"", "+393470000000"},
                                                                   {"broken", "347000000012345"}};
  for (const auto& [email, mobile] : usable) {
    Fixture f;
    f.r.citizen.email = email;
    f.r.citizen.mobile = mobile;
    EXPECT_TRUE(CheckBooking(f.r).ok()) << email << " / " << mobile << ": " << CheckBooking(f.r);
  }
}

TEST(CheckBookingTest, DomicileOnlyWhenTheServiceRequiresIt) {
  Fixture f;
  f.r.citizen.domiciled_in_piedmont = false;
  f.service.requires_piedmont_domicile = false;
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
}

TEST(CheckBookingTest, AgeBoundaries) {
  Fixture f;
  f.r.citizen.compulsory_schooling_completed = false;
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2009, 5, 7));  // 15 tomorrow
  ExpectBlocked(f.r, "UNDER_MINIMUM_AGE", kPrecondition);
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2008, 5, 6));  // 16 today
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.r.citizen.compulsory_schooling_completed = true;
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2009, 5, 6));  // 15 today
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.service.minimum_age = 18;
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2006, 5, 7));
  ExpectBlocked(f.r, "UNDER_MINIMUM_AGE", kPrecondition);
  EXPECT_EQ(platform::ErrorMetadata(CheckBooking(f.r))["minimum_age"], "18");
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2006, 5, 6));
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.service.minimum_age = 0;  // never below the legal 15
  f.r.citizen.fiscal_code = CodeBornOn(absl::CivilDay(2010, 1, 1));
  ExpectBlocked(f.r, "UNDER_MINIMUM_AGE", kPrecondition);
}

TEST(CheckBookingTest, ConflictsNameTheAppointment) {
  Fixture f;
  const absl::Time start = f.r.slot.start;
  f.r.open_appointments.push_back({"apt-8", "EURES", start - absl::Minutes(30), start});
  f.r.open_appointments.push_back({"apt-9", "EURES", f.r.slot.end, f.r.slot.end + absl::Hours(1)});
  EXPECT_TRUE(CheckBooking(f.r).ok()) << "touching is not overlapping: " << CheckBooking(f.r);
  f.r.open_appointments.back().start -= absl::Seconds(1);  // apt-9
  EXPECT_EQ(platform::ErrorMetadata(CheckBooking(f.r))["appointment_id"], "apt-9");
  f.r.open_appointments.push_back(
      {"apt-7", "DID_PATTO", start + absl::Hours(99), start + absl::Hours(100)});
  EXPECT_EQ(platform::ErrorMetadata(CheckBooking(f.r))["appointment_id"], "apt-7");
  const absl::Status taken = SlotTakenError("slot-9");
  EXPECT_EQ(platform::ErrorReason(taken), "SLOT_TAKEN");
  EXPECT_EQ(taken.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(platform::ErrorMetadata(taken)["slot_id"], "slot-9");
}

TEST(CheckBookingTest, MovingIgnoresTheMovedAppointment) {
  Fixture f;
  f.r.open_appointments.push_back({"apt-moving", "DID_PATTO", f.r.slot.start, f.r.slot.end});
  f.r.moving_appointment_id = "apt-other";
  ExpectBlocked(f.r, "ALREADY_BOOKED_FOR_SERVICE", absl::StatusCode::kAlreadyExists);
  f.r.moving_appointment_id = "apt-moving";
  EXPECT_TRUE(CheckBooking(f.r).ok()) << CheckBooking(f.r);
  f.r.open_appointments[0].start = f.r.slot.start;  // another appointment still counts
  ExpectBlocked(f.r, "APPOINTMENT_OVERLAP", kPrecondition);
}

TEST(CheckBookingTest, MissingServiceIsAnInternalError) {
  Fixture f;
  f.r.service = nullptr;
  EXPECT_EQ(CheckBooking(f.r).code(), absl::StatusCode::kInternal);
}

TEST(VideoMeetingLinkTest, OnlyVideoCallsWithATemplate) {
  const std::string t = "https://videocolloqui.example.it/cpi/{appointment_id}";
  EXPECT_EQ(VideoMeetingLink(t, "0193-a", DeliveryMode::kVideoCall),
            "https://videocolloqui.example.it/cpi/0193-a");
  EXPECT_EQ(VideoMeetingLink(t, "0193-a", DeliveryMode::kInPerson), "");
  EXPECT_EQ(VideoMeetingLink(t, "0193-a", DeliveryMode::kPhone), "");
  EXPECT_EQ(VideoMeetingLink("", "0193-a", DeliveryMode::kVideoCall), "");
  EXPECT_TRUE(ValidateVideoMeetingUrl("").ok());
  EXPECT_TRUE(ValidateVideoMeetingUrl(t).ok());
  EXPECT_EQ(ValidateVideoMeetingUrl("http://videocolloqui.example.it/{appointment_id}").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateVideoMeetingUrl("https://videocolloqui.example.it/room").code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sisl::booking
