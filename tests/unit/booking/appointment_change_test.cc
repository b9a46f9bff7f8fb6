// Appointment rules after booking: changes, attendance, operator choice, masking, state names.
// Fiscal codes are invented: no real person's code.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/domain/appointment.h"
#include "services/platform/errors.h"
#include "tests/unit/booking/appointment_test_support.h"

namespace sisl::booking {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing_support::CodeBornOn;
using testing_support::kNow;
using testing_support::kToday;
using testing_support::Service;

constexpr auto kDenied = absl::StatusCode::kPermissionDenied;
constexpr auto kPrecondition = absl::StatusCode::kFailedPrecondition;

ChangeRequest Change(const BookableService& service, Actor actor, absl::Duration before_start) {
  return {
      &service, AppointmentState::kToDeliver, kNow + before_start, std::move(actor), "CPI-TO-15",
      kNow};
}

TEST(ChangeTest, OnlyOpenAppointmentsChange) {
  const BookableService service = Service();
  for (AppointmentState state :
       {AppointmentState::kDelivered, AppointmentState::kCancelledByCitizen,
        AppointmentState::kCancelledByOperator, AppointmentState::kMoved,
        AppointmentState::kNoShow}) {
    ChangeRequest r = Change(service, {"admin-1", ActorRole::kAdmin, ""}, absl::Hours(48));
    r.state = state;
    EXPECT_EQ(platform::ErrorReason(CheckCitizenOrStaffChange(r)), "APPOINTMENT_NOT_OPEN");
    r.state = AppointmentState::kToDeliver;
    EXPECT_TRUE(CheckCitizenOrStaffChange(r).ok());
  }
}

TEST(ChangeTest, CitizensChangeUntilTheDeadline) {
  BookableService service = Service();
  const Actor citizen{"citizen-1", ActorRole::kCitizen, ""};
  EXPECT_TRUE(CheckCitizenOrStaffChange(Change(service, citizen, absl::Hours(24))).ok());
  const absl::Status late =
      CheckCitizenOrStaffChange(Change(service, citizen, absl::Hours(24) - absl::Seconds(1)));
  EXPECT_EQ(platform::ErrorReason(late), "CHANGE_DEADLINE_PASSED");
  EXPECT_EQ(late.code(), kPrecondition);
  service.citizen_can_change = false;
  const absl::Status denied = CheckCitizenOrStaffChange(Change(service, citizen, absl::Hours(48)));
  EXPECT_EQ(platform::ErrorReason(denied), "CITIZEN_CHANGE_NOT_ALLOWED");
  EXPECT_EQ(denied.code(), kDenied);
}

TEST(ChangeTest, StaffChangeAtAnyTimeOperatorsInTheirCpi) {
  const BookableService service = Service();
  const absl::Duration past_deadline = absl::Hours(1);
  EXPECT_TRUE(CheckCitizenOrStaffChange(
                  Change(service, {"op-1", ActorRole::kOperator, "CPI-TO-15"}, past_deadline))
                  .ok());
  EXPECT_EQ(platform::ErrorReason(CheckCitizenOrStaffChange(
                Change(service, {"op-2", ActorRole::kOperator, "CPI-CN-01"}, past_deadline))),
            "OPERATOR_OUT_OF_CPI");
  for (ActorRole role : {ActorRole::kContactCentre, ActorRole::kAdmin}) {
    EXPECT_TRUE(CheckCitizenOrStaffChange(Change(service, {"x", role, ""}, -absl::Hours(1))).ok());
  }
}

const Actor kOperator{"op-1", ActorRole::kOperator, "CPI-TO-15"};
const absl::Time kStart = kNow - absl::Minutes(5);

absl::StatusOr<AppointmentState> Attend(AppointmentState current, Attendance a,
                                        const Actor& actor = kOperator, bool justified = false,
                                        absl::Time start = kStart) {
  return ApplyAttendance(current, justified, a, start, kNow, actor, "CPI-TO-15");
}

// The new state's name, or the reason of the refusal.
std::string ReasonOf(const absl::StatusOr<AppointmentState>& s) {
  return s.ok() ? std::string(StateName(*s)) : platform::ErrorReason(s.status());
}

TEST(AttendanceTest, DeliveredOrNoShowOnceStarted) {
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kDelivered)), "delivered");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kNoShow)), "no_show");
  EXPECT_TRUE(
      Attend(AppointmentState::kToDeliver, Attendance::kNoShow, kOperator, false, kNow).ok());
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kDelivered, kOperator, false,
                            kNow + absl::Seconds(1))),
            "ATTENDANCE_BEFORE_START");
  for (AppointmentState s : {AppointmentState::kDelivered, AppointmentState::kMoved,
                             AppointmentState::kNoShow, AppointmentState::kCancelledByCitizen}) {
    EXPECT_EQ(ReasonOf(Attend(s, Attendance::kDelivered)), "APPOINTMENT_NOT_OPEN");
  }
}

