// Forwarding accepted communications to the national node (issue 12 point 10) on a real store
// (SQLite and PostgreSQL): the Forwarder against the fake node (sent once, retried with backoff,
// acknowledged after polls, never sent twice by two Forwarders stepping at once), the backlog
// and metrics that make a stuck forwarding visible, and the spool-directory adapter in a
// temporary directory.
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/communications/forwarding/fake_national_node.h"
#include "services/communications/forwarding/forwarder.h"
#include "services/communications/forwarding/forwarding_metrics.h"
#include "services/communications/forwarding/spool_directory_node.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/ids.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/db_test_support.h"

namespace sisl::communications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations
namespace forwarding {
namespace {

using platform::db::Transaction;
using platform::testing::HasReason;
using platform::testing::IsOk;

std::string Code(int i) { return absl::StrFormat("0126UL%010d", i); }
std::string Xml(const std::string& code) {
  return absl::StrCat("<UNILAV codiceComunicazione=\"", code, "\"/>");
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ForwardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "platform", platform::db::PlatformMigrations(), clock_),
        IsOk());
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "communications", embedded_migrations::Files(), clock_),
        IsOk());
  }

  // Accepted communications first..first+n-1, protocolled now and each spooled 'to_send' as
  // filing does.
  void Accept(int n, int first = 1) {
    auto insert = [&](Transaction& tx) -> absl::Status {
      for (int i = first; i < first + n; ++i) {
        RETURN_IF_ERROR(tx.Execute(
            "INSERT INTO communications (code, filed_for, worker, form, nature, event, event_date,"
            " state, due_date, days_late, warnings, xml, filed_by, filed_by_role, protocol_at,"
            " seq) VALUES ($1, '07643520011', 'RSSMRA85T10L219G', 'UL', '01', 'hire',"
            " '2026-12-02', 'accepted', '2026-12-01', 0, '[]', $2, 'p-1', 'company', $3, $4)",
            {Code(i), Xml(Code(i)), absl::ToUnixMicros(clock_.Now()), int64_t{i}}));
        RETURN_IF_ERROR(store::ForwardingSpool::Enqueue(tx, Code(i), clock_.Now()));
      }
      return absl::OkStatus();
    };
    ASSERT_THAT(platform::db::InTransaction(*db_, insert), IsOk());
  }

  // One column of a forwarding row, as text.
  std::string Column(const std::string& code, const std::string& column) {
    std::string out;
    auto read = [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(
          platform::db::Result r,
          tx.Execute(absl::StrCat("SELECT ", column, " FROM forwarding WHERE code = $1"), {code}));
      out = r.rows.empty() ? "<none>" : r.rows.front().Str(0);
      return absl::OkStatus();
    };
    EXPECT_THAT(platform::db::InTransaction(*db_, read), IsOk());
    return out;
  }
  std::string State(const std::string& code) { return Column(code, "state"); }

  ForwardingCounts Step(Forwarder& forwarder) {
    absl::StatusOr<ForwardingCounts> counts = forwarder.Step();
    EXPECT_THAT(counts.status(), IsOk());
    return counts.ok() ? *counts : ForwardingCounts{};
  }

  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  // A spool directory for the tests that need one.
  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / absl::StrCat("sisl-spool-", platform::NewUuidV7());
  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 12, 1, 9, 0, 0), absl::UTCTimeZone())};
  FakeNationalNode node_;
};

TEST_F(ForwardingTest, SendsEachAcceptedCommunicationOnceWithItsXml) {
  Accept(3);
  Forwarder forwarder(*db_, node_, clock_);
  ForwardingCounts counts = Step(forwarder);
  EXPECT_EQ(counts.sent, 3);
  EXPECT_EQ(counts.failed, 0);
  EXPECT_FALSE(counts.more);
  ASSERT_EQ(node_.received().size(), 3u);
  for (const FakeNationalNode::Received& r : node_.received()) {
    EXPECT_EQ(r.xml, Xml(r.code));
    EXPECT_EQ(State(r.code), "sent");
    EXPECT_EQ(Column(r.code, "node_receipt"), r.receipt_id);
    EXPECT_EQ(Column(r.code, "attempts"), "0");
  }
  clock_.Advance(absl::Hours(2));
  node_.set_polls_before_ack(100);
  EXPECT_EQ(Step(forwarder).sent, 0);
  EXPECT_EQ(node_.send_calls(), 3);
}

