// communications_bench: the communications benchmark of issue 12, in one run against a
// sisl-communications (and a sisl-enterprise and a sisl-gateway in front) on the real
// PostgreSQL, Kafka and Redis. Driven by run_communications_bench.sh.
//
//   communications_bench --db=URL --grpc=HOST:PORT --http=HOST:PORT --private-key-file=PEM
//                        --person-id-key=SECRET [--records=100000] [--seed=12]
//                        [--hires=2000] [--warmup=50] [--threads=3] [--sessions=16]
//                        [--entries=10] [--bulk-timeout=400] [--publish-timeout=180]
//                        [--idle-wait=60] [--cpu-groups=label=pid+pid,...] [--work-dir=DIR]
//                        [--perf-pid=PID --perf-out=FILE --perf-seconds=20]
//                        [--service-pid=PID]
//                        [--phases=filings,bulk]
// (--phases=file: only makes the bulk file and prints its sizes.)
//
// The phases, in this order (each measured once the machine is idle):
//   1. set-up: the consultant's delegation for ACME through the gateway (enterprise), as the
//      integration test makes it, and --threads x --sessions logged-in gateway sessions;
//   2. single filings (communications_bench_filing.cc): --hires valid hires of ACME over gRPC
//      (the baseline) and through the gateway, --threads client threads each;
//   3. the bulk upload and its baseline (communications_bench_bulk.cc): --records generated
//      records (10% invalid) in a ZIP through CreateBulkUpload, polled until done, checked
//      (report counts equal to the generator's, rows stored, events published), then a COPY
//      of the same rows into a plain table of the communications table's shape.
// What is printed is described in communications_bench.h.
#include "tests/bench/communications_bench.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/platform/clock.h"

namespace sisl::bench::co {

int Env::Int(const std::string& name) const {
  int v = 0;
  auto it = flags.find(name);
  if (it == flags.end() || !absl::SimpleAtoi(it->second, &v)) {
    std::fprintf(stderr, "communications_bench: --%s must be an integer\n", name.c_str());
    std::exit(2);
  }
  return v;
}

double Env::Double(const std::string& name) const {
  double v = 0;
  auto it = flags.find(name);
  if (it == flags.end() || !absl::SimpleAtod(it->second, &v)) {
    std::fprintf(stderr, "communications_bench: --%s must be a number\n", name.c_str());
    std::exit(2);
  }
  return v;
}

const std::string& Env::Flag(const std::string& name) const {
  static const std::string empty;
  auto it = flags.find(name);
  return it == flags.end() ? empty : it->second;
}

std::string ConsultantToken(const Env& env, const std::string& company, absl::Duration ttl) {
  return env.signer.Sign({.subject = env.consultant,
                          .role = platform::auth::Role::kConsultant,
                          .acting_for = company,
                          .scopes = {platform::auth::kScopeCommunications},
                          .company_role = platform::auth::kCompanyRoleConsultant,
                          .spid_level = 2},
                         "communications", ttl);
}

// ---- output -----------------------------------------------------------------------------------

void Kv(const std::string& key, const std::string& value) {
  std::printf("KV\t%s\t%s\n", key.c_str(), value.c_str());
  std::fflush(stdout);
}
void Kv(const std::string& key, int64_t value) { Kv(key, absl::StrCat(value)); }
void KvDouble(const std::string& key, double value, int decimals) {
  Kv(key, absl::StrFormat("%.*f", decimals, value));
}
void Phase(const std::string& name, absl::Duration took) {
  std::printf("PHASE\t%s\t%.1f\n", name.c_str(), absl::ToDoubleSeconds(took));
  std::fprintf(stderr, "== phase %s: %.1f s\n", name.c_str(), absl::ToDoubleSeconds(took));
  std::fflush(stdout);
}

// ---- /proc ------------------------------------------------------------------------------------

namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// utime + stime (seconds) and the parent pid of a process; false when it is gone.
bool ProcStat(const std::string& pid, double* cpu, std::string* parent) {
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

std::vector<std::string> AllPids() {
  std::vector<std::string> out;
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) {
      const std::string pid = e->d_name;
      if (!pid.empty() && std::all_of(pid.begin(), pid.end(), ::isdigit)) out.push_back(pid);
    }
    closedir(d);
  }
  return out;
}

double MachineBusySeconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
  return (user + nice + system + irq + softirq) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

