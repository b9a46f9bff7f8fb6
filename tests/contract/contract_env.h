#ifndef SISL_TESTS_CONTRACT_CONTRACT_ENV_H_
#define SISL_TESTS_CONTRACT_CONTRACT_ENV_H_

// Helpers shared by the contract suites: which adapter to test, where its server is, and
// status assertions.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace sisl::testing_env {

// The value of environment variable `name`, or `fallback` when unset or empty.
inline std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

// A loopback TCP port nothing listens on: bound by the kernel's choice, then released.
inline int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 1;  // falls back to tcpmux, closed on any normal machine
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  if (fd >= 0) close(fd);
  return port;
}

// For ASSERT_TRUE(IsOk(...)): shows the status when it is not OK.
inline ::testing::AssertionResult IsOk(const absl::Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_CONTRACT_CONTRACT_ENV_H_