TEST_F(ForwardingTest, AFullBatchAsksForAnotherStep) {
  Accept(5);
  Forwarder forwarder(*db_, node_, clock_, {.batch = 2});
  EXPECT_TRUE(Step(forwarder).more);
  EXPECT_TRUE(Step(forwarder).more);
  ForwardingCounts last = Step(forwarder);
  EXPECT_EQ(last.sent, 1);
  EXPECT_FALSE(last.more);
  EXPECT_EQ(node_.received().size(), 5u);
}

TEST_F(ForwardingTest, RetriesAFailedSendWithGrowingBackoff) {
  EXPECT_EQ(Forwarder::Backoff(1), absl::Minutes(1));
  EXPECT_EQ(Forwarder::Backoff(2), absl::Minutes(2));
  EXPECT_EQ(Forwarder::Backoff(6), absl::Minutes(32));
  EXPECT_EQ(Forwarder::Backoff(7), absl::Hours(1));
  EXPECT_EQ(Forwarder::Backoff(40), absl::Hours(1));

  Accept(1);
  const std::string code = Code(1);
  Forwarder forwarder(*db_, node_, clock_);
  node_.FailSends(2);
  ForwardingCounts first = Step(forwarder);
  EXPECT_EQ(first.sent, 0);
  EXPECT_EQ(first.failed, 1);
  EXPECT_EQ(State(code), "to_send");
  EXPECT_EQ(Column(code, "attempts"), "1");
  EXPECT_EQ(Column(code, "next_attempt_at"),
            absl::StrCat(absl::ToUnixMicros(clock_.Now() + absl::Minutes(1))));

  clock_.Advance(absl::Seconds(59));
  EXPECT_EQ(Step(forwarder).failed, 0);  // not due yet
  EXPECT_EQ(node_.send_calls(), 1);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Step(forwarder).failed, 1);  // the second failure: two minutes now
  EXPECT_EQ(Column(code, "attempts"), "2");
  clock_.Advance(absl::Minutes(2) - absl::Seconds(1));
  Step(forwarder);
  EXPECT_EQ(node_.send_calls(), 2);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Step(forwarder).sent, 1);
  EXPECT_EQ(State(code), "sent");
  EXPECT_EQ(node_.SendsOf(code), 1);
}

TEST_F(ForwardingTest, IsAcknowledgedAfterThePollsTheNodeNeeds) {
  Accept(1);
  const std::string code = Code(1);
  node_.set_polls_before_ack(3);
  Forwarder forwarder(*db_, node_, clock_, {.ack_poll_interval = absl::Minutes(1)});
  EXPECT_EQ(Step(forwarder).sent, 1);
  const std::string receipt = node_.received().front().receipt_id;
  EXPECT_EQ(Step(forwarder).acknowledged, 0);
  EXPECT_EQ(node_.PollsOf(receipt), 0);  // the first poll waits a poll interval

  node_.FailPolls(1);
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(Step(forwarder).failed, 1);
  for (int poll = 1; poll <= 2; ++poll) {
    clock_.Advance(absl::Minutes(1));
    EXPECT_EQ(Step(forwarder).acknowledged, 0);
    EXPECT_EQ(State(code), "sent");
  }
  clock_.Advance(absl::Minutes(1));
  ForwardingCounts acked = Step(forwarder);
  EXPECT_EQ(acked.acknowledged, 1);
  EXPECT_EQ(acked.failed, 0);
  EXPECT_EQ(State(code), "acknowledged");
  EXPECT_EQ(node_.PollsOf(receipt), 3);

  clock_.Advance(absl::Hours(1));
  Step(forwarder);
  EXPECT_EQ(node_.PollsOf(receipt), 3);  // acknowledged rows are left alone
  EXPECT_EQ(node_.send_calls(), 1);
}

