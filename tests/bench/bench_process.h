// Servers as child processes of a benchmark, and loopback ports (notifications_bench,
// observatory_bench).
#ifndef SISL_TESTS_BENCH_BENCH_PROCESS_H_
#define SISL_TESTS_BENCH_BENCH_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

#include "tests/support/child_process.h"

namespace sisl::bench {

// A server as a child process, its output in a log file of its own; killed when the bench dies
// (SIGKILL by the kernel through PR_SET_PDEATHSIG), stopped with SIGTERM (then SIGKILL after
// 10 s) otherwise.
class Process final {
 public:
  Process(std::string binary, std::vector<std::string> args, std::map<std::string, std::string> env,
          std::string log);
  ~Process() { Stop(); }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool Start();
  bool Running();
  void Stop();
  // Until 127.0.0.1:`port` answers (false when the process died or `timeout` passed).
  bool WaitForPort(int port, absl::Duration timeout);
  pid_t pid() const { return pid_; }
  const std::string& log() const { return log_; }
  // A field of /proc/<pid>/status in kB (VmHWM, VmRSS), or -1.
  int64_t StatusKb(const std::string& field) const;

 private:
  std::string binary_;
  std::vector<std::string> args_;
  std::map<std::string, std::string> env_;
  std::string log_;
  pid_t pid_ = -1;
};

// A free loopback TCP port: the tests' own (tests/support/child_process.h).
using testing_env::FreePort;
// True when something accepts connections on 127.0.0.1:`port`.
bool PortOpen(int port);

}  // namespace sisl::bench

#endif  // SISL_TESTS_BENCH_BENCH_PROCESS_H_
