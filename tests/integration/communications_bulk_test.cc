// Bulk uploads of sisl-communications on the real stack (PostgreSQL, Kafka, Redis of
// deploy/infra.sh), the service as its own process on a database of this run's own:
//  - 100,000 generated records (a tenth invalid on purpose) in a ZIP over gRPC: the report's
//    accepted and refused counts are the generator's expected ones exactly, one stored
//    communication per accepted record, one report row per record;
//  - the fault test: another 100,000 records, the process killed with SIGKILL a fifth of
//    the way through, the Kafka broker restarted, the process started again: once the lease ran
//    out the upload finishes with every record in the report exactly once, every accepted record
//    stored exactly once, and a downstream consumer reading the communications topic from the
//    beginning sees every accepted record's CommunicationAccepted (at least once: repeats are
//    counted and printed, not failed).
// Durations, rates and the Kafka duplicates are printed ([cobulk] lines).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/db/database.h"
#include "sisl/communications/v1/bulk_uploads.pb.h"
#include "tests/integration/communications_bulk_fixture.h"
#include "tests/integration/observatory_probe.h"
#include "tests/support/child_process.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {
namespace {

namespace co = ::sisl::communications;
namespace v1 = ::sisl::communications::v1;

constexpr int kRecords = 100000;
constexpr uint64_t kSeedA = 20261206;
constexpr uint64_t kSeedB = 20261207;

class CommunicationsBulkIntegrationTest : public CommunicationsBulkFixture {};

TEST_F(CommunicationsBulkIntegrationTest, AHundredThousandRecordsMatchTheExpectedCountsExactly) {
  const absl::Time test_start = absl::Now();
  const BulkFile file = Generate(kSeedA, kRecords);
  ASSERT_FALSE(file.zip.empty());
  ASSERT_LT(file.zip.size(), size_t{16} << 20) << "the gRPC message would exceed 16 MB";
  Grant(file.companies);
  const co::testing::ExpectedTotals expected = co::testing::ExpectedCounts(file.options, kRecords);
  const int64_t stored_before = Count("SELECT COUNT(*) FROM communications.communications");
  const std::string company = *file.companies.begin();

  absl::StatusOr<v1::BulkUpload> created = Upload(file, company, "comunicazioni-a.zip");
  ASSERT_TRUE(created.ok()) << created.status();
  const absl::Time processing = absl::Now();
  const v1::BulkUpload done =
      WaitFor(created->bulk_upload_id(), company, Done, kProcessingTimeout, absl::Seconds(1), "A");
  const double seconds = Seconds(processing);
  ASSERT_EQ(done.state(), v1::BULK_UPLOAD_STATE_DONE) << done.error();
  upload_a_ = done.bulk_upload_id();
  accepted_a_ = done.accepted();
  std::printf(
      "[cobulk] A: %d records in %.1f s (%.0f records/s as measured here, %.0f as the "
      "service reports); accepted %lld (expected %lld), refused %lld (expected %lld), "
      "with warnings %lld\n",
      kRecords, seconds, kRecords / seconds, done.records_per_second(),
      static_cast<long long>(done.accepted()), static_cast<long long>(expected.accepted),
      static_cast<long long>(done.refused()), static_cast<long long>(expected.refused),
      static_cast<long long>(done.with_warnings()));

  EXPECT_EQ(done.records_total(), kRecords);
  EXPECT_EQ(done.records_done(), kRecords);
  EXPECT_EQ(done.accepted(), expected.accepted);
  EXPECT_EQ(done.refused(), expected.refused);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications") - stored_before,
            done.accepted());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.bulk_records WHERE upload_id = $1",
                  {done.bulk_upload_id()}),
            kRecords);
  ExpectCompleteCsv(done.bulk_upload_id(), company, kRecords);
  observed_.Add(ExpectedFlowsOf(file.options, kRecords));
  ExpectObservatoryCounts("A");
  std::printf("[cobulk] A took %.1f s\n", Seconds(test_start));
}