TEST_F(ForwardingTest, TwoForwardersSteppingAtOnceNeverSendARowTwice) {
  constexpr int kRows = 40;
  Accept(kRows);
  std::unique_ptr<platform::db::Database> other = env_.Open();
  ASSERT_NE(other, nullptr);
  Forwarder a(*db_, node_, clock_, {.batch = 7});
  Forwarder b(*other, node_, clock_, {.batch = 7});
  int sent = 0;
  for (int round = 0; round < 20 && sent < kRows; ++round) {
    ForwardingCounts ca, cb;
    std::thread ta([&] { ca = Step(a); });
    std::thread tb([&] { cb = Step(b); });
    ta.join();
    tb.join();
    EXPECT_EQ(ca.failed + cb.failed, 0);
    sent += ca.sent + cb.sent;
  }
  EXPECT_EQ(sent, kRows);
  EXPECT_EQ(node_.received().size(), static_cast<size_t>(kRows));
  for (int i = 1; i <= kRows; ++i) {
    EXPECT_EQ(node_.SendsOf(Code(i)), 1) << Code(i);
    EXPECT_EQ(State(Code(i)), "sent");
  }
}

TEST_F(ForwardingTest, TheBacklogCountsWhatWaitsTheOldestUnsentAndUnacknowledgedAndTheMostAttempts) {
  Forwarder forwarder(*db_, node_, clock_);
  platform::MetricsRegistry registry;
  ForwardingMetrics metrics(forwarder, clock_, registry);
  metrics.Register();
  auto step = [&] {
    ForwardingCounts counts = Step(forwarder);
    metrics.Count(counts);
    return counts;
  };

  absl::StatusOr<ForwardingBacklog> empty = forwarder.Backlog();
  ASSERT_THAT(empty.status(), IsOk());
  EXPECT_EQ(empty->to_send + empty->sent, 0);
  EXPECT_FALSE(empty->oldest_unsent_at.has_value());
  EXPECT_FALSE(empty->oldest_unacknowledged_at.has_value());
  EXPECT_EQ(empty->max_attempts, 0);
  const std::string before = registry.Render();
  EXPECT_TRUE(
      absl::StrContains(before, "sisl_communications_forwarding_oldest_unsent_age_seconds 0\n"))
      << before;
  EXPECT_TRUE(absl::StrContains(before, "sisl_communications_forwarding_failures_total 0\n"))
      << before;

  // 1 and 2 sent; 2 acknowledged, 1's poll fails and no later poll acknowledges it.
  const absl::Time start = clock_.Now();
  Accept(2);
  EXPECT_EQ(step().sent, 2);
  clock_.Advance(absl::Minutes(1));
  node_.FailPolls(1);
  ForwardingCounts polled = step();
  EXPECT_EQ(polled.acknowledged, 1);
  EXPECT_EQ(polled.failed, 1);
  node_.set_polls_before_ack(100);
  // 3 and 4 protocolled 10 minutes in: 4 sent, 3 refused twice (by the second try 1 and 4 are
  // polled again, unacknowledged).
  clock_.Advance(absl::Minutes(9));
  Accept(2, 3);
  node_.FailSends(1);
  ForwardingCounts first = step();
  EXPECT_EQ(first.sent, 1);
  EXPECT_EQ(first.failed, 1);
  clock_.Advance(absl::Minutes(1));
  node_.FailSends(1);
  EXPECT_EQ(step().failed, 1);
  EXPECT_EQ(Column(Code(3), "attempts"), "2");
  // 5 protocolled 20 minutes in, never tried.
  clock_.Advance(absl::Minutes(9));
  Accept(1, 5);
  clock_.Advance(absl::Minutes(10));

  absl::StatusOr<ForwardingBacklog> backlog = forwarder.Backlog();
  ASSERT_THAT(backlog.status(), IsOk());
  EXPECT_EQ(backlog->to_send, 2);                                   // 3 and 5
  EXPECT_EQ(backlog->sent, 2);                                      // 1 and 4 (2 acknowledged)
  EXPECT_EQ(backlog->oldest_unsent_at, start + absl::Minutes(10));  // 3's protocol time
  EXPECT_EQ(backlog->oldest_unacknowledged_at, start);              // 1's
  EXPECT_EQ(backlog->max_attempts, 2);

  const std::string after = registry.Render();
  for (const char* line : {
           "sisl_communications_forwarding_rows{state=\"sent\"} 2\n",
           "sisl_communications_forwarding_rows{state=\"to_send\"} 2\n",
           "sisl_communications_forwarding_oldest_unsent_age_seconds 1200\n",
           "sisl_communications_forwarding_oldest_unacknowledged_age_seconds 1800\n",
           "sisl_communications_forwarding_max_attempts 2\n",
           "sisl_communications_forwarding_sent_total 3\n",
           "sisl_communications_forwarding_acknowledged_total 1\n",
           "sisl_communications_forwarding_failures_total 3\n",
       }) {
    EXPECT_TRUE(absl::StrContains(after, line)) << line << " not in\n" << after;
  }
  EXPECT_FALSE(absl::StrContains(after, "0126UL")) << "a code in the metrics:\n" << after;
  EXPECT_FALSE(absl::StrContains(after, "state=\"acknowledged\"")) << "acknowledged rows counted";

  // Once 3 and 5 are sent, nothing waits.
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(step().sent, 2);
  backlog = forwarder.Backlog();
  ASSERT_THAT(backlog.status(), IsOk());
  EXPECT_EQ(backlog->to_send, 0);
  EXPECT_FALSE(backlog->oldest_unsent_at.has_value());
  EXPECT_EQ(backlog->max_attempts, 0);
  EXPECT_TRUE(absl::StrContains(registry.Render(),
                                "sisl_communications_forwarding_oldest_unsent_age_seconds 0\n"));
}

