#ifndef SISL_TESTS_INTEGRATION_COMMUNICATIONS_BULK_FIXTURE_H_
#define SISL_TESTS_INTEGRATION_COMMUNICATIONS_BULK_FIXTURE_H_

// Bulk uploads of sisl-communications on the real stack (PostgreSQL, Kafka, Redis of
// deploy/infra.sh): sisl-communications as its own process on a database and topics of the run's
// own, a sisl-observatory following those topics from the start, and helpers to generate bulk
// files, upload them, follow them to the end and check their reports, stored communications,
// published events and the observatory's counts. Durations and rates are printed ([cobulk] lines).

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/db/database.h"
#include "services/platform/testing/test_keys.h"
#include "sisl/communications/v1/bulk_uploads.grpc.pb.h"
#include "tests/integration/observatory_probe.h"
#include "tests/support/child_process.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {

inline constexpr char kConsultant[] = "GLLCHR81B57A479P";  // consulente-lavoro
inline constexpr char kTopic[] = "sisl.communications.communications.v1";
inline constexpr char kAcceptedType[] = "sisl.communications.v1.CommunicationAccepted";
inline constexpr absl::Duration kProcessingTimeout = absl::Minutes(15);

std::string Env(const char* name);

double Seconds(absl::Time since);

// The bytes of a ZIP holding `content` as one entry `name`, built in memory.
std::string ZipOf(const std::string& name, const std::string& content);

// Rows of a CSV text (quoted fields may hold newlines), the header included, and the first field
// of every row after the header.
struct CsvRows {
  int64_t rows = 0;
  std::vector<std::string> first_fields;
};
CsvRows ParseCsv(const std::string& csv);

// What a downstream consumer of the communications topic saw of a set of codes.
struct Seen {
  std::set<std::string> event_ids;
  int64_t deliveries = 0;
};
struct TopicTally {
  absl::flat_hash_map<std::string, Seen> by_code;  // the wanted codes seen
  int64_t topic_messages = 0;                      // every message read
  double seconds = 0;
};
// Of `codes`: how many were seen, delivered in all, and how many came in more than one event
// (a second filing, not a redelivery of one event).
struct CodesSeen {
  int64_t distinct = 0, deliveries = 0, repeats = 0, in_several_events = 0;
};
CodesSeen Of(const TopicTally& tally, const absl::flat_hash_set<std::string>& codes);

// Reads kTopic from the beginning in a consumer group of its own (librdkafka directly: the
// platform's subscription commits every offset synchronously, too slow for 200,000 messages)
// until `expected` distinct wanted codes were seen and the topic was quiet for `idle`, or the
// timeout passed. Events whose id sorts before `marker` (earlier runs) are skipped undecoded.
TopicTally ReadAccepted(const std::string& kafka, const std::string& topic,
                        const std::string& marker, const absl::flat_hash_set<std::string>& wanted,
                        int64_t expected, absl::Duration timeout, absl::Duration idle);

// A generated bulk file and what the test needs to know about it.
struct BulkFile {
  communications::testing::GeneratorOptions options;
  std::string zip;
  int64_t xml_bytes = 0;
  std::set<std::string> companies;  // every company a record is filed for
};

// `deploy/infra.sh start kafka` when it leaves, if the test stopped it.
class KafkaGuard final {
 public:
  ~KafkaGuard();
  bool Stop();
  bool Start();

 private:
  bool stopped_ = false;
};

class CommunicationsBulkFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static bool StartService();

  static absl::StatusOr<platform::db::Result> Query(
      const std::string& sql, const std::vector<platform::db::Value>& params = {});

  // The first column of the first row of `sql` as an integer (-1 on error, with a failure).
  static int64_t Count(const std::string& sql, const std::vector<platform::db::Value>& params = {});

  // Generates `records` records of stream `seed` (a tenth invalid) into a batch XML file and
  // zips it; records the companies they are filed for.
  static BulkFile Generate(uint64_t seed, int records);

  // The consultant holds an active delegation with the communications scope of every company,
  // as the replica would have it from enterprise's events.
  static void Grant(const std::set<std::string>& companies);

  static std::unique_ptr<grpc::ClientContext> As(const std::string& company,
                                                 absl::Duration deadline = absl::Seconds(30));

  static absl::StatusOr<communications::v1::BulkUpload> Upload(const BulkFile& f,
                                                               const std::string& company,
                                                               const std::string& name);

  // Polls GetBulkUpload until `until` holds or `timeout` passes (the service may be down
  // meanwhile); prints progress every 10 s. Returns the last state read.
  static communications::v1::BulkUpload WaitFor(
      const std::string& id, const std::string& company,
      const std::function<bool(const communications::v1::BulkUpload&)>& until,
      absl::Duration timeout, absl::Duration poll, const std::string& label);

  static bool Done(const communications::v1::BulkUpload& u);

  static absl::StatusOr<std::string> ReportCsv(const std::string& id, const std::string& company);

  // The report holds every record exactly once: 1..records, once each, and a header.
  static void ExpectCompleteCsv(const std::string& id, const std::string& company, int records);

  // The codes of an upload's accepted records, from its report rows.
  static absl::flat_hash_set<std::string> AcceptedCodes(const std::string& id);

  // The observatory has applied every event of the run's two communications topics exactly once
  // (its inbox holds as many events as the outbox published) and its staff tables count what
  // the generator's valid records say, by kind, province, month and sex.
  static void ExpectObservatoryCounts(const std::string& label);

  // Waits until the outbox has no unsent row; the seconds it took, or -1.
  static double WaitForRelay(absl::Duration timeout);

  static inline absl::Time suite_start_;
  static inline std::string pg_, kafka_, redis_, marker_, database_, database_url_, spool_dir_,
      grpc_, topic_prefix_;
  // sisl-observatory on this run's topics, from the start; what it should count so far.
  static inline std::unique_ptr<ObservatoryProcess> observatory_;
  static inline ExpectedFlows observed_;
  static inline std::unique_ptr<platform::testing::TestKeys> keys_;
  static inline std::unique_ptr<platform::auth::PersonIdHasher> hasher_;
  static inline std::unique_ptr<ChildProcess> process_;
  static inline std::unique_ptr<platform::db::Database> db_;
  static inline std::unique_ptr<communications::v1::BulkUploadsService::Stub> stub_;
  // Test A's upload (its codes are looked for on Kafka by test B too), "" when it did not run.
  static inline std::string upload_a_;
  static inline int64_t accepted_a_ = 0;
};

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_COMMUNICATIONS_BULK_FIXTURE_H_