TEST_F(CommunicationsBulkIntegrationTest,
       KilledMidUploadAndKafkaRestartedEveryRecordIsFiledAndPublishedExactlyOnce) {
  const absl::Time test_start = absl::Now();
  const BulkFile file = Generate(kSeedB, kRecords);
  ASSERT_FALSE(file.zip.empty());
  ASSERT_LT(file.zip.size(), size_t{16} << 20) << "the gRPC message would exceed 16 MB";
  Grant(file.companies);
  const co::testing::ExpectedTotals expected = co::testing::ExpectedCounts(file.options, kRecords);
  const std::string company = *file.companies.begin();

  absl::StatusOr<v1::BulkUpload> created = Upload(file, company, "comunicazioni-b.zip");
  ASSERT_TRUE(created.ok()) << created.status();
  const std::string id = created->bulk_upload_id();
  const absl::Time processing = absl::Now();
  const v1::BulkUpload fifth = WaitFor(
      id, company, [](const v1::BulkUpload& u) { return u.records_done() >= kRecords / 5; },
      kProcessingTimeout, absl::Milliseconds(100), "B before the kill");
  ASSERT_GE(fifth.records_done(), kRecords / 5);
  ASSERT_NE(fifth.state(), v1::BULK_UPLOAD_STATE_DONE);

  // SIGKILL in the middle of a batch: once a fifth is done, at the next batch committed (the
  // processor is then inside a slice), 200 ms into the batch after it. Then the broker goes
  // away and comes back, then the service starts again.
  const v1::BulkUpload moving = WaitFor(
      id, company, [&](const v1::BulkUpload& u) { return u.records_done() > fifth.records_done(); },
      absl::Minutes(2), absl::Milliseconds(50), "B waiting for a batch");
  absl::SleepFor(absl::Milliseconds(200));
  const int64_t open_transactions = Count(
      "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
      " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')");
  process_->Kill();
  const absl::Time killed = absl::Now();
  const int64_t done_at_kill =
      Count("SELECT records_done FROM communications.bulk_uploads WHERE id = $1", {id});
  const int64_t unsent_at_kill =
      Count("SELECT COUNT(*) FROM communications.outbox WHERE sent_at IS NULL");
  std::printf(
      "[cobulk] B: killed after %.1f s of processing with %lld records committed (%lld read "
      "250 ms before), %lld of its transactions open, %lld outbox rows unsent\n",
      absl::ToDoubleSeconds(killed - processing), static_cast<long long>(done_at_kill),
      static_cast<long long>(moving.records_done()), static_cast<long long>(open_transactions),
      static_cast<long long>(unsent_at_kill));
  EXPECT_LT(done_at_kill, kRecords);
  {
    KafkaGuard kafka;
    absl::Time t = absl::Now();
    ASSERT_TRUE(kafka.Stop());
    const double stop_s = Seconds(t);
    t = absl::Now();
    ASSERT_TRUE(kafka.Start());
    std::printf("[cobulk] B: Kafka stopped in %.1f s, started (answering) in %.1f s\n", stop_s,
                Seconds(t));
  }
  const absl::Time restart = absl::Now();
  ASSERT_TRUE(StartService()) << "sisl-communications did not start again; see "
                              << process_->log_path();
  std::printf("[cobulk] B: service answering %.1f s after the restart began\n", Seconds(restart));
  const v1::BulkUpload resumed = WaitFor(
      id, company, [&](const v1::BulkUpload& u) { return u.records_done() > done_at_kill; },
      absl::Minutes(2), absl::Milliseconds(200), "B resuming");
  std::printf("[cobulk] B: resumed %.1f s after the kill (lease 20 s)\n", Seconds(killed));
  ASSERT_GT(resumed.records_done(), done_at_kill);
  const v1::BulkUpload done =
      WaitFor(id, company, Done, kProcessingTimeout, absl::Seconds(1), "B after the restart");
  ASSERT_EQ(done.state(), v1::BULK_UPLOAD_STATE_DONE) << done.error();
  std::printf(
      "[cobulk] B: done %.1f s after the upload, %.1f s after the kill; accepted %lld "
      "(expected %lld), refused %lld (expected %lld)\n",
      Seconds(processing), Seconds(killed), static_cast<long long>(done.accepted()),
      static_cast<long long>(expected.accepted), static_cast<long long>(done.refused()),
      static_cast<long long>(expected.refused));

  // Every record in the report exactly once.
  EXPECT_EQ(done.records_total(), kRecords);
  EXPECT_EQ(done.records_done(), kRecords);
  EXPECT_EQ(done.accepted() + done.refused(), kRecords);
  EXPECT_EQ(done.accepted(), expected.accepted);
  EXPECT_EQ(done.refused(), expected.refused);
  absl::StatusOr<platform::db::Result> report = Query(
      "SELECT COUNT(*), COUNT(DISTINCT idx), MIN(idx), MAX(idx),"
      " SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END),"
      " COUNT(DISTINCT CASE WHEN outcome = 'accepted' THEN code END)"
      " FROM communications.bulk_records WHERE upload_id = $1",
      {id});
  ASSERT_TRUE(report.ok()) << report.status();
  const platform::db::Row& row = report->rows.front();
  EXPECT_EQ(row.Int(0), kRecords) << "report rows";
  EXPECT_EQ(row.Int(1), kRecords) << "distinct record indexes";
  EXPECT_EQ(row.Int(2), 1);
  EXPECT_EQ(row.Int(3), kRecords);
  EXPECT_EQ(row.Int(4), done.accepted()) << "accepted report rows";
  EXPECT_EQ(row.Int(5), done.accepted()) << "distinct codes of the accepted rows";
  ExpectCompleteCsv(id, company, kRecords);

  // Every accepted record stored exactly once, nothing stored without its report row.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.bulk_records r"
                  " JOIN communications.communications c ON c.code = r.code"
                  " WHERE r.upload_id = $1 AND r.outcome = 'accepted'",
                  {id}),
            done.accepted());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications"),
            Count("SELECT COALESCE(SUM(accepted), 0) FROM communications.bulk_uploads"
                  " WHERE verify_only = 0"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications c WHERE NOT EXISTS"
                  " (SELECT 1 FROM communications.bulk_records r WHERE r.code = c.code)"),
            0)
      << "communications stored without a report row (filed twice?)";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.outbox WHERE topic = $1"
                  " AND event_type = $2",
                  {std::string(kTopic), std::string(kAcceptedType)}),
            Count("SELECT COUNT(*) FROM communications.communications"))
      << "one CommunicationAccepted in the outbox per stored communication";

  // A downstream consumer from the beginning sees every accepted record of the run.
  const double relay_s = WaitForRelay(absl::Minutes(5));
  EXPECT_GE(relay_s, 0) << "the outbox still has unsent rows after 5 minutes";
  std::printf("[cobulk] B: outbox drained %.1f s after done\n", relay_s);
  const absl::flat_hash_set<std::string> codes_b = AcceptedCodes(id);
  ASSERT_EQ(static_cast<int64_t>(codes_b.size()), done.accepted());
  absl::flat_hash_set<std::string> wanted = codes_b;
  const absl::flat_hash_set<std::string> codes_a =
      upload_a_.empty() ? absl::flat_hash_set<std::string>() : AcceptedCodes(upload_a_);
  wanted.insert(codes_a.begin(), codes_a.end());
  const TopicTally tally =
      ReadAccepted(kafka_, topic_prefix_ + kTopic, marker_, wanted,
                   static_cast<int64_t>(wanted.size()), absl::Minutes(5), absl::Seconds(3));
  const CodesSeen b = Of(tally, codes_b);
  const CodesSeen a = Of(tally, codes_a);
  std::printf(
      "[cobulk] Kafka: read %lld messages from the beginning in %.1f s. B: %lld distinct "
      "codes of %lld accepted, %lld deliveries (%lld duplicates), %lld codes in more "
      "than one event. A: %lld distinct codes of %lld accepted, %lld deliveries (%lld "
      "duplicates), %lld codes in more than one event\n",
      static_cast<long long>(tally.topic_messages), tally.seconds,
      static_cast<long long>(b.distinct), static_cast<long long>(done.accepted()),
      static_cast<long long>(b.deliveries), static_cast<long long>(b.repeats),
      static_cast<long long>(b.in_several_events), static_cast<long long>(a.distinct),
      static_cast<long long>(codes_a.size()), static_cast<long long>(a.deliveries),
      static_cast<long long>(a.repeats), static_cast<long long>(a.in_several_events));
  EXPECT_EQ(b.distinct, done.accepted()) << "distinct accepted codes of B on Kafka";
  EXPECT_EQ(b.in_several_events, 0) << "codes of B published in more than one event";
  EXPECT_EQ(a.distinct, static_cast<int64_t>(codes_a.size()))
      << "distinct accepted codes of A on Kafka";
  EXPECT_EQ(a.in_several_events, 0) << "codes of A published in more than one event";
  // The observatory kept consuming through the kill and the broker's restart: exactly once.
  observed_.Add(ExpectedFlowsOf(file.options, kRecords));
  ExpectObservatoryCounts("B");
  std::printf("[cobulk] B took %.1f s\n", Seconds(test_start));
}

