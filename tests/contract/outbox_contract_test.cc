// Transactional outbox and idempotent consumer, against SQLite and PostgreSQL (bus: in-process).
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/outbox/inbox.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/outbox/relay.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/contract/db_test_support.h"

namespace sisl::platform::outbox {
namespace {

using testing_env::IsOk;

class OutboxContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(IsOk(db::ApplyMigrations(*db_, "platform", db::PlatformMigrations())));
    ASSERT_TRUE(IsOk(db::InTransaction(*db_, [](db::Transaction& tx) {
      return tx.ExecuteScript("CREATE TABLE effects (id TEXT PRIMARY KEY, n BIGINT NOT NULL)");
    })));
  }

  // Appends one event in its own transaction; commits only when `commit`.
  std::string AppendEvent(const std::string& subject, bool commit) {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx.ok());
    google::protobuf::StringValue data;
    data.set_value(subject);
    auto id = Append(**tx, {"test", "sisl.test.things.v1", subject, "corr-1", ""}, data, clock_);
    EXPECT_TRUE(id.ok()) << id.status();
    if (commit) {
      EXPECT_TRUE(IsOk((*tx)->Commit()));
    }
    return id.ok() ? *id : "";
  }

  std::vector<sisl::events::v1::Event> Received() {
    std::vector<sisl::events::v1::Event> out;
    auto sub = bus_.Subscribe({.group = "reader", .topics = {"sisl.test.things.v1"}},
                              [&](const bus::Message& m) {
                                sisl::events::v1::Event e;
                                EXPECT_TRUE(e.ParseFromString(m.payload));
                                EXPECT_EQ(m.Header("event_id"), e.id());
                                EXPECT_EQ(m.key, e.subject());
                                out.push_back(e);
                                return absl::OkStatus();
                              });
    EXPECT_TRUE(sub.ok());
    for (int i = 0; i < 200 && bus_.TopicSize("sisl.test.things.v1") > out.size(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    (*sub)->Stop();
    return out;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<db::Database> db_;
  bus::InProcessBus bus_;
  FakeClock clock_{absl::FromUnixSeconds(1'790'000'000)};
};

TEST_F(OutboxContractTest, PublishesExactlyTheCommittedEventsInOrder) {
  const std::string a = AppendEvent("a", true);
  AppendEvent("rolled-back", false);
  const std::string b = AppendEvent("b", true);
  Relay relay(*db_, bus_, clock_);
  auto n = relay.RelayOnce();
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 2);
  auto events = Received();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id(), a);
  EXPECT_EQ(events[1].id(), b);
  EXPECT_EQ(events[0].type(), "google.protobuf.StringValue");
  EXPECT_EQ(events[0].source(), "test");
  EXPECT_EQ(events[0].correlation_id(), "corr-1");
  google::protobuf::StringValue data;
  ASSERT_TRUE(events[1].data().UnpackTo(&data));
  EXPECT_EQ(data.value(), "b");
  // Marked sent: a second pass publishes nothing and the backlog is empty.
  EXPECT_EQ(*relay.RelayOnce(), 0);
  EXPECT_EQ(*relay.Backlog(), 0);
}

TEST_F(OutboxContractTest, RelayStartedLaterDeliversWhatWasCommittedBefore) {
  // The relay "dies" between commit and publish: nothing runs while events are committed.
  for (int i = 0; i < 5; ++i) AppendEvent(absl::StrCat("k", i), true);
  Relay relay(*db_, bus_, clock_, {.poll_interval = absl::Milliseconds(20)});
  EXPECT_EQ(*relay.Backlog(), 5);
  relay.Start();
  for (int i = 0; i < 300 && *relay.Backlog() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  relay.Stop();
  EXPECT_EQ(*relay.Backlog(), 0);
  EXPECT_EQ(Received().size(), 5u);
}

TEST_F(OutboxContractTest, InboxAppliesAnEventOnce) {
  auto effect = [](db::Transaction& tx) {
    return tx
        .Execute(
            "INSERT INTO effects (id, n) VALUES ('x', 1)"
            " ON CONFLICT (id) DO UPDATE SET n = effects.n + 1",
            {})
        .status();
  };
  auto first = ProcessOnce(*db_, "counter", "event-1", effect, clock_);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, InboxOutcome::kApplied);
  auto again = ProcessOnce(*db_, "counter", "event-1", effect, clock_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, InboxOutcome::kDuplicate);
  // Another consumer sees the same event independently.
  EXPECT_EQ(*ProcessOnce(*db_, "other", "event-1", effect, clock_), InboxOutcome::kApplied);
  auto tx = db_->Begin();
  auto res = (*tx)->Execute("SELECT n FROM effects WHERE id = 'x'", {});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->rows[0].Int(0), 2);
}

// A batch's events recorded in one statement: the new ones come back, once each, also when the
// batch holds an event twice or one recorded before.
TEST_F(OutboxContractTest, InboxRecordsABatchAtOnce) {
  ASSERT_TRUE(ProcessOnce(
                  *db_, "batch", "e-0", [](db::Transaction&) { return absl::OkStatus(); }, clock_)
                  .ok());
  std::vector<std::string> ids = {"e-0", "e-1", "e-2", "e-1"};
  for (int i = 3; i < 2500; ++i) ids.push_back("e-" + std::to_string(i));  // three statements
  absl::StatusOr<std::vector<std::string>> fresh;
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.ok());
    fresh = RecordMany(**tx, "batch", ids, clock_);
    ASSERT_TRUE(fresh.ok()) << fresh.status();
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  std::set<std::string> got(fresh->begin(), fresh->end());
  EXPECT_EQ(fresh->size(), got.size()) << "an id came back twice";
  EXPECT_EQ(got.size(), 2499u);
  EXPECT_FALSE(got.contains("e-0"));
  EXPECT_TRUE(got.contains("e-1") && got.contains("e-2499"));
  auto again = db_->Begin();
  auto none = RecordMany(**again, "batch", {"e-1", "e-7"}, clock_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(OutboxContractTest, FailedEffectIsNotRecordedSoRedeliveryRetries) {
  auto failing = [](db::Transaction& tx) -> absl::Status {
    auto r = tx.Execute("INSERT INTO effects (id, n) VALUES ('y', 1)", {});
    if (!r.ok()) return r.status();
    return absl::UnavailableError("downstream not ready");
  };
  EXPECT_FALSE(ProcessOnce(*db_, "c", "event-2", failing, clock_).ok());
  auto ok = [](db::Transaction& tx) {
    return tx.Execute("INSERT INTO effects (id, n) VALUES ('y', 7)", {}).status();
  };
  auto second = ProcessOnce(*db_, "c", "event-2", ok, clock_);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, InboxOutcome::kApplied);
}

}  // namespace
}  // namespace sisl::platform::outbox