CpuMeter::CpuMeter(const std::string& groups_flag) {
  for (absl::string_view g : absl::StrSplit(groups_flag, ',', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(g, absl::MaxSplits('=', 1));
    std::vector<std::string> pids = absl::StrSplit(kv.second, '+', absl::SkipEmpty());
    if (!kv.first.empty() && !pids.empty()) groups_.emplace_back(std::string(kv.first), pids);
  }
}

namespace {

// CPU seconds of each group's process trees, as of now.
std::vector<double> GroupSeconds(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& groups) {
  std::map<std::string, std::pair<double, std::string>> procs;  // pid -> cpu, parent
  for (const std::string& pid : AllPids()) {
    double cpu = 0;
    std::string parent;
    if (ProcStat(pid, &cpu, &parent)) procs[pid] = {cpu, parent};
  }
  std::map<std::string, std::vector<std::string>> children;
  for (const auto& [pid, p] : procs) children[p.second].push_back(pid);
  std::vector<double> out;
  for (const auto& [label, roots] : groups) {
    double sum = 0;
    std::vector<std::string> stack(roots.begin(), roots.end());
    std::set<std::string> seen;
    while (!stack.empty()) {
      const std::string pid = stack.back();
      stack.pop_back();
      if (!seen.insert(pid).second) continue;
      auto it = procs.find(pid);
      if (it != procs.end()) sum += it->second.first;
      for (const std::string& c : children[pid]) stack.push_back(c);
    }
    out.push_back(sum);
  }
  return out;
}

double SelfSeconds() {
  double cpu = 0;
  std::string parent;
  return ProcStat(absl::StrCat(getpid()), &cpu, &parent) ? cpu : 0;
}

}  // namespace

void CpuMeter::Start() {
  neighbour_at_start_ = HeavyNeighbour();
  start_ = GroupSeconds(groups_);
  self_start_ = SelfSeconds();
  machine_start_ = MachineBusySeconds();
  t0_ = absl::Now();
}

std::vector<std::pair<std::string, double>> CpuMeter::Stop(const std::string& phase) {
  const std::vector<double> end = GroupSeconds(groups_);
  const double self = SelfSeconds() - self_start_;
  const double machine = MachineBusySeconds() - machine_start_;
  const double seconds = std::max(1e-3, absl::ToDoubleSeconds(absl::Now() - t0_));
  std::vector<std::pair<std::string, double>> out;
  double known = self;
  for (size_t i = 0; i < groups_.size(); ++i) {
    const double used = std::max(0.0, end[i] - start_[i]);
    known += used;
    out.emplace_back(groups_[i].first, used / seconds);
  }
  out.emplace_back("bench", self / seconds);
  out.emplace_back("other", std::max(0.0, machine - known) / seconds);
  for (const auto& [label, cores] : out) {
    std::printf("CPU\t%s\t%s\t%.2f\n", phase.c_str(), label.c_str(), cores);
  }
  // The heavy neighbour, when it ran at the start or the end of the phase.
  std::string heavy = neighbour_at_start_;
  if (heavy.empty()) heavy = HeavyNeighbour();
  std::printf("NEIGHBOUR\t%s\t%s\n", phase.c_str(), heavy.empty() ? "-" : heavy.c_str());
  std::fflush(stdout);
  return out;
}

std::string HeavyNeighbour() {
  for (const std::string& pid : AllPids()) {
    std::string cmd = ReadWhole("/proc/" + pid + "/cmdline");
    std::replace(cmd.begin(), cmd.end(), '\0', ' ');
    if (absl::StrContains(cmd, "communications_bulk_integration_test") &&
        !absl::StrContains(cmd, "pgrep")) {
      return absl::StrCat(pid, " ", cmd.substr(0, 120));
    }
  }
  return "";
}

bool WaitIdle(int max_seconds) {
  for (int i = 0; i < max_seconds; ++i) {
    const std::string heavy = HeavyNeighbour();
    if (heavy.empty()) break;
    if (i % 30 == 0) {
      std::fprintf(stderr, "communications_bench: waiting for %s to finish\n", heavy.c_str());
    }
    absl::SleepFor(absl::Seconds(1));
  }
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
  if (quiet < 2) {
    std::fprintf(stderr, "communications_bench: the machine is still busy; measuring anyway\n");
  }
  return quiet >= 2;
}

void PrintLatencies(const std::string& path, Latencies& l) {
  std::sort(l.micros.begin(), l.micros.end());
  auto pct = [&](double p) {
    if (l.micros.empty()) return 0.0;
    return l.micros[std::min(l.micros.size() - 1, static_cast<size_t>(l.micros.size() * p))] / 1e3;
  };
  double sum = 0;
  for (int64_t us : l.micros) sum += static_cast<double>(us);
  const double mean = l.micros.empty() ? 0 : sum / static_cast<double>(l.micros.size()) / 1e3;
  std::printf("LAT\t%s\t%zu\t%lld\t%.1f\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\n", path.c_str(),
              l.micros.size(), static_cast<long long>(l.errors), l.seconds,
              static_cast<double>(l.micros.size()) / std::max(1e-3, l.seconds), mean, pct(0.5),
              pct(0.9), pct(0.99), l.micros.empty() ? 0.0 : l.micros.back() / 1e3, l.paced_seconds);
  std::fflush(stdout);
}

namespace {

int Main(Env& env) {
  const absl::Time start = absl::Now();
  const std::set<std::string> phases = absl::StrSplit(env.Flag("phases"), ',', absl::SkipEmpty());
  Kv("today", absl::FormatCivilTime(env.today));
  bool ok = true;
  if (phases.count("filings") > 0) {
    const absl::Time t0 = absl::Now();
    if (absl::Status st = SetUpConsultant(env); !st.ok()) {
      std::fprintf(stderr, "communications_bench: the consultant's set-up failed: %s\n",
                   st.ToString().c_str());
      Kv("filings_error", std::string(st.message()));
      ok = false;
    } else {
      Phase("set-up (delegation through the gateway)", absl::Now() - t0);
      ok = RunFilings(env) && ok;
    }
  }
  if (phases.count("bulk") > 0) ok = RunBulkAndCopy(env) && ok;
  if (phases.count("file") > 0) ok = RunBulkAndCopy(env, /*file_only=*/true) && ok;
  Phase("total", absl::Now() - start);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace sisl::bench::co

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {
      {"records", "100000"},      {"seed", "12"},
      {"hires", "2000"},          {"warmup", "50"},
      {"threads", "3"},           {"sessions", "16"},
      {"entries", "10"},          {"bulk-timeout", "400"},
      {"publish-timeout", "180"}, {"idle-wait", "60"},
      {"cpu-groups", ""},         {"work-dir", "/tmp"},
      {"perf-seconds", "20"},     {"phases", "filings,bulk"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
      std::fprintf(stderr, "communications_bench: bad argument %s (want --name=value)\n", argv[i]);
      return 2;
    }
    flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  std::stringstream pem;
  if (!flags["private-key-file"].empty()) pem << std::ifstream(flags["private-key-file"]).rdbuf();
  auto signer = sisl::platform::auth::TokenSigner::FromPrivateKeyPem(pem.str());
  if (flags["db"].empty() || flags["grpc"].empty() || flags["http"].empty() || !signer.ok() ||
      flags["person-id-key"].empty()) {
    std::fprintf(stderr,
                 "usage: communications_bench --db=URL --grpc=HOST:PORT --http=HOST:PORT "
                 "--private-key-file=PEM --person-id-key=SECRET [--records=100000] [--seed=12] "
                 "[--hires=2000] [--warmup=50] [--threads=3] [--sessions=16] [--entries=10] "
                 "[--bulk-timeout=400] [--publish-timeout=180] [--idle-wait=60] "
                 "[--cpu-groups=label=pid+pid,...] [--work-dir=DIR] [--perf-pid=PID "
                 "--perf-out=FILE --perf-seconds=20] [--service-pid=PID] "
                 "[--phases=filings,bulk]\n");
    return 2;
  }
  sisl::platform::auth::PersonIdHasher hasher(flags["person-id-key"]);
  const std::string consultant = hasher.PersonId(sisl::bench::co::kConsultant);
  sisl::bench::co::Env env{
      .flags = flags,
      .db_url = flags["db"],
      .grpc = flags["grpc"],
      .http = flags["http"],
      .signer = *std::move(signer),
      .person_ids = std::move(hasher),
      .consultant = consultant,
      .today = sisl::platform::TodayInItaly(sisl::platform::SystemClock::Get()),
  };
  return sisl::bench::co::Main(env);
}
