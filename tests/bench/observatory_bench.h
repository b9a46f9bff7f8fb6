// observatory_bench (run_observatory_bench.sh): what its parts share. observatory_bench.cc drives
// the run and measures the replay and its PostgreSQL baseline; observatory_bench_load.cc makes
// the synthetic events; observatory_bench_latency.cc measures from a filed hire to the indicator
// updated.
//
// Output (stdout, tab-separated, read by the script):
//   KV  key value   one figure of the run
// Progress and errors go to stderr.
#ifndef SISL_TESTS_BENCH_OBSERVATORY_BENCH_H_
#define SISL_TESTS_BENCH_OBSERVATORY_BENCH_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/platform/testing/test_keys.h"
#include "tests/bench/bench_process.h"

namespace sisl::bench::obs {

void Kv(const std::string& key, const std::string& value);
void Kv(const std::string& key, double value, int decimals = 1);
void Say(const std::string& line);

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none.
double Percentile(std::vector<double> v, double p);
// KV <prefix>_p50, _p95, _p99, _max, _mean of `ms`.
void KvDistribution(const std::string& prefix, const std::vector<double>& ms);

// Waits (at most `max_seconds`) until the machine has been below 10% busy for 2 s running
// (bench_lib.sh's wait_idle); prints KV idle_<phase> yes|no.
bool WaitIdle(const std::string& phase, int max_seconds);

// What a run's parts share: the flags, the keys of the run's own, its topics and groups.
struct Run {
  std::map<std::string, std::string> flags;
  std::unique_ptr<platform::testing::TestKeys> keys;
  std::string topic_prefix;  // "bench-<pid>-<time>.": the run's own topics
  std::string group_prefix;
  std::string observatory_grpc;

  int Int(const std::string& name) const;
  const std::string& Flag(const std::string& name) const;
  // The environment of a server of the run (database, bus, cache, addresses, keys).
  std::map<std::string, std::string> ServerEnv(const std::string& grpc) const;
};

// The --events synthetic events (half CommunicationAccepted, half RelationshipChanged "open")
// produced to the run's topics, and the cell deltas the domain makes of them as COPY rows (the
// text format of a table shaped like observatory.cells, a row a delta).
struct Produced {
  int64_t events = 0;
  std::string copy_rows;
  int64_t delta_rows = 0;
  int64_t open_ended = 0;  // relationships without an end date
  double seconds = 0;      // generating and producing, until Kafka acknowledged every event
  double megabytes = 0;    // the envelopes' bytes
};
bool ProduceEvents(Run& run, Produced* out);
// Deletes every topic of the run (named with its prefix).
void DeleteTopics(const Run& run);

// With sisl-observatory running: starts sisl-communications on the same database and topics,
// files --latency hires (after --warmup) one at a time and polls the staff table "hires" until
// each is counted. Prints the lat_* figures; false when a filing failed or was never counted.
bool MeasureLatency(Run& run);

}  // namespace sisl::bench::obs

#endif  // SISL_TESTS_BENCH_OBSERVATORY_BENCH_H_
