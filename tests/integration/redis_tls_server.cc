#include "tests/integration/redis_tls_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

namespace sisl::testing_env {
namespace {

// Runs `command` in `dir`; prints it when it fails.
bool Run(const std::string& dir, const std::string& command) {
  const int rc = Shell("cd '" + dir + "' && " + command + " >>openssl.log 2>&1");
  if (rc != 0)
    std::fprintf(stderr, "failed (%d): %s (see %s/openssl.log)\n", rc, command.c_str(),
                 dir.c_str());
  return rc == 0;
}

constexpr char kNewKey[] = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

bool MakeCa(const std::string& dir, const std::string& name) {
  return Run(dir, std::string("openssl req -x509 ") + kNewKey + " -days 2 -keyout " + name +
                      ".key -out " + name + ".crt -subj /CN=" + name);
}

// A certificate for `name` signed by `ca` with the extensions in file `extensions`.
bool MakeLeaf(const std::string& dir, const std::string& name, const std::string& ca,
              const std::string& extensions) {
  return Run(dir, std::string("openssl req ") + kNewKey + " -keyout " + name + ".key -out " + name +
                      ".csr -subj /CN=" + name) &&
         Run(dir, "openssl x509 -req -days 2 -in " + name + ".csr -CA " + ca + ".crt -CAkey " + ca +
                      ".key -CAcreateserial -out " + name + ".crt -extfile " + extensions);
}

bool PortAccepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  close(fd);
  return ok;
}

std::string FindOnPath(const std::string& binary) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string candidate = dirs.substr(start, end - start) + "/" + binary;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

}  // namespace

TestCertificates::TestCertificates(const std::string& dir)
    : ca(dir + "/ca.crt"),
      server_cert(dir + "/server.crt"),
      server_key(dir + "/server.key"),
      client_cert(dir + "/client.crt"),
      client_key(dir + "/client.key"),
      rogue_cert(dir + "/rogue.crt"),
      rogue_key(dir + "/rogue.key") {}

bool MakeTestCertificates(const std::string& dir) {
  std::ofstream(dir + "/server.ext")
      << "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n";
  std::ofstream(dir + "/client.ext") << "extendedKeyUsage=clientAuth\n";
  return MakeCa(dir, "ca") && MakeCa(dir, "other-ca") &&
         MakeLeaf(dir, "server", "ca", "server.ext") &&
         MakeLeaf(dir, "client", "ca", "client.ext") &&
         MakeLeaf(dir, "rogue", "other-ca", "server.ext");
}

bool RedisTlsServer::Start() {
  const std::string binary = FindOnPath("redis-server");
  if (binary.empty()) {
    std::fprintf(stderr, "redis-server is not on PATH (apt-get install redis-server)\n");
    return false;
  }
  port_ = FreePort();  // redis does not take --tls-port 0
  const std::string work = options_.dir + "/" + options_.name;
  if (Shell("mkdir -p '" + work + "'") != 0) return false;
  std::vector<std::string> args = {"--bind",
                                   "127.0.0.1",
                                   "--port",
                                   "0",
                                   "--tls-port",
                                   std::to_string(port_),
                                   "--tls-cert-file",
                                   options_.cert_file,
                                   "--tls-key-file",
                                   options_.key_file,
                                   "--tls-ca-cert-file",
                                   options_.ca_file,
                                   "--tls-auth-clients",
                                   options_.require_client_cert ? "yes" : "optional",
                                   "--dir",
                                   work,
                                   "--save",
                                   "",
                                   "--appendonly",
                                   "no",
                                   "--user",
                                   "default",
                                   "off",
                                   "--user",
                                   kUser,
                                   "on",
                                   std::string(">") + kPassword,
                                   "~*",
                                   "&*",
                                   "+@all"};
  process_ = std::make_unique<ChildProcess>(binary, args, std::map<std::string, std::string>{},
                                            work + "/redis.log");
  if (!process_->Start()) return false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_->Running()) break;
    if (PortAccepts(port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::fprintf(stderr, "redis-server did not come up on port %d, see %s\n", port_,
               process_->log_path().c_str());
  return false;
}

TempDirectory::TempDirectory() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/sisl-redis-tls-XXXXXX";
  if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDirectory::~TempDirectory() {
  if (!path_.empty()) Shell("rm -rf '" + path_ + "'");
}

}  // namespace sisl::testing_env