// A node that runs `during` inside its first Send: another Forwarder stepping while this one
// is between reading its due rows and claiming them.
class InterleavingNode final : public NationalNode {
 public:
  InterleavingNode(FakeNationalNode& inner, std::function<void()> during)
      : inner_(inner), during_(std::move(during)) {}
  absl::StatusOr<std::string> Send(const std::string& code, const std::string& xml) override {
    if (during_) std::exchange(during_, nullptr)();
    return inner_.Send(code, xml);
  }
  absl::StatusOr<bool> Acknowledged(const std::string& id) override {
    return inner_.Acknowledged(id);
  }

 private:
  FakeNationalNode& inner_;
  std::function<void()> during_;
};

TEST_F(ForwardingTest, AForwarderWithAStaleListLosesTheClaimsOfRowsAnotherTook) {
  Accept(4);
  std::unique_ptr<platform::db::Database> other = env_.Open();
  ASSERT_NE(other, nullptr);
  Forwarder b(*other, node_, clock_);
  ForwardingCounts by_b;
  // A has read rows 1-4 and claimed row 1; B then takes rows 2-4; A's claims of those fail.
  InterleavingNode node(node_, [&] { by_b = Step(b); });
  Forwarder a(*db_, node, clock_);
  ForwardingCounts by_a = Step(a);
  EXPECT_EQ(by_a.sent, 1);
  EXPECT_EQ(by_b.sent, 3);
  EXPECT_EQ(by_a.failed + by_b.failed, 0);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(node_.SendsOf(Code(i)), 1) << Code(i);
}

