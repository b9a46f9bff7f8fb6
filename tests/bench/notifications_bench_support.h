// notifications_bench (run_notifications_bench.sh): the plumbing, apart from what is measured:
// the servers of a run (Servers: a mailpit, sisl-booking and sisl-notifications as child
// processes that die with the bench), the CPU each process group used during a phase, waiting
// for a quiet machine, percentiles and the tab-separated output the script reads:
//   KV   key value              one figure of the run
//   CPU  phase group cores      what a process group (with its children) used during a phase
// Progress and errors go to stderr.
#ifndef SISL_TESTS_BENCH_NOTIFICATIONS_BENCH_SUPPORT_H_
#define SISL_TESTS_BENCH_NOTIFICATIONS_BENCH_SUPPORT_H_

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/db/database.h"
#include "services/platform/testing/test_keys.h"
#include "tests/bench/bench_process.h"
#include "tests/integration/event_reader.h"
#include "tests/support/mailpit.h"

namespace sisl::bench::notif {

inline void Kv(const std::string& key, const std::string& value) {
  std::printf("KV\t%s\t%s\n", key.c_str(), value.c_str());
  std::fflush(stdout);
}
inline void Kv(const std::string& key, double value, int decimals = 1) {
  Kv(key, absl::StrFormat("%.*f", decimals, value));
}
inline void Say(const std::string& line) { std::fprintf(stderr, "== %s\n", line.c_str()); }

// ---- /proc ------------------------------------------------------------------------------------

inline std::string ReadWhole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// utime + stime (seconds) and parent pid of a process; false when it is gone.
inline bool ProcStat(const std::string& pid, double* cpu, std::string* parent) {
  const std::string stat = ReadWhole("/proc/" + pid + "/stat");
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size()) return false;
  std::vector<std::string> f = absl::StrSplit(stat.substr(paren + 2), ' ');
  double utime = 0, stime = 0;
  if (f.size() < 13 || !absl::SimpleAtod(f[11], &utime) || !absl::SimpleAtod(f[12], &stime)) {
    return false;
  }
  *cpu = (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  *parent = f[1];
  return true;
}

// Busy CPU seconds of the whole machine.
inline double MachineBusySeconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
  return (user + nice + system + irq + softirq) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU used by groups of processes (each a label and root pids, counted with all their
// descendants: PostgreSQL's backends are children of the postmaster) during a phase, in cores;
// "bench" is this process, "other" the rest of the machine.
class CpuMeter final {
 public:
  void Add(const std::string& label, std::vector<std::string> roots) {
    groups_.emplace_back(label, std::move(roots));
  }
  // This process alone (its children are groups of their own).
  void AddSelf(const std::string& label) { self_ = label; }
  void Start() {
    start_ = Seconds();
    machine_ = MachineBusySeconds();
    t0_ = absl::Now();
  }
  // Prints CPU lines for `phase`; returns "label cores, ..." for the log.
  std::string Stop(const std::string& phase) {
    const std::vector<double> end = Seconds();
    const double wall = std::max(1e-3, absl::ToDoubleSeconds(absl::Now() - t0_));
    const double machine = MachineBusySeconds() - machine_;
    double known = 0;
    std::string summary;
    for (size_t i = 0; i < groups_.size(); ++i) {
      const double used = std::max(0.0, end[i] - start_[i]);
      known += used;
      Line(phase, groups_[i].first, used / wall, summary);
    }
    if (!self_.empty()) {
      const double used = std::max(0.0, end.back() - start_.back());
      known += used;
      Line(phase, self_, used / wall, summary);
    }
    Line(phase, "other", std::max(0.0, machine - known) / wall, summary);
    return summary;
  }

 private:
  static void Line(const std::string& phase, const std::string& label, double cores,
                   std::string& summary) {
    std::printf("CPU\t%s\t%s\t%.2f\n", phase.c_str(), label.c_str(), cores);
    absl::StrAppend(&summary, summary.empty() ? "" : ", ", label, " ",
                    absl::StrFormat("%.2f", cores));
  }
  std::vector<double> Seconds() const {
    std::map<std::string, std::pair<double, std::string>> procs;  // pid -> cpu, parent
    if (DIR* d = opendir("/proc")) {
      while (dirent* e = readdir(d)) {
        const std::string pid = e->d_name;
        double cpu = 0;
        std::string parent;
        if (!pid.empty() && std::all_of(pid.begin(), pid.end(), ::isdigit) &&
            ProcStat(pid, &cpu, &parent)) {
          procs[pid] = {cpu, parent};
        }
      }
      closedir(d);
    }
    std::map<std::string, std::vector<std::string>> children;
    for (const auto& [pid, p] : procs) children[p.second].push_back(pid);
    std::vector<double> out;
    for (const auto& [label, roots] : groups_) {
      double sum = 0;
      std::vector<std::string> stack(roots.begin(), roots.end());
      std::set<std::string> seen;
      while (!stack.empty()) {
        const std::string pid = stack.back();
        stack.pop_back();
        if (!seen.insert(pid).second) continue;
        if (auto it = procs.find(pid); it != procs.end()) sum += it->second.first;
        for (const std::string& c : children[pid]) stack.push_back(c);
      }
      out.push_back(sum);
    }
    const auto self = procs.find(absl::StrCat(getpid()));
    out.push_back(self == procs.end() ? 0.0 : self->second.first);
    return out;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> groups_;
  std::string self_;
  std::vector<double> start_;  // per group, then this process
  double machine_ = 0;
  absl::Time t0_;
};

// Waits (at most `max_seconds`) until the machine has been below 10% busy for 2 s running;
// false when it did not get there.
inline bool WaitIdle(int max_seconds) {
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
  return quiet >= 2;
}

// Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none.
inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::max(1.0, std::ceil(p / 100.0 * v.size())));
  return v[std::min(rank, v.size()) - 1];
}

// KV <prefix>_p50, _p95, _p99, _max, _mean of `ms` (milliseconds).
inline void KvDistribution(const std::string& prefix, const std::vector<double>& ms) {
  double sum = 0;
  for (double x : ms) sum += x;
  Kv(prefix + "_p50", Percentile(ms, 50));
  Kv(prefix + "_p95", Percentile(ms, 95));
  Kv(prefix + "_p99", Percentile(ms, 99));
  Kv(prefix + "_max", Percentile(ms, 100));
  Kv(prefix + "_mean", ms.empty() ? 0.0 : sum / static_cast<double>(ms.size()));
}

// ---- the servers ------------------------------------------------------------------------------

// As tests/integration/notifications_fault_test.cc runs them: a mailpit of the run's own (free
// ports, STARTTLS with the test certificate of --tls-dir, AUTH accepting anyone, its database in
// --work-dir), sisl-booking and sisl-notifications on the bench's database (--db), Kafka and
// Redis, with keys of the run's own (booking trusts notifications' service key) and consumer
// groups of the run's own. Logs in --work-dir.
class Servers final {
 public:
  explicit Servers(std::map<std::string, std::string> flags) : f_(std::move(flags)) {}
  ~Servers() { Stop(); }

