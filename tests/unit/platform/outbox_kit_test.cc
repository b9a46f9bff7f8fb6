// The event half of the kit: topics declared on the protos, the Committer (a change and its
// events in one transaction), and the EventDispatcher (envelope, unpack by type, inbox).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/log.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/outbox/relay.h"
#include "services/platform/outbox/topics.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/booking/v1/office_events.pb.h"

namespace sisl::platform {
namespace {

using sisl::booking::v1::CalendarChanged;
using sisl::booking::v1::OfficeUpdated;
using testing::IsOk;

class OutboxKitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, db::OpenDatabase({.url = "sqlite::memory:"}));
    ASSERT_OK(db::ApplyMigrations(*db_, "platform", db::PlatformMigrations(), clock_));
    ASSERT_OK(db::InTransaction(*db_, [](db::Transaction& tx) {
      return tx.ExecuteScript("CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    }));
  }

  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute(sql);
    return r.ok() ? r->rows.at(0).Int(0) : -1;
  }

  FakeClock clock_{absl::FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<db::Database> db_;
  bus::InProcessBus bus_;
};

TEST(TopicsTest, EventMessagesDeclareTheirTopic) {
  EXPECT_EQ(events::TopicOf<OfficeUpdated>(), "sisl.booking.offices.v1");
  EXPECT_EQ(events::TopicOf<CalendarChanged>(), "sisl.booking.calendars.v1");
  EXPECT_EQ(events::TopicOf<sisl::booking::v1::AppointmentEvent>(),
            "sisl.booking.appointments.v1");
  EXPECT_EQ(events::TopicOf<sisl::booking::v1::Office>(), "") << "not an event";
}

TEST_F(OutboxKitTest, ACommitWritesTheChangeAndItsEventsTogetherAndWakesTheRelay) {
  int wakes = 0;
  outbox::Committer committer(*db_, clock_, "sisl-test", [&] { ++wakes; });
  log::ScopedCorrelationId correlation("corr-1");
  ASSERT_OK(committer.Commit([](db::Transaction& tx, outbox::EventWriter& events) -> absl::Status {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO things VALUES ('a', 1)").status());
    CalendarChanged e;
    e.set_calendar_id("cal-1");
    return events.Emit("cal-1", e);
  }));
  EXPECT_EQ(wakes, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM things"), 1);
  auto tx = db_->Begin();
  auto rows = (*tx)->Execute("SELECT topic, event_key, headers FROM outbox");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 1u);
  const db::RowReader row = db::Rows(*rows).front();
  EXPECT_EQ(row.Str("topic"), "sisl.booking.calendars.v1");
  EXPECT_EQ(row.Str("event_key"), "cal-1");
  EXPECT_NE(row.Str("headers").find("corr-1"), std::string::npos);
}

TEST_F(OutboxKitTest, AFailedChangeWritesNeitherRowsNorEvents) {
  int wakes = 0;
  outbox::Committer committer(*db_, clock_, "sisl-test", [&] { ++wakes; });
  absl::Status st = committer.Commit([](db::Transaction& tx, outbox::EventWriter& events) {
    (void)tx.Execute("INSERT INTO things VALUES ('a', 1)");
    (void)events.Emit("cal-1", CalendarChanged());
    return absl::FailedPreconditionError("refused after writing");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(wakes, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM things"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_F(OutboxKitTest, ACommitWithoutEventsDoesNotWakeTheRelay) {
  int wakes = 0;
  outbox::Committer committer(*db_, clock_, "sisl-test", [&] { ++wakes; });
  ASSERT_OK(committer.Commit([](db::Transaction& tx, outbox::EventWriter&) {
    return tx.Execute("INSERT INTO things VALUES ('b', 2)").status();
  }));
  EXPECT_EQ(wakes, 0);
}

TEST_F(OutboxKitTest, EmittingAMessageWithoutATopicIsAnError) {
  outbox::Committer committer(*db_, clock_, "sisl-test", nullptr);
  EXPECT_THAT(committer.Commit([](db::Transaction&, outbox::EventWriter& events) {
    return events.Emit("x", sisl::booking::v1::Office());
  }),
              testing::StatusIs(absl::StatusCode::kInternal));
}

// Commits one CalendarChanged per subject and publishes them with the relay, so the dispatcher
// sees the envelopes a real producer sends.
std::vector<bus::Message> Published(db::Database& db, const Clock& clock,
                                    const std::vector<std::string>& subjects) {
  outbox::Committer committer(db, clock, "sisl-test", nullptr);
  for (const std::string& s : subjects) {
    EXPECT_OK(committer.Commit([&](db::Transaction&, outbox::EventWriter& events) {
      CalendarChanged e;
      e.set_calendar_id(s);
      return events.Emit(s, e);
    }));
  }
  bus::InProcessBus bus;
  std::vector<bus::Message> received;
  auto sub = bus.Subscribe({.group = "g", .topics = {"sisl.booking.calendars.v1"}},
                           [&](const bus::Message& m) {
                             received.push_back(m);
                             return absl::OkStatus();
                           });
  outbox::Relay relay(db, bus, clock);
  EXPECT_OK(relay.RelayOnce().status());
  bus.Flush(absl::Seconds(5));
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (received.size() < subjects.size() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(2));
  }
  (*sub)->Stop();
  return received;
}

TEST_F(OutboxKitTest, TheDispatcherAppliesEachEventOnceWithItsInboxRow) {
  const auto messages = Published(*db_, clock_, {"cal-1", "cal-2"});
  ASSERT_EQ(messages.size(), 2u);
  events::EventDispatcher dispatcher("things-from-calendars", db_.get(), clock_);
  std::vector<std::string> seen_correlation;
  dispatcher.On<CalendarChanged>(
      [&](db::Transaction& tx, const CalendarChanged& e, const events::EventMeta& meta) {
        seen_correlation.push_back(log::CurrentCorrelationId());
        EXPECT_EQ(meta.type, "sisl.booking.v1.CalendarChanged");
        EXPECT_EQ(meta.source, "sisl-test");
        return tx.Execute("INSERT INTO things VALUES ($1, 1)", {e.calendar_id()}).status();
      });
  EXPECT_EQ(dispatcher.Topics(), std::vector<std::string>{"sisl.booking.calendars.v1"});
  for (const auto& m : messages) ASSERT_OK(dispatcher.Handle(m));
  for (const auto& m : messages) ASSERT_OK(dispatcher.Handle(m));  // redelivery
  EXPECT_EQ(Count("SELECT COUNT(*) FROM things"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox WHERE consumer = 'things-from-calendars'"), 2);
  EXPECT_EQ(seen_correlation.size(), 2u);
}

TEST_F(OutboxKitTest, AFailingEffectLeavesNoInboxRowSoTheRetryApplies) {
  const auto messages = Published(*db_, clock_, {"cal-1"});
  ASSERT_EQ(messages.size(), 1u);
  bool fail = true;
  events::EventDispatcher dispatcher("flaky", db_.get(), clock_);
  dispatcher.On<CalendarChanged>(
      [&](db::Transaction& tx, const CalendarChanged& e, const events::EventMeta&) {
        RETURN_IF_ERROR(tx.Execute("INSERT INTO things VALUES ($1, 1)", {e.calendar_id()}).status());
        if (fail) return absl::UnavailableError("downstream not ready");
        return absl::OkStatus();
      });
  EXPECT_FALSE(dispatcher.Handle(messages[0]).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM things"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox"), 0);
  fail = false;
  ASSERT_OK(dispatcher.Handle(messages[0]));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM things"), 1);
}

TEST_F(OutboxKitTest, OtherTypesAndGarbageAreSkippedNotRetried) {
  events::EventDispatcher dispatcher("offices-only", db_.get(), clock_);
  int applied = 0;
  dispatcher.On<OfficeUpdated>([&](db::Transaction&, const OfficeUpdated&,
                                   const events::EventMeta&) {
    ++applied;
    return absl::OkStatus();
  });
  for (const auto& m : Published(*db_, clock_, {"cal-1"})) ASSERT_OK(dispatcher.Handle(m));
  bus::Message garbage;
  garbage.topic = "sisl.booking.offices.v1";
  garbage.payload = "not a protobuf \xff\xff";
  EXPECT_OK(dispatcher.Handle(garbage));
  EXPECT_EQ(applied, 0);
}

TEST_F(OutboxKitTest, ProjectionsRunWithoutTransactionOrInbox) {
  events::EventDispatcher dispatcher("projection", nullptr, clock_);
  std::vector<std::string> calendars;
  dispatcher.Project<CalendarChanged>([&](const CalendarChanged& e, const events::EventMeta&) {
    calendars.push_back(e.calendar_id());
    return absl::OkStatus();
  });
  for (const auto& m : Published(*db_, clock_, {"cal-1", "cal-2"})) {
    ASSERT_OK(dispatcher.Handle(m));
  }
  EXPECT_EQ(calendars, (std::vector<std::string>{"cal-1", "cal-2"}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox"), 0);
}

}  // namespace
}  // namespace sisl::platform
