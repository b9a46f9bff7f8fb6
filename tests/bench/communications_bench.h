#ifndef SISL_TESTS_BENCH_COMMUNICATIONS_BENCH_H_
#define SISL_TESTS_BENCH_COMMUNICATIONS_BENCH_H_

// communications_bench (run_communications_bench.sh): what its parts share. The driver
// (communications_bench.cc) sets up the consultant, runs the phases and prints the results; the
// bulk upload and its COPY baseline are in communications_bench_bulk.cc, the single filings
// through the gateway and over gRPC in communications_bench_filing.cc.
//
// Output (stdout, tab-separated, read by the script):
//   KV     key value                  one figure of the run
//   PHASE  name seconds               how long each phase took (wall clock)
//   CPU    phase group cores          what each server process group (with its children) used
//                                     during a measured phase, in cores; "other" is the rest of
//                                     the machine, "bench" this process
//   LAT    path count errors seconds rate mean p50 p90 p99 max paced_s
//   TARGET name value target PASS|MISS
//   NEIGHBOUR phase command         the heavy test (HeavyNeighbour) if it ran then, else "-"
// Progress and errors go to stderr.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"

namespace sisl::bench::co {

// The company the consultant's gateway session acts for (as in tests/integration): a valid VAT
// number; the single filings are all its hires.
inline constexpr char kAcme[] = "01234567897";
// The development IdP's consultant (demo user consulente-lavoro) and its demo key.
inline constexpr char kConsultant[] = "GLLCHR81B57A479P";
inline constexpr char kConsultantDemoUser[] = "consulente-lavoro";

struct Env {
  std::map<std::string, std::string> flags;
  std::string db_url;  // the bench's database (schema communications)
  std::string grpc;    // sisl-communications
  std::string http;    // sisl-gateway
  platform::auth::TokenSigner signer;
  platform::auth::PersonIdHasher person_ids;
  std::string consultant;  // the consultant's pseudonymous person id
  absl::CivilDay today;    // in Italy, as the service files
  int Int(const std::string& name) const;
  double Double(const std::string& name) const;
  const std::string& Flag(const std::string& name) const;
};

// A token of the consultant acting for `company` with the communications scope, as the gateway
// mints it for a session that chose that role.
std::string ConsultantToken(const Env& env, const std::string& company, absl::Duration ttl);

// ---- output -----------------------------------------------------------------------------------

void Kv(const std::string& key, const std::string& value);
void Kv(const std::string& key, int64_t value);
void KvDouble(const std::string& key, double value, int decimals = 1);
void Phase(const std::string& name, absl::Duration took);

// ---- the machine while a phase runs -----------------------------------------------------------

// CPU time of process groups: each a label and root pids, counted with all their descendants
// (PostgreSQL's backends are children of the postmaster). --cpu-groups=label=pid+pid,label=pid.
class CpuMeter final {
 public:
  explicit CpuMeter(const std::string& groups_flag);
  void Start();
  // Cores each group used since Start, then "bench" (this process) and "other" (the rest of
  // the machine); printed as CPU lines for `phase` (and a NEIGHBOUR line) and returned.
  std::vector<std::pair<std::string, double>> Stop(const std::string& phase);

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> groups_;
  std::vector<double> start_;
  double self_start_ = 0, machine_start_ = 0;
  absl::Time t0_;
  std::string neighbour_at_start_;
};

// Waits (at most `max_seconds`) until the machine is below 10% busy for 2 s running; false when
// it never was. Waits first (at most `max_seconds` more) while another heavy test named in
// HeavyNeighbour runs.
bool WaitIdle(int max_seconds);
// The command line of a running process that would disturb the measures (the heavy integration
// test communications_bulk_integration_test), or "".
std::string HeavyNeighbour();

struct Latencies {
  std::vector<int64_t> micros;  // sorted by Summarize
  int64_t errors = 0;
  double seconds = 0;
  double paced_seconds = 0;  // time spent waiting for the gateway's per-session write budget
};
// Prints a LAT line.
void PrintLatencies(const std::string& path, Latencies& l);

// ---- the phases -------------------------------------------------------------------------------

// Single filings: `hires` valid hires of ACME from the generator, each a new worker, with
// --threads client threads, over gRPC (a minted token) and through the gateway (sessions of the
// consultant logged in through the development IdP). Needs the consultant's ACME delegation
// (SetUpConsultant). Returns false when a path could not run at all.
bool RunFilings(const Env& env);

// Through the gateway, as tests/integration/communications_test.cc: Mario registers ACME and
// grants the consultant the communications scope, the consultant accepts; then waits until the
// delegation reached sisl-communications' replica (enterprise's events over Kafka).
absl::Status SetUpConsultant(const Env& env);

// The bulk upload of --records records (seed --seed, 10% invalid) as a ZIP over gRPC, the
// checks that every record was validated, stored and published, and the COPY baseline of the
// same rows. Returns false when the upload could not be made. `file_only`: makes the file and
// prints its sizes, nothing else (no database, no service).
bool RunBulkAndCopy(const Env& env, bool file_only = false);

}  // namespace sisl::bench::co

#endif  // SISL_TESTS_BENCH_COMMUNICATIONS_BENCH_H_