  // mailpit and sisl-booking; false (and why on stderr) when one did not come up.
  bool Start(CpuMeter& cpu) {
    const std::string tls = f_["tls-dir"];
    smtp_port_ = FreePort();
    const std::string http = Address(FreePort());
    api_ = std::make_unique<testing_env::Mailpit>("http://" + http);
    mailpit_ = Spawn("mailpit", f_["root"] + "/.run/bin/mailpit",
                     {"--disable-version-check", "--smtp-disable-rdns", "--database",
                      f_["work-dir"] + "/mailpit.db", "--max", "0", "--listen", http, "--smtp",
                      Address(smtp_port_), "--smtp-tls-cert", tls + "/server.crt", "--smtp-tls-key",
                      tls + "/server.key", "--smtp-auth-accept-any", "--ignore-duplicate-ids"},
                     {}, smtp_port_);
    if (!mailpit_) return false;
    for (int i = 0; i < 100 && !api_->Ready(); ++i) absl::SleepFor(absl::Milliseconds(100));
    const int grpc = FreePort();
    booking_grpc_ = Address(grpc);
    std::map<std::string, std::string> env = Common(booking_grpc_);
    env["SISL_AUTH_TRUSTED_SERVICE_KEYS"] =
        absl::StrCat("notifications=", keys_->files().service_public_key);
    booking_ = Spawn("booking", f_["build"] + "/services/booking/sisl-booking",
                     {"--config", f_["root"] + "/deploy/config/booking.yaml"}, env, grpc);
    if (!booking_) return false;
    cpu.Add("mailpit", {absl::StrCat(mailpit_->pid())});
    cpu.Add("booking", {absl::StrCat(booking_->pid())});
    return Open("booking", booking_db_);
  }

