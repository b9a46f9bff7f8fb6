#include "tests/support/child_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace sisl::testing_env {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string BinaryPath(const std::string& relative) {
  const char* dir = std::getenv("SISL_BINARY_DIR");
  return std::string(dir ? dir : ".") + "/" + relative;
}

std::string SourcePath(const std::string& relative) {
  const char* dir = std::getenv("SISL_SOURCE_DIR");
  return std::string(dir ? dir : ".") + "/" + relative;
}

int Shell(const std::string& command) {
  int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace sisl::testing_env
