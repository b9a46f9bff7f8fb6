// Failover of a bulk upload (issue 16), label `failover`: on the 3-node Kafka of `deploy/infra.sh
// up --kafka-nodes 3`, which ./sisl test starts after the main suite. 30,000 generated records
// (a tenth invalid) are uploaded to sisl-communications (its own process, database and topics:
// communications_bulk_fixture.h); once a quarter is done, the broker leading most partitions of
// the run's communications topic is killed (SIGKILL), and started again once the upload is over
// and its outbox drained through the new leaders. Nothing lost, nothing done twice in effect:
// the report's counts are the generator's, every record is in it once, every accepted record is
// stored once and published in exactly one event (deliveries repeated by the producer's retries
// carry the same event id and are counted, not failed), and sisl-observatory, following the run's
// topics through the failover, applied every published event exactly once with tables equal to
// the generator's counts.
#include <cstdio>
#include <map>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "sisl/communications/v1/bulk_uploads.pb.h"
#include "tests/integration/communications_bulk_fixture.h"
#include "tests/integration/kafka_cluster.h"
#include "tests/integration/observatory_probe.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {
namespace {

namespace v1 = ::sisl::communications::v1;

constexpr int kRecords = 30000;
constexpr uint64_t kSeed = 20261216;

class CommunicationsFailoverTest : public CommunicationsBulkFixture {};

TEST_F(CommunicationsFailoverTest, LeaderKilledMidUploadNothingIsLostOrFiledTwice) {
  KafkaCluster cluster(kafka_);
  const absl::StatusOr<int> brokers = cluster.Brokers();
  ASSERT_TRUE(brokers.ok()) << brokers.status();
  ASSERT_EQ(*brokers, 3) << "the failover tests need deploy/infra.sh up --kafka-nodes 3";
  const BulkFile file = Generate(kSeed, kRecords);
  ASSERT_FALSE(file.zip.empty());
  Grant(file.companies);
  const communications::testing::ExpectedTotals expected =
      communications::testing::ExpectedCounts(file.options, kRecords);
  const std::string company = *file.companies.begin();
  const std::string topic = topic_prefix_ + kTopic;
  const absl::StatusOr<int> leader = cluster.MainLeader(topic);
  ASSERT_TRUE(leader.ok()) << leader.status();

  absl::StatusOr<v1::BulkUpload> created = Upload(file, company, "comunicazioni-failover.zip");
  ASSERT_TRUE(created.ok()) << created.status();
  const std::string id = created->bulk_upload_id();
  const absl::Time processing = absl::Now();
  const v1::BulkUpload quarter = WaitFor(
      id, company, [](const v1::BulkUpload& u) { return u.records_done() >= kRecords / 4; },
      kProcessingTimeout, absl::Milliseconds(50), "failover before the kill");
  ASSERT_NE(quarter.state(), v1::BULK_UPLOAD_STATE_DONE) << "done before the kill";
  const int64_t unsent_at_kill =
      Count("SELECT COUNT(*) FROM communications.outbox WHERE sent_at IS NULL");
  ASSERT_TRUE(cluster.Kill(*leader).ok());
  const absl::Time killed = absl::Now();
  std::printf(
      "[failover] broker %d (main leader of %s) killed after %.1f s with %lld of %d records done, "
      "%lld outbox rows unsent\n",
      *leader, topic.c_str(), absl::ToDoubleSeconds(killed - processing),
      static_cast<long long>(quarter.records_done()), kRecords,
      static_cast<long long>(unsent_at_kill));

  const v1::BulkUpload done =
      WaitFor(id, company, Done, kProcessingTimeout, absl::Milliseconds(500), "failover");
  ASSERT_EQ(done.state(), v1::BULK_UPLOAD_STATE_DONE) << done.error();
  const double relay_s = WaitForRelay(absl::Minutes(3));
  EXPECT_GE(relay_s, 0) << "outbox rows not published with a broker down";
  const absl::StatusOr<std::map<int, int>> during = cluster.Leaders(topic);
  ASSERT_TRUE(during.ok()) << during.status();
  for (const auto& [p, l] : *during) EXPECT_NE(l, *leader) << "partition " << p;
  std::printf(
      "[failover] done %.1f s after the upload (%.0f records/s), outbox drained %.1f s later, "
      "all with broker %d down; accepted %lld (expected %lld), refused %lld (expected %lld)\n",
      Seconds(processing), kRecords / Seconds(processing), relay_s, *leader,
      static_cast<long long>(done.accepted()), static_cast<long long>(expected.accepted),
      static_cast<long long>(done.refused()), static_cast<long long>(expected.refused));
  const absl::Time restart = absl::Now();
  ASSERT_TRUE(cluster.Restart().ok());
  std::printf("[failover] broker %d back and registered in %.1f s\n", *leader, Seconds(restart));

  // Every record in the report once, every accepted record stored once.
  EXPECT_EQ(done.records_done(), kRecords);
  EXPECT_EQ(done.accepted(), expected.accepted);
  EXPECT_EQ(done.refused(), expected.refused);
  ExpectCompleteCsv(id, company, kRecords);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT r.code) FROM communications.bulk_records r"
                  " JOIN communications.communications c ON c.code = r.code"
                  " WHERE r.upload_id = $1 AND r.outcome = 'accepted'",
                  {id}),
            done.accepted());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications"), done.accepted())
      << "communications stored (this run's database holds this upload only)";

  // Every accepted code on the topic, in exactly one event.
  const absl::flat_hash_set<std::string> codes = AcceptedCodes(id);
  ASSERT_EQ(static_cast<int64_t>(codes.size()), done.accepted());
  const TopicTally tally =
      ReadAccepted(kafka_, topic, marker_, codes, static_cast<int64_t>(codes.size()),
                   absl::Minutes(5), absl::Seconds(3));
  const CodesSeen seen = Of(tally, codes);
  std::printf(
      "[failover] Kafka: %lld distinct codes of %lld accepted, %lld deliveries (%lld repeated), "
      "%lld codes in more than one event\n",
      static_cast<long long>(seen.distinct), static_cast<long long>(codes.size()),
      static_cast<long long>(seen.deliveries), static_cast<long long>(seen.repeats),
      static_cast<long long>(seen.in_several_events));
  EXPECT_EQ(seen.distinct, done.accepted()) << "accepted codes on the topic";
  EXPECT_EQ(seen.in_several_events, 0) << "codes published in more than one event";

  // The observatory followed through the failover: every event applied once, the right counts.
  observed_.Add(ExpectedFlowsOf(file.options, kRecords));
  ExpectObservatoryCounts("failover");
}

}  // namespace
}  // namespace sisl::testing_env