  // sisl-notifications, its consumer group placed at the end of booking's appointment topic
  // first (the shared cluster holds other runs' events, and this run's earlier bookings).
  bool StartNotifications(CpuMeter& cpu) {
    testing_env::StartGroupAtEnd(f_["kafka"], group_prefix_ + "notifications-appointments",
                                 {"sisl.booking.appointments.v1"});
    if (::testing::UnitTest::GetInstance()->Failed()) {
      std::fprintf(stderr, "== cannot place notifications' group at the topic's end\n");
      return false;
    }
    const int grpc = FreePort();
    std::map<std::string, std::string> env = Common(Address(grpc));
    env["SISL_AUTH_SERVICE_TOKEN_PRIVATE_KEY"] = keys_->files().service_private_key;
    env["SISL_NOTIFICATIONS_BOOKING_ADDRESS"] = booking_grpc_;
    env["SISL_NOTIFICATIONS_SMTP_PORT"] = std::to_string(smtp_port_);
    env["SISL_NOTIFICATIONS_SMTP_CA_FILE"] = f_["tls-dir"] + "/ca.crt";
    env["SISL_NOTIFICATIONS_SMTP_PASSWORD"] = "any";
    env["SISL_NOTIFICATIONS_SEND_INTERVAL"] = f_["send-interval"];
    if (!f_["batch"].empty()) env["SISL_NOTIFICATIONS_BATCH"] = f_["batch"];
    notifications_ =
        Spawn("notifications", f_["build"] + "/services/notifications/sisl-notifications",
              {"--config", f_["root"] + "/deploy/config/notifications.yaml"}, env, grpc);
    if (!notifications_) return false;
    cpu.Add("notifications", {absl::StrCat(notifications_->pid())});
    return Open("notifications", notifications_db_);
  }

  void Stop() {
    notifications_.reset();
    booking_.reset();
    mailpit_.reset();
  }

  const platform::testing::TestKeys& keys() const { return *keys_; }
  const std::string& booking_grpc() const { return booking_grpc_; }
  int smtp_port() const { return smtp_port_; }
  const testing_env::Mailpit& mailpit() const { return *api_; }
  platform::db::Database& booking_db() { return *booking_db_; }
  platform::db::Database& notifications_db() { return *notifications_db_; }

 private:
  static std::string Address(int port) { return absl::StrCat("127.0.0.1:", port); }

  std::map<std::string, std::string> Common(const std::string& grpc) {
    std::map<std::string, std::string> env = {{"SISL_DATABASE_URL", f_["db"]},
                                              {"SISL_BUS_BOOTSTRAP_SERVERS", f_["kafka"]},
                                              {"SISL_CACHE_ADDRESS", f_["redis"]},
                                              {"SISL_SERVICE_GRPC_ADDRESS", grpc},
                                              {"SISL_SERVICE_HTTP_ADDRESS", Address(FreePort())},
                                              {"SISL_BUS_GROUP_PREFIX", group_prefix_}};
    env.merge(keys_->Env(/*gateway=*/false));
    return env;
  }

  // Started and answering on `port`, or null.
  std::unique_ptr<Process> Spawn(const std::string& name, const std::string& binary,
                                 std::vector<std::string> args,
                                 std::map<std::string, std::string> env, int port) {
    const std::string log = absl::StrCat(f_["work-dir"], "/", name, ".log");
    auto p = std::make_unique<Process>(binary, std::move(args), std::move(env), log);
    if (p->Start() && p->WaitForPort(port, absl::Seconds(120))) return p;
    std::fprintf(stderr, "== %s did not start; see %s\n", name.c_str(), log.c_str());
    return nullptr;
  }

  bool Open(const std::string& schema, std::unique_ptr<platform::db::Database>& out) {
    auto db = platform::db::OpenDatabase({.url = f_["db"], .pool_size = 2, .schema = schema});
    if (!db.ok()) {
      std::fprintf(stderr, "== %s\n", db.status().ToString().c_str());
      return false;
    }
    out = *std::move(db);
    return true;
  }

  std::map<std::string, std::string> f_;
  std::unique_ptr<platform::testing::TestKeys> keys_ = platform::testing::TestKeys::Create();
  const std::string group_prefix_ =
      absl::StrCat("bench-notifications.", platform::NewUuidV7(), ".");
  std::string booking_grpc_;
  int smtp_port_ = 0;
  std::unique_ptr<testing_env::Mailpit> api_;
  std::unique_ptr<Process> mailpit_, booking_, notifications_;
  std::unique_ptr<platform::db::Database> booking_db_, notifications_db_;
};

}  // namespace sisl::bench::notif

#endif  // SISL_TESTS_BENCH_NOTIFICATIONS_BENCH_SUPPORT_H_
