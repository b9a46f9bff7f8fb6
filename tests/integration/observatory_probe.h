// sisl-observatory as a process of an integration test, and what it should count for a stream of
// the communications generator, computed from the generated records alone.
#ifndef SISL_TESTS_INTEGRATION_OBSERVATORY_PROBE_H_
#define SISL_TESTS_INTEGRATION_OBSERVATORY_PROBE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db/database.h"
#include "services/platform/testing/test_keys.h"
#include "sisl/observatory/v1/observatory.grpc.pb.h"
#include "tests/support/child_process.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {

class ObservatoryProcess final {
 public:
  struct Options {
    std::string pg_url;  // the test server; the process gets a database of its own
    std::string database;
    std::string kafka;
    std::string redis;
    std::string topic_prefix;  // the run's topics (bus.topic_prefix)
    std::string group_prefix;
    std::string generation = "1";
  };
  // Started and answering gRPC, or nullptr (with the reason in `error`).
  static std::unique_ptr<ObservatoryProcess> Start(const Options& options,
                                                   const platform::testing::TestKeys& keys,
                                                   std::string* error);
  ~ObservatoryProcess();

  // A staff table (exact: no suppression).
  absl::StatusOr<observatory::v1::Table> Staff(const std::string& indicator,
                                               const std::string& rows, const std::string& columns,
                                               const std::string& from_month,
                                               const std::string& to_month) const;
  // Every non-zero cell of its store as a line, sorted (to compare two instances' states).
  absl::StatusOr<std::vector<std::string>> Cells() const;
  // Events applied so far (its inbox rows).
  absl::StatusOr<int64_t> Applied() const;
  // Waits until Applied() reaches `at_least` and then holds still for `quiet`; the seconds it
  // took, or -1 after `timeout`.
  double WaitForApplied(int64_t at_least, absl::Duration quiet, absl::Duration timeout) const;

  ChildProcess& process() { return *process_; }

 private:
  ObservatoryProcess() = default;

  Options options_;
  std::string database_url_;
  std::string grpc_;
  const platform::testing::TestKeys* keys_ = nullptr;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<observatory::v1::IndicatorsService::Stub> stub_;
};

// What the observatory must count of the first `n` records of a generator stream: the valid ones
// (the rule catalogue accepts exactly those), each a flow of its kind in the month of its event
// day and the province of its workplace. Hires include UNISOMM mission starts and UNIURG urgent
// hires.
struct ExpectedFlows {
  std::map<std::string, int64_t> by_kind;  // "hire", "extension", "transformation", "termination"
  std::map<std::pair<std::string, std::string>, int64_t> by_kind_province;
  std::map<std::pair<std::string, std::string>, int64_t> by_kind_month;
  std::map<std::string, int64_t> hires_by_sex;  // "M", "F"
  std::string first_month, last_month;

  void Add(const ExpectedFlows& other);
};
ExpectedFlows ExpectedFlowsOf(const communications::testing::GeneratorOptions& options, int64_t n);

// Publishes again, as they were (key, payload, headers: the same event ids), the first `n`
// messages of `topic`; how many it republished.
int64_t RepublishFirst(const std::string& kafka, const std::string& topic, int64_t n);

// Publishes one fresh event to every partition of `topic`: a VARDATORI CommunicationAccepted
// (it counts in no cell) with a new id each. A consumer that applied them all has applied every
// message published to the topic before them. Returns how many (the partition count), or -1.
int64_t PublishMarkers(const std::string& kafka, const std::string& topic);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_OBSERVATORY_PROBE_H_
