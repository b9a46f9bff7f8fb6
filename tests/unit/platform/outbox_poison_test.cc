// One event the bus always refuses must not stop the relay: it is retried with growing delays
// while the others flow, then parked in outbox_dead_letters, and an administrator can retry or
// drop it. During an outage nothing is counted against any event.
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/outbox/dead_letters.h"
#include "services/platform/outbox/relay.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::platform::outbox {
namespace {

using testing::HasReason;
using testing::IsOk;

// A bus that refuses every message keyed "poison" (as a broker refuses an oversized message)
// and can be taken down altogether.
class PickyBus final : public bus::EventBus {
 public:
  absl::Status Publish(std::span<const bus::Message> messages, absl::Duration) override {
    absl::MutexLock lock(&mu_);
    if (down_) return absl::UnavailableError("broker down");
    for (const bus::Message& m : messages) {
      if (m.key == "poison") return absl::UnavailableError("message refused by the broker");
    }
    for (const bus::Message& m : messages) published_.push_back(m.key);
    return absl::OkStatus();
  }
  absl::StatusOr<std::unique_ptr<bus::Subscription>> SubscribeBatches(
      bus::SubscriptionOptions, bus::BatchHandler) override {
    return absl::UnimplementedError("not needed");
  }
  absl::Status EnsureTopics(const std::vector<std::string>&) override { return absl::OkStatus(); }
  absl::Status Ping() override {
    absl::MutexLock lock(&mu_);
    return down_ ? absl::UnavailableError("broker down") : absl::OkStatus();
  }
  void Flush(absl::Duration) override {}

  void SetDown(bool down) {
    absl::MutexLock lock(&mu_);
    down_ = down;
  }
  std::vector<std::string> published() {
    absl::MutexLock lock(&mu_);
    return published_;
  }

 private:
  absl::Mutex mu_;
  bool down_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::string> published_ ABSL_GUARDED_BY(mu_);
};

class OutboxPoisonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, db::OpenDatabase({.url = "sqlite::memory:"}));
    ASSERT_OK(db::ApplyMigrations(*db_, "platform", db::PlatformMigrations(), clock_));
    relay_ = std::make_unique<Relay>(*db_, bus_, clock_, RelayOptions{.max_attempts = 3});
  }

  void Emit(const std::vector<std::string>& keys) {
    Committer committer(*db_, clock_, "sisl-test", nullptr);
    for (const std::string& key : keys) {
      ASSERT_OK(committer.Commit([&](db::Transaction&, EventWriter& events) {
        sisl::booking::v1::CalendarChanged e;
        e.set_calendar_id(key);
        return events.Emit(key, e);
      }));
    }
  }

  FakeClock clock_{absl::FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<db::Database> db_;
  PickyBus bus_;
  std::unique_ptr<Relay> relay_;
};

TEST_F(OutboxPoisonTest, APoisonEventIsRetriedWithBackOffWhileOthersFlowThenParked) {
  Emit({"a", "poison", "b"});
  ASSERT_OK_AND_ASSIGN(int published, relay_->RelayOnce());
  EXPECT_EQ(published, 2);
  EXPECT_EQ(bus_.published(), (std::vector<std::string>{"a", "b"}));
  ASSERT_OK_AND_ASSIGN(int64_t backlog, relay_->Backlog());
  EXPECT_EQ(backlog, 1);

  // Waiting for its next attempt: the relay does not hammer the bus.
  Emit({"c"});
  ASSERT_OK_AND_ASSIGN(published, relay_->RelayOnce());
  EXPECT_EQ(published, 1);
  ASSERT_OK_AND_ASSIGN(int64_t parked, relay_->DeadLetterCount());
  EXPECT_EQ(parked, 0);

  for (int attempt = 2; attempt <= 3; ++attempt) {
    clock_.Advance(absl::Minutes(5));
    ASSERT_THAT(relay_->RelayOnce().status(), IsOk());
  }
  ASSERT_OK_AND_ASSIGN(parked, relay_->DeadLetterCount());
  EXPECT_EQ(parked, 1);
  ASSERT_OK_AND_ASSIGN(backlog, relay_->Backlog());
  EXPECT_EQ(backlog, 0);
  ASSERT_OK_AND_ASSIGN(absl::Duration age, relay_->OldestUnsentAge());
  EXPECT_EQ(age, absl::ZeroDuration());

  ASSERT_OK_AND_ASSIGN(auto letters, DeadLetters(*db_).List(10));
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].event_key, "poison");
  EXPECT_EQ(letters[0].attempts, 3);
  EXPECT_EQ(letters[0].event_type, "sisl.booking.v1.CalendarChanged");
  EXPECT_NE(letters[0].last_error.find("refused"), std::string::npos);
}

TEST_F(OutboxPoisonTest, LaterEventsOfTheSameKeyWaitBehindARefusedOne) {
  Emit({"poison", "x", "poison"});
  ASSERT_OK_AND_ASSIGN(int published, relay_->RelayOnce());
  EXPECT_EQ(published, 1);
  EXPECT_EQ(bus_.published(), std::vector<std::string>{"x"});
  ASSERT_OK_AND_ASSIGN(int64_t backlog, relay_->Backlog());
  EXPECT_EQ(backlog, 2) << "the second 'poison' event stays behind the first";
}

TEST_F(OutboxPoisonTest, AnOutageCountsNothingAgainstAnyEvent) {
  Emit({"a", "poison"});
  bus_.SetDown(true);
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(absl::Minutes(10));
    EXPECT_FALSE(relay_->RelayOnce().ok());
  }
  ASSERT_OK_AND_ASSIGN(int64_t parked, relay_->DeadLetterCount());
  EXPECT_EQ(parked, 0);
  ASSERT_OK_AND_ASSIGN(absl::Duration age, relay_->OldestUnsentAge());
  EXPECT_EQ(age, absl::Minutes(100));
  bus_.SetDown(false);
  ASSERT_OK_AND_ASSIGN(int published, relay_->RelayOnce());
  EXPECT_EQ(published, 1);
}

TEST_F(OutboxPoisonTest, AnAdministratorRetriesOrDropsAParkedEvent) {
  Emit({"poison", "poison"});
  for (int i = 0; i < 8; ++i) {
    (void)relay_->RelayOnce();
    clock_.Advance(absl::Minutes(5));
  }
  ASSERT_OK_AND_ASSIGN(auto letters, DeadLetters(*db_).List(10));
  ASSERT_EQ(letters.size(), 2u);
  DeadLetters admin(*db_);
  EXPECT_THAT(admin.Retry("no-such-event", "admin-1"), HasReason("DEAD_LETTER_NOT_FOUND"));
  ASSERT_OK(admin.Drop(letters[1].event_id, "admin-1"));
  ASSERT_OK(admin.Retry(letters[0].event_id, "admin-1"));  // the cause was fixed
  ASSERT_OK_AND_ASSIGN(int64_t backlog, relay_->Backlog());
  EXPECT_EQ(backlog, 1);
  ASSERT_OK_AND_ASSIGN(int64_t parked, relay_->DeadLetterCount());
  EXPECT_EQ(parked, 0);
  EXPECT_THAT(admin.Drop(letters[1].event_id, "admin-1"), HasReason("DEAD_LETTER_NOT_FOUND"));
}

}  // namespace
}  // namespace sisl::platform::outbox
