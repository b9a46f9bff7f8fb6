// observatory_bench: the observatory benchmark of issue 15 ("the whole state can be rebuilt by
// replaying the topics from the start: measure how long for a million events"; "latency from a
// communication accepted to the indicator updated, p99 under one second"). Driven by
// run_observatory_bench.sh, which builds, checks the infrastructure, makes the database and
// writes docs/performance.md from the KV lines printed here (observatory_bench.h).
//
//   observatory_bench --db=URL --kafka=HOST:PORT --redis=HOST:PORT --root=DIR --build=DIR
//       --work-dir=DIR [--events=1000000] [--latency=200] [--warmup=10] [--seed=15]
//       [--idle-wait=60] [--replay-timeout=3600]
//
// In this order, each measure once the machine is idle:
//   1. --events synthetic events (observatory_bench_load.cc) produced to topics of the run's own
//      (prefix bench-<pid>-<time>.), timed apart: not part of any figure;
//   2. replay: sisl-observatory started on the bench's database with a fresh generation, so its
//      consumers read the topics from the start; from its start until observatory.inbox holds
//      every event; then its peak RSS (VmHWM) and the cells it made;
//   3. baseline: the same events' cell deltas (computed in the bench with the domain's
//      FlowDeltas / StockDeltas, untimed) COPYed into an UNLOGGED staging table and summed by
//      INSERT ... SELECT ... GROUP BY ... ON CONFLICT DO UPDATE into a table shaped like
//      observatory.cells; its cells must equal the service's (a mismatch fails the run);
//   4. latency (observatory_bench_latency.cc): hires filed through sisl-communications until
//      the staff table counts each.
// The run's topics are deleted at the end.
#include "tests/bench/observatory_bench.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/observatory/domain/cells.h"
#include "tests/bench/bench_pg.h"
#include "tests/bench/bench_process.h"

namespace sisl::bench::obs {

// ---- output, the machine, processes ------------------------------------------------------------

void Kv(const std::string& key, const std::string& value) {
  std::printf("KV\t%s\t%s\n", key.c_str(), value.c_str());
  std::fflush(stdout);
}
void Kv(const std::string& key, double value, int decimals) {
  Kv(key, absl::StrFormat("%.*f", decimals, value));
}
void Say(const std::string& line) { std::fprintf(stderr, "== %s\n", line.c_str()); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * v.size())));
  return v[std::min(rank, v.size()) - 1];
}

void KvDistribution(const std::string& prefix, const std::vector<double>& ms) {
  double sum = 0;
  for (double x : ms) sum += x;
  Kv(prefix + "_p50", Percentile(ms, 50));
  Kv(prefix + "_p95", Percentile(ms, 95));
  Kv(prefix + "_p99", Percentile(ms, 99));
  Kv(prefix + "_max", Percentile(ms, 100));
  Kv(prefix + "_mean", ms.empty() ? 0.0 : sum / static_cast<double>(ms.size()));
}

namespace {

// Busy CPU seconds of the whole machine.
double MachineBusySeconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
  return (user + nice + system + irq + softirq) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

bool WaitIdle(const std::string& phase, int max_seconds) {
  const double cores = static_cast<double>(sysconf(_SC_NPROCESSORS_ONLN));
  int quiet = 0;
  double b0 = MachineBusySeconds();
  absl::Time t0 = absl::Now();
  for (int i = 0; i < max_seconds && quiet < 2; ++i) {
    absl::SleepFor(absl::Seconds(1));
    const double b1 = MachineBusySeconds();
    const absl::Time t1 = absl::Now();
    quiet = (b1 - b0) < 0.1 * cores * absl::ToDoubleSeconds(t1 - t0) ? quiet + 1 : 0;
    b0 = b1;
    t0 = t1;
  }
  Kv("idle_" + phase, quiet >= 2 ? "yes" : "no");
  if (quiet < 2) Say("the machine is still busy; measuring " + phase + " anyway");
  return quiet >= 2;
}

int Run::Int(const std::string& name) const {
  int v = 0;
  if (!absl::SimpleAtoi(Flag(name), &v)) {
    std::fprintf(stderr, "observatory_bench: --%s must be an integer\n", name.c_str());
    std::exit(2);
  }
  return v;
}

const std::string& Run::Flag(const std::string& name) const {
  static const std::string empty;
  auto it = flags.find(name);
  return it == flags.end() ? empty : it->second;
}

std::map<std::string, std::string> Run::ServerEnv(const std::string& grpc) const {
  std::map<std::string, std::string> env = {
      {"SISL_DATABASE_URL", Flag("db")},
      {"SISL_BUS_BOOTSTRAP_SERVERS", Flag("kafka")},
      {"SISL_BUS_TOPIC_PREFIX", topic_prefix},
      {"SISL_BUS_GROUP_PREFIX", group_prefix},
      {"SISL_CACHE_ADDRESS", Flag("redis")},
      {"SISL_SERVICE_GRPC_ADDRESS", grpc},
      {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())}};
  env.merge(keys->Env(/*gateway=*/false));
  return env;
}

