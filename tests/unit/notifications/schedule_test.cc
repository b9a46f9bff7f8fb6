// Reminder scheduling, idempotency keys, retries and failure classification
// (services/notifications/domain/schedule.h).
#include "services/notifications/domain/schedule.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/notifications/test_messages.h"

namespace sisl::notifications {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RomeTime;

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

std::vector<Reminder> Schedule(absl::Time start, std::vector<int32_t> days, absl::Time now) {
  return ReminderSchedule(start, days, now, testing::Rome());
}

TEST(ReminderScheduleTest, DaysBeforeAtNineLocal) {
  absl::Time start = RomeTime(2026, 12, 14, 10, 30);
  absl::Time now = RomeTime(2026, 12, 1, 12, 0);
  EXPECT_THAT(Schedule(start, {1, 3}, now), ElementsAre(Reminder{3, RomeTime(2026, 12, 11, 9, 0)},
                                                        Reminder{1, RomeTime(2026, 12, 13, 9, 0)}));
  // Winter time: 09:00 in Rome is 08:00 UTC.
  EXPECT_EQ(Schedule(start, {1}, now).front().due, Utc(2026, 12, 13, 8, 0));
  // Summer time: 07:00 UTC.
  EXPECT_EQ(Schedule(RomeTime(2026, 7, 2, 15, 0), {1}, now - absl::Hours(24 * 200)).front().due,
            Utc(2026, 7, 1, 7, 0));
}

TEST(ReminderScheduleTest, PastRemindersAreSkipped) {
  absl::Time start = RomeTime(2026, 12, 14, 10, 30);
  EXPECT_THAT(Schedule(start, {1, 3, 7}, RomeTime(2026, 12, 12, 8, 0)),
              ElementsAre(Reminder{1, RomeTime(2026, 12, 13, 9, 0)}));
  // Due exactly now: already past (the booking itself happens now).
  EXPECT_THAT(Schedule(start, {1}, RomeTime(2026, 12, 13, 9, 0)), IsEmpty());
  EXPECT_THAT(Schedule(start, {1, 3}, RomeTime(2026, 12, 14, 11, 0)), IsEmpty());
}

TEST(ReminderScheduleTest, SameDayOnlyBeforeTheStart) {
  absl::Time now = RomeTime(2026, 12, 1, 12, 0);
  EXPECT_THAT(Schedule(RomeTime(2026, 12, 14, 10, 30), {0}, now),
              ElementsAre(Reminder{0, RomeTime(2026, 12, 14, 9, 0)}));
  EXPECT_THAT(Schedule(RomeTime(2026, 12, 14, 8, 30), {0}, now), IsEmpty());
  EXPECT_THAT(Schedule(RomeTime(2026, 12, 14, 9, 0), {0}, now), IsEmpty());
}

TEST(ReminderScheduleTest, DeduplicatedSortedAndNegativesIgnored) {
  absl::Time start = RomeTime(2026, 12, 14, 10, 30);
  absl::Time now = RomeTime(2026, 12, 1, 12, 0);
  EXPECT_THAT(Schedule(start, {1, 7, 1, -2, 3, 7}, now),
              ElementsAre(Reminder{7, RomeTime(2026, 12, 7, 9, 0)},
                          Reminder{3, RomeTime(2026, 12, 11, 9, 0)},
                          Reminder{1, RomeTime(2026, 12, 13, 9, 0)}));
  EXPECT_THAT(Schedule(start, {}, now), IsEmpty());
}

TEST(ReminderScheduleTest, EndOfSummerTime) {
  // Monday 2026-10-26 10:00 (UTC+1); the clocks went back on Sunday 2026-10-25 at 03:00.
  absl::Time start = RomeTime(2026, 10, 26, 10, 0);
  ASSERT_EQ(start, Utc(2026, 10, 26, 9, 0));
  absl::Time now = Utc(2026, 10, 1, 0, 0);
  EXPECT_THAT(Schedule(start, {1}, now), ElementsAre(Reminder{1, Utc(2026, 10, 25, 8, 0)}));
  // Two days before is still summer time: 09:00 is 07:00 UTC.
  EXPECT_THAT(Schedule(start, {2}, now), ElementsAre(Reminder{2, Utc(2026, 10, 24, 7, 0)}));
}

TEST(ReminderScheduleTest, StartOfSummerTime) {
  // Monday 2027-03-29 10:00 (UTC+2); the clocks went forward on Sunday 2027-03-28 at 02:00.
  absl::Time start = RomeTime(2027, 3, 29, 10, 0);
  ASSERT_EQ(start, Utc(2027, 3, 29, 8, 0));
  absl::Time now = Utc(2027, 3, 1, 0, 0);
  EXPECT_THAT(Schedule(start, {1}, now), ElementsAre(Reminder{1, Utc(2027, 3, 28, 7, 0)}));
  EXPECT_THAT(Schedule(start, {2}, now), ElementsAre(Reminder{2, Utc(2027, 3, 27, 8, 0)}));
}

TEST(IdempotencyKeyTest, StableStrings) {
  EXPECT_EQ(ReminderKey("apt-42", 1, Channel::kEmail), "reminder:apt-42:1d:email");
  EXPECT_EQ(EventMessageKey("evt-7", MessageType::kAppointmentConfirmation, Channel::kSms),
            "event:evt-7:appointment_confirmation:sms");
  EXPECT_EQ(AppointmentMessageKey("apt-42", 3, MessageType::kAppointmentMoved, Channel::kAppIo),
            "appointment:apt-42#3:appointment_moved:app_io");
  EXPECT_EQ(ReminderKey("apt-42", 1, Channel::kEmail), ReminderKey("apt-42", 1, Channel::kEmail));
}

TEST(IdempotencyKeyTest, DistinctForEveryPart) {
  std::set<std::string> keys;
  int made = 0;
  for (const char* id : {"a", "b", "a:1d", "a%3A1d", "a#1"}) {
    for (Channel channel : kAllChannels) {
      for (int days : {0, 1, 3}) {
        keys.insert(ReminderKey(id, days, channel));
        ++made;
      }
      for (MessageType type : kAllMessageTypes) {
        keys.insert(EventMessageKey(id, type, channel));
        keys.insert(AppointmentMessageKey(id, 1, type, channel));
        keys.insert(AppointmentMessageKey(id, 2, type, channel));
        made += 3;
      }
    }
  }
  EXPECT_EQ(keys.size(), static_cast<size_t>(made));
  // Separators inside ids are escaped, so ids cannot forge another key.
  EXPECT_EQ(ReminderKey("a:1d", 2, Channel::kSms), "reminder:a%3A1d:2d:sms");
  EXPECT_EQ(ReminderKey("a%3A1d", 2, Channel::kSms), "reminder:a%253A1d:2d:sms");
}

TEST(RetryTest, ExponentialWithCap) {
  EXPECT_EQ(RetryDelay(1), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(2), absl::Seconds(60));
  EXPECT_EQ(RetryDelay(3), absl::Seconds(120));
  EXPECT_EQ(RetryDelay(7), absl::Seconds(1920));
  EXPECT_EQ(RetryDelay(8), absl::Hours(1));  // 3840 s, capped
  EXPECT_EQ(RetryDelay(1000000), absl::Hours(1));
  EXPECT_EQ(RetryDelay(0), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(-5), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(5), RetryDelay(5));  // no jitter
  RetryPolicy fast{absl::Milliseconds(100), absl::Seconds(1), 3};
  EXPECT_EQ(RetryDelay(4, fast), absl::Milliseconds(800));
  EXPECT_EQ(RetryDelay(5, fast), absl::Seconds(1));
  EXPECT_FALSE(IsExhausted(2, fast));
  EXPECT_TRUE(IsExhausted(3, fast));
  EXPECT_FALSE(IsExhausted(11));
  EXPECT_TRUE(IsExhausted(12));
}

TEST(FailureClassificationTest, SmtpReplies) {
  for (int code : {500, 501, 550, 552, 553, 554, 599}) {
    EXPECT_EQ(ClassifySmtpReply(code), FailureKind::kPermanent) << code;
    EXPECT_TRUE(IsPermanentSmtpReply(code)) << code;
  }
  for (int code : {421, 450, 451, 452, 454, 0, -1, 600, 250}) {
    EXPECT_EQ(ClassifySmtpReply(code), FailureKind::kTemporary) << code;
    EXPECT_FALSE(IsPermanentSmtpReply(code)) << code;
  }
}

TEST(FailureClassificationTest, HttpStatuses) {
  for (int status : {400, 401, 403, 404, 409, 410, 413, 422, 499}) {
    EXPECT_EQ(ClassifyHttpStatus(status), FailureKind::kPermanent) << status;
    EXPECT_TRUE(IsPermanentHttpStatus(status)) << status;
  }
  for (int status : {408, 429, 500, 502, 503, 504, 599, 0}) {
    EXPECT_EQ(ClassifyHttpStatus(status), FailureKind::kTemporary) << status;
    EXPECT_FALSE(IsPermanentHttpStatus(status)) << status;
  }
}

}  // namespace
}  // namespace sisl::notifications