// Issue 15: the observatory's state is a function of the topics. Messages delivered again change
// nothing; a new generation on an empty database, replaying both topics from offset zero,
// arrives at the same cells as the live instance that followed A and B as they happened.
TEST_F(CommunicationsBulkIntegrationTest,
       ObservatoryReplayEqualsTheLiveStateAndRedeliveryChangesNothing) {
  ASSERT_NE(observatory_, nullptr);
  ASSERT_GE(WaitForRelay(absl::Minutes(5)), 0);
  const std::string communications_topic = topic_prefix_ + kTopic;
  const std::string relationships_topic = topic_prefix_ + "sisl.communications.relationships.v1";
  auto settle = [&](ObservatoryProcess& o, const std::string& label) {
    // Markers on every partition of both topics: once applied, so is everything before them.
    const absl::StatusOr<int64_t> before = o.Applied();
    EXPECT_TRUE(before.ok());
    const int64_t markers =
        PublishMarkers(kafka_, communications_topic) + PublishMarkers(kafka_, relationships_topic);
    EXPECT_GT(markers, 1);
    const double s = o.WaitForApplied(*before + markers, absl::Seconds(1), absl::Minutes(10));
    EXPECT_GE(s, 0) << label << ": the markers were not applied; see " << o.process().log_path();
    return s;
  };
  settle(*observatory_, "live");
  const absl::StatusOr<std::vector<std::string>> live = observatory_->Cells();
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_GT(live->size(), 1000u);
  const absl::StatusOr<int64_t> applied = observatory_->Applied();
  ASSERT_TRUE(applied.ok());

  // Redelivery: 5,000 messages of each topic again, as they were.
  const int64_t copies = RepublishFirst(kafka_, communications_topic, 5000) +
                         RepublishFirst(kafka_, relationships_topic, 5000);
  EXPECT_EQ(copies, 10000);
  settle(*observatory_, "live after redelivery");
  const absl::StatusOr<std::vector<std::string>> after = observatory_->Cells();
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(*after == *live) << "redelivered events changed the cells";
  const absl::StatusOr<int64_t> applied_after = observatory_->Applied();
  std::printf("[cobulk] observatory: %lld events applied; %lld redelivered changed %s\n",
              static_cast<long long>(*applied), static_cast<long long>(copies),
              *after == *live ? "nothing" : "the cells");

  // Replay from offset zero into a new generation.
  std::string error;
  const absl::Time start = absl::Now();
  auto replay = ObservatoryProcess::Start({.pg_url = pg_,
                                           .database = database_ + "_replay",
                                           .kafka = kafka_,
                                           .redis = redis_,
                                           .topic_prefix = topic_prefix_,
                                           .group_prefix = absl::StrCat(database_, "."),
                                           .generation = "replay"},
                                          *keys_, &error);
  ASSERT_NE(replay, nullptr) << error;
  const double caught_up =
      replay->WaitForApplied(*applied_after, absl::Seconds(2), absl::Minutes(10));
  ASSERT_GE(caught_up, 0) << "the replay did not catch up; see " << replay->process().log_path();
  const double seconds = Seconds(start);
  settle(*replay, "replay");
  const absl::StatusOr<std::vector<std::string>> replayed = replay->Cells();
  ASSERT_TRUE(replayed.ok());
  EXPECT_EQ(replayed->size(), after->size());
  EXPECT_TRUE(*replayed == *after) << "the replay's cells differ from the live ones";
  std::printf(
      "[cobulk] observatory replay: %lld events from offset zero in %.1f s (%.0f events/s, "
      "start-up included), %zu cells, equal to the live state: %s\n",
      static_cast<long long>(*applied_after), seconds,
      static_cast<double>(*applied_after) / std::max(seconds, 0.001), replayed->size(),
      *replayed == *after ? "yes" : "NO");
}

}  // namespace
}  // namespace sisl::testing_env
