#ifndef SISL_TESTS_INTEGRATION_REDIS_TLS_SERVER_H_
#define SISL_TESTS_INTEGRATION_REDIS_TLS_SERVER_H_

// A redis-server of the test's own (not the shared infrastructure) listening on loopback with TLS
// only, and the certificates for it, made with the openssl command line.

#include <memory>
#include <string>
#include <utility>

#include "tests/support/child_process.h"

namespace sisl::testing_env {

// The files MakeTestCertificates() writes into `dir`: a CA; a server certificate from it for
// IP:127.0.0.1 and DNS:localhost; a client certificate from it; and a server certificate with the
// same names from another CA ("rogue").
struct TestCertificates {
  explicit TestCertificates(const std::string& dir);
  std::string ca;
  std::string server_cert, server_key;
  std::string client_cert, client_key;
  std::string rogue_cert, rogue_key;
};

// Writes the certificates; false (after printing why) when openssl fails.
bool MakeTestCertificates(const std::string& dir);

// redis-server with `--port 0 --tls-port <free port>`, persistence off, the default user off and
// the ACL user kUser with password kPassword.
class RedisTlsServer final {
 public:
  static constexpr char kUser[] = "sisl";
  static constexpr char kPassword[] = "s3cret-for-tests";

  struct Options {
    std::string dir;  // for its log and working directory
    std::string name;
    std::string cert_file, key_file, ca_file;
    bool require_client_cert = false;  // tls-auth-clients yes, else optional
  };

  explicit RedisTlsServer(Options options) : options_(std::move(options)) {}
  RedisTlsServer(const RedisTlsServer&) = delete;
  RedisTlsServer& operator=(const RedisTlsServer&) = delete;

  // Starts the server and waits (up to 10 s) until its port accepts connections; false (after
  // printing why) otherwise.
  bool Start();
  int port() const { return port_; }

 private:
  const Options options_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// A temporary directory, removed with its contents by the destructor.
class TempDirectory final {
 public:
  TempDirectory();
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_REDIS_TLS_SERVER_H_