// ---- the replay and its baseline -------------------------------------------------------------

namespace {

namespace o = ::sisl::observatory;

std::string KeyColumns() {
  std::vector<std::string> names = {"cube", "month"};
  for (o::Dim d : o::AllDims()) names.emplace_back(o::DimId(d));
  return absl::StrJoin(names, ", ");
}

// From sisl-observatory's start (a fresh generation: its groups read from offset 0) until its
// inbox holds every event.
bool Replay(Run& run, Process& observatory, PgConn& db, int port) {
  const int64_t total = run.Int("events");
  WaitIdle("replay", run.Int("idle-wait"));
  const absl::Time began = absl::Now();
  if (!observatory.Start() || !observatory.WaitForPort(port, absl::Seconds(120))) {
    return Say("sisl-observatory did not start; see " + observatory.log()), false;
  }
  Kv("replay_ready_seconds", absl::ToDoubleSeconds(absl::Now() - began), 2);
  int64_t applied = 0;
  absl::Time last_print = began, done = began;
  const absl::Time deadline = began + absl::Seconds(run.Int("replay-timeout"));
  while (applied < total) {
    if (!observatory.Running() || absl::Now() > deadline) {
      return Say(absl::StrCat("replay stopped at ", applied, " of ", total, " events; see ",
                              observatory.log())),
             false;
    }
    absl::StatusOr<int64_t> n = db.Int("SELECT COUNT(*) FROM observatory.inbox");
    done = absl::Now();
    if (n.ok()) applied = *n;  // not there until the service migrated
    if (applied >= total) break;
    // Polled about twice before the expected end, at most every 2 s (a COUNT(*) of up to N rows
    // is not free), at least every 50 ms.
    const double elapsed = absl::ToDoubleSeconds(done - began);
    const double left = applied > 0 ? elapsed * (total - applied) / applied : 1.0;
    absl::SleepFor(absl::Seconds(std::clamp(left / 2, 0.05, 2.0)));
    if (absl::Now() - last_print > absl::Seconds(30)) {
      last_print = absl::Now();
      Say(absl::StrFormat("replay: %d of %d events applied in %.0f s", applied, total, elapsed));
    }
  }
  const double seconds = absl::ToDoubleSeconds(done - began);
  Kv("replay_seconds", seconds, 1);
  Kv("replay_rate", static_cast<double>(total) / seconds, 0);
  Kv("replay_rss_peak_mb", static_cast<double>(observatory.StatusKb("VmHWM")) / 1024.0, 0);
  Kv("replay_rss_mb", static_cast<double>(observatory.StatusKb("VmRSS")) / 1024.0, 0);
  absl::SleepFor(absl::Seconds(2));  // nothing more comes
  const absl::StatusOr<int64_t> inbox = db.Int("SELECT COUNT(*) FROM observatory.inbox");
  const absl::StatusOr<int64_t> rows = db.Int("SELECT COUNT(*) FROM observatory.cells");
  const absl::StatusOr<int64_t> cells =
      db.Int("SELECT COUNT(*) FROM observatory.cells WHERE n <> 0 OR total <> 0");
  const absl::StatusOr<int64_t> bytes = db.Int(
      "SELECT pg_total_relation_size('observatory.cells') + "
      "pg_total_relation_size('observatory.inbox')");
  if (!inbox.ok() || !rows.ok() || !cells.ok() || !bytes.ok()) return false;
  Kv("replay_inbox", static_cast<double>(*inbox), 0);
  Kv("replay_cell_rows", static_cast<double>(*rows), 0);
  Kv("replay_cells", static_cast<double>(*cells), 0);
  Kv("replay_tables_mb", static_cast<double>(*bytes) / 1e6, 0);
  Say(absl::StrFormat("replay: %d events in %.1f s (%.0f events/s), %d cells, peak RSS %d MB",
                      total, seconds, total / seconds, *cells,
                      observatory.StatusKb("VmHWM") / 1024));
  if (*inbox != total) Say(absl::StrCat("the inbox holds ", *inbox, " events, not ", total));
  return *inbox == total;
}

// The same deltas COPYed into an UNLOGGED staging table and summed into a table shaped like
// observatory.cells; its non-zero cells must be the service's.
bool Baseline(Run& run, const Produced& produced, PgConn& db) {
  const std::string keys = KeyColumns();
  std::string staging_columns;
  for (o::Dim d : o::AllDims()) absl::StrAppend(&staging_columns, ", ", o::DimId(d), " TEXT");
  for (const std::string& sql :
       {std::string("DROP SCHEMA IF EXISTS bench_baseline CASCADE"),
        std::string("CREATE SCHEMA bench_baseline"),
        absl::StrCat("CREATE UNLOGGED TABLE bench_baseline.staging (cube TEXT, month TEXT",
                     staging_columns, ", n BIGINT, total BIGINT)"),
        std::string("CREATE TABLE bench_baseline.cells (LIKE observatory.cells INCLUDING ALL)")}) {
    if (absl::Status st = db.Exec(sql); !st.ok()) return Say(st.ToString()), false;
  }
  WaitIdle("baseline", run.Int("idle-wait"));
  const absl::Time began = absl::Now();
  if (absl::Status st = db.Copy(absl::StrCat("bench_baseline.staging (", keys, ", n, total)"),
                                produced.copy_rows);
      !st.ok()) {
    return Say(st.ToString()), false;
  }
  const absl::Time copied = absl::Now();
  if (absl::Status st = db.Exec(absl::StrCat(
          "INSERT INTO bench_baseline.cells (", keys, ", n, total) SELECT ", keys,
          ", SUM(n), SUM(total) FROM bench_baseline.staging GROUP BY ", keys, " ON CONFLICT (",
          keys, ") DO UPDATE SET n = cells.n + excluded.n, total = cells.total + excluded.total"));
      !st.ok()) {
    return Say(st.ToString()), false;
  }
  const absl::Time summed = absl::Now();
  const double seconds = absl::ToDoubleSeconds(summed - began);
  Kv("bl_delta_rows", static_cast<double>(produced.delta_rows), 0);
  Kv("bl_copy_seconds", absl::ToDoubleSeconds(copied - began), 2);
  Kv("bl_aggregate_seconds", absl::ToDoubleSeconds(summed - copied), 2);
  Kv("bl_seconds", seconds, 2);
  Kv("bl_rate", static_cast<double>(produced.events) / seconds, 0);
  const std::string nonzero = " WHERE n <> 0 OR total <> 0";
  const std::string all = absl::StrCat(keys, ", n, total");
  const absl::StatusOr<int64_t> cells =
      db.Int("SELECT COUNT(*) FROM bench_baseline.cells" + nonzero);
  const absl::StatusOr<int64_t> differing = db.Int(
      absl::StrCat("SELECT (SELECT COUNT(*) FROM (SELECT ", all, " FROM observatory.cells", nonzero,
                   " EXCEPT SELECT ", all, " FROM bench_baseline.cells", nonzero,
                   ") a) + (SELECT COUNT(*) FROM", " (SELECT ", all, " FROM bench_baseline.cells",
                   nonzero, " EXCEPT SELECT ", all, " FROM observatory.cells", nonzero, ") b)"));
  if (!cells.ok() || !differing.ok()) {
    return Say((cells.ok() ? differing.status() : cells.status()).ToString()), false;
  }
  Kv("bl_cells", static_cast<double>(*cells), 0);
  Kv("bl_cells_differing", static_cast<double>(*differing), 0);
  Say(
      absl::StrFormat("baseline: COPY %d deltas + GROUP BY in %.1f s, %d cells, %d differing "
                      "from the service's",
                      produced.delta_rows, seconds, *cells, *differing));
  (void)db.Exec("DROP SCHEMA bench_baseline CASCADE");
  return *differing == 0;
}

int Main(Run& run) {
  Produced produced;
  Say(absl::StrCat("producing ", run.Int("events"), " events to ", run.topic_prefix, "*"));
  if (!ProduceEvents(run, &produced)) return 1;
  Kv("produce_seconds", produced.seconds, 1);
  Kv("produce_rate", static_cast<double>(produced.events) / produced.seconds, 0);
  Kv("produce_mb", produced.megabytes, 0);
  Kv("open_ended_relationships", static_cast<double>(produced.open_ended), 0);
  Say(absl::StrFormat("produced %d events (%.0f MB) in %.1f s", produced.events, produced.megabytes,
                      produced.seconds));
  absl::StatusOr<PgConn> db = PgConn::Connect(run.Flag("db"), "");
  if (!db.ok()) return Say(db.status().ToString()), 1;
  (void)db->Exec("SET client_min_messages TO warning");
  // A fresh generation: its consumer groups start at the topics' beginning.
  const int port = FreePort();
  run.observatory_grpc = absl::StrCat("127.0.0.1:", port);
  std::map<std::string, std::string> env = run.ServerEnv(run.observatory_grpc);
  env["SISL_OBSERVATORY_GENERATION"] = run.topic_prefix.substr(0, run.topic_prefix.size() - 1);
  Process observatory(run.Flag("build") + "/services/observatory/sisl-observatory",
                      {"--config", run.Flag("root") + "/deploy/config/observatory.yaml"}, env,
                      run.Flag("work-dir") + "/observatory.log");
  bool ok = Replay(run, observatory, *db, port);
  ok = ok && Baseline(run, produced, *db);
  produced.copy_rows = std::string();
  ok = ok && MeasureLatency(run);
  observatory.Stop();
  DeleteTopics(run);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace sisl::bench::obs

int main(int argc, char** argv) {
  sisl::bench::obs::Run run;
  run.flags = {
      {"db", ""},       {"kafka", ""},    {"redis", ""},         {"root", ""},
      {"build", ""},    {"work-dir", ""}, {"events", "1000000"}, {"latency", "200"},
      {"warmup", "10"}, {"seed", "15"},   {"idle-wait", "60"},   {"replay-timeout", "3600"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos ||
        !run.flags.count(arg.substr(2, eq - 2))) {
      std::fprintf(stderr, "observatory_bench: unknown or malformed flag %s\n", arg.c_str());
      return 2;
    }
    run.flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  for (const char* required : {"db", "kafka", "redis", "root", "build", "work-dir"}) {
    if (run.flags[required].empty()) {
      std::fprintf(stderr, "observatory_bench: --%s is required\n", required);
      return 2;
    }
  }
  setvbuf(stdout, nullptr, _IOLBF, 0);
  run.keys = sisl::platform::testing::TestKeys::Create();
  if (run.keys == nullptr) return std::fprintf(stderr, "cannot make the keys\n"), 1;
  run.topic_prefix = absl::StrCat("bench-", getpid(), "-", absl::ToUnixSeconds(absl::Now()), ".");
  run.group_prefix = run.topic_prefix;
  for (const char* k : {"events", "latency", "warmup"}) sisl::bench::obs::Kv(k, run.flags[k]);
  sisl::bench::obs::Kv("topic_prefix", run.topic_prefix);
  return sisl::bench::obs::Main(run);
}
