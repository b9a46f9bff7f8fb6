#ifndef SISL_TESTS_SUPPORT_CHILD_PROCESS_H_
#define SISL_TESTS_SUPPORT_CHILD_PROCESS_H_

// Starts a SISL binary as a child process for integration and end-to-end tests, waits for its
// gRPC port, and stops it with a signal. Output goes to a log file next to the test.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace sisl::testing_env {

class ChildProcess final {
 public:
  ChildProcess(std::string binary, std::vector<std::string> args,
               std::map<std::string, std::string> env, std::string log_path)
      : binary_(std::move(binary)), args_(std::move(args)), env_(std::move(env)),
        log_path_(std::move(log_path)) {}
  ~ChildProcess() { Kill(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sets one variable of the environment the next Start() gives the child.
  void SetEnv(const std::string& name, const std::string& value) { env_[name] = value; }

  bool Start() {
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      FILE* log = std::fopen(log_path_.c_str(), "a");
      if (log) {
        dup2(fileno(log), 1);
        dup2(fileno(log), 2);
      }
      for (const auto& [k, v] : env_) setenv(k.c_str(), v.c_str(), 1);
      // Unblock the signals a test runner may have blocked, so SIGTERM reaches the child's
      // own handling.
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      std::vector<char*> argv{binary_.data()};
      for (auto& a : args_) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary_.c_str(), argv.data());
      _exit(127);
    }
    return true;
  }

  // Waits until `address` answers a gRPC connection, or the deadline passes. `credentials`: of
  // a TLS server (default: plaintext).
  bool WaitForGrpc(const std::string& address, std::chrono::seconds timeout,
                   std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr) {
    auto channel = grpc::CreateChannel(
        address, credentials ? credentials : grpc::InsecureChannelCredentials());
    const auto deadline = std::chrono::system_clock::now() + timeout;
    while (std::chrono::system_clock::now() < deadline) {
      if (!Running()) return false;
      if (channel->WaitForConnected(std::chrono::system_clock::now() +
                                    std::chrono::milliseconds(200))) {
        return true;
      }
    }
    return false;
  }

  // Waits until the child's log holds `text` (while it runs), or the deadline passes.
  bool WaitForLogLine(std::string_view text, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && Running()) {
      std::ifstream in(log_path_);
      const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (log.find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }

  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_status_ = status;
      pid_ = -1;
      return false;
    }
    return true;
  }

  void Signal(int sig) {
    if (pid_ > 0) kill(pid_, sig);
  }

  // Waits for the child to exit; returns its wait status, or nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!Running()) return exit_status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }

  void Kill() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  const std::string& log_path() const { return log_path_; }

 private:
  std::string binary_;
  std::vector<std::string> args_;
  std::map<std::string, std::string> env_;
  std::string log_path_;
  pid_t pid_ = -1;
  int exit_status_ = 0;
};

// A free loopback TCP port (bound by the kernel's choice, then released).
int FreePort();

// Path of a built binary, from SISL_BINARY_DIR (set by ctest).
std::string BinaryPath(const std::string& relative);

// Path of a file in the source tree, from SISL_SOURCE_DIR (set by ctest).
std::string SourcePath(const std::string& relative);

// Runs a shell command, returns its exit code.
int Shell(const std::string& command);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_SUPPORT_CHILD_PROCESS_H_