TEST_F(ForwardingTest, ARowWhoseLeaseLapsedMayGoTwiceButIsRecordedOnce) {
  // A's Send outlasts the lease; B takes the row meanwhile and sends it too. At-least-once:
  // the node sees the code twice (and deduplicates); only B's send is recorded.
  Accept(1);
  std::unique_ptr<platform::db::Database> other = env_.Open();
  ASSERT_NE(other, nullptr);
  Forwarder b(*other, node_, clock_);
  ForwardingCounts by_b;
  InterleavingNode node(node_, [&] {
    clock_.Advance(absl::Minutes(6));
    by_b = Step(b);
  });
  Forwarder a(*db_, node, clock_, {.lease = absl::Minutes(5)});
  EXPECT_EQ(Step(a).sent, 0);
  EXPECT_EQ(by_b.sent, 1);
  EXPECT_EQ(node_.SendsOf(Code(1)), 2);
  EXPECT_EQ(State(Code(1)), "sent");
  EXPECT_EQ(Column(Code(1), "node_receipt"), node_.received().front().receipt_id);
}

TEST_F(ForwardingTest, TheSpoolDirectoryWritesTheOutboxAndReadsTheAgentsAcknowledgements) {
  absl::StatusOr<std::unique_ptr<SpoolDirectoryNode>> node = SpoolDirectoryNode::Open(dir_);
  ASSERT_THAT(node.status(), IsOk());
  const std::string code = Code(7);
  absl::StatusOr<std::string> receipt = (*node)->Send(code, Xml(code));
  ASSERT_THAT(receipt.status(), IsOk());
  EXPECT_EQ(*receipt, code);
  EXPECT_EQ(ReadFile(dir_ / "outbox" / (code + ".xml")), Xml(code));
  // Nothing but the file itself is left in the outbox (the temporary was renamed).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "outbox"),
                          std::filesystem::directory_iterator()),
            1);
  EXPECT_EQ(*(*node)->StateOf(code), SpoolState::kToSend);
  EXPECT_EQ(*(*node)->Acknowledged(code), false);

  // The agent transfers the file, then drops the node's acknowledgement.
  ASSERT_THAT((*node)->MarkTransferred(code), IsOk());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "outbox" / (code + ".xml")));
  EXPECT_EQ(ReadFile(dir_ / "sent" / (code + ".xml")), Xml(code));
  EXPECT_EQ(*(*node)->StateOf(code), SpoolState::kSent);
  EXPECT_EQ(*(*node)->Acknowledged(code), false);
  // A resend of a transferred code writes nothing.
  EXPECT_THAT((*node)->Send(code, Xml(code)).status(), IsOk());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "outbox" / (code + ".xml")));
  std::ofstream(dir_ / "ack" / (code + ".ack")) << "ack";
  EXPECT_EQ(*(*node)->Acknowledged(code), true);

  EXPECT_THAT((*node)->Acknowledged(Code(8)).status(), HasReason("NOT_SPOOLED"));
  EXPECT_THAT((*node)->Send("../../etc/passwd", "x").status(), HasReason("INVALID_CODE"));
  EXPECT_THAT((*node)->MarkTransferred(Code(8)), HasReason("NOT_SPOOLED"));
}

TEST_F(ForwardingTest, ForwardsThroughTheSpoolDirectory) {
  const std::filesystem::path& dir = dir_;
  absl::StatusOr<std::unique_ptr<SpoolDirectoryNode>> spool = SpoolDirectoryNode::Open(dir);
  ASSERT_THAT(spool.status(), IsOk());
  Accept(2);
  Forwarder forwarder(*db_, **spool, clock_, {.ack_poll_interval = absl::Minutes(1)});
  EXPECT_EQ(Step(forwarder).sent, 2);
  EXPECT_EQ(ReadFile(dir / "outbox" / (Code(1) + ".xml")), Xml(Code(1)));
  ASSERT_THAT((*spool)->MarkTransferred(Code(1)), IsOk());
  std::ofstream(dir / "ack" / (Code(1) + ".ack")) << "ok";
  clock_.Advance(absl::Minutes(1));
  ForwardingCounts counts = Step(forwarder);
  EXPECT_EQ(counts.acknowledged, 1);
  EXPECT_EQ(State(Code(1)), "acknowledged");
  EXPECT_EQ(State(Code(2)), "sent");
}

}  // namespace
}  // namespace forwarding
}  // namespace sisl::communications