TEST(AttendanceTest, JustifyOnlyAnUnjustifiedNoShow) {
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kNoShow, Attendance::kJustified)), "no_show");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kNoShow, Attendance::kJustified, kOperator, true)),
            "ALREADY_JUSTIFIED");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kJustified)),
            "NOT_A_NO_SHOW");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kDelivered, Attendance::kJustified)),
            "NOT_A_NO_SHOW");
}

TEST(AttendanceTest, OnlyOperatorsOfTheCpiAndAdmins) {
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kDelivered,
                            {"c", ActorRole::kCitizen, ""})),
            "STAFF_ONLY");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kNoShow, Attendance::kJustified,
                            {"cc", ActorRole::kContactCentre, "CPI-TO-15"})),
            "STAFF_ONLY");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kDelivered,
                            {"op-9", ActorRole::kOperator, "CPI-VC-01"})),
            "OPERATOR_OUT_OF_CPI");
  EXPECT_EQ(ReasonOf(Attend(AppointmentState::kToDeliver, Attendance::kNoShow,
                            {"admin", ActorRole::kAdmin, ""})),
            "no_show");
}

TEST(PickOperatorTest, LeastLoadedThenSmallestId) {
  EXPECT_EQ(PickOperator({"op-c", "op-a", "op-b"}, {{"op-a", 3}, {"op-b", 1}, {"op-c", 2}}),
            "op-b");
  EXPECT_EQ(PickOperator({"op-c", "op-b", "op-a"}, {{"op-a", 2}, {"op-b", 1}, {"op-c", 1}}),
            "op-b");
  EXPECT_EQ(PickOperator({"op-b", "op-a"}, {{"op-b", 1}}), "op-a");  // missing: none open
  EXPECT_EQ(PickOperator({"op-b", "op-a"}, {}), "op-a");
  EXPECT_EQ(PickOperator({}, {{"op-a", 0}}), "");
}

TEST(MaskFiscalCodeTest, ShowsTheFirstSixCharacters) {
  EXPECT_EQ(MaskFiscalCode(" prvtst90c15l219x "), "PRVTST**********");
  EXPECT_EQ(MaskFiscalCode("PRVTS"), "*****");
  EXPECT_EQ(MaskFiscalCode(""), "");
}

TEST(StateNameTest, RoundTripsTheStoredNames) {
  const std::vector<std::pair<AppointmentState, std::string>> names = {
      {AppointmentState::kToDeliver, "to_deliver"},
      {AppointmentState::kDelivered, "delivered"},
      {AppointmentState::kCancelledByCitizen, "cancelled_by_citizen"},
      {AppointmentState::kCancelledByOperator, "cancelled_by_operator"},
      {AppointmentState::kMoved, "moved"},
      {AppointmentState::kNoShow, "no_show"}};
  for (const auto& [state, name] : names) {
    EXPECT_EQ(StateName(state), name);
    AppointmentState parsed = AppointmentState::kMoved;
    ASSERT_TRUE(ParseState(name, &parsed)) << name;
    EXPECT_EQ(parsed, state);
  }
  AppointmentState untouched = AppointmentState::kDelivered;
  EXPECT_FALSE(ParseState("TO_DELIVER", &untouched));
  EXPECT_FALSE(ParseState("", &untouched));
  EXPECT_EQ(untouched, AppointmentState::kDelivered);
}

}  // namespace
}  // namespace sisl::booking

