// RedisPool over TLS with ACL AUTH, against redis-servers started here with certificates made
// here (tests/integration/redis_tls_server.h); the shared infrastructure is not needed.

#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/cache/redis_pool.h"
#include "services/platform/errors.h"
#include "tests/integration/redis_tls_server.h"

namespace sisl::platform::cache {
namespace {

using ::sisl::testing_env::RedisTlsServer;
using ::sisl::testing_env::TestCertificates;

constexpr char kReason[] = "TEST_REDIS_UNAVAILABLE";

class RedisTlsTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing_env::TempDirectory();
    ASSERT_FALSE(dir_->path().empty());
    ASSERT_TRUE(testing_env::MakeTestCertificates(dir_->path()));
    const TestCertificates certs(dir_->path());
    auto start = [&](const std::string& name, const std::string& cert, const std::string& key,
                     bool require_client_cert) {
      auto* server =
          new RedisTlsServer({dir_->path(), name, cert, key, certs.ca, require_client_cert});
      EXPECT_TRUE(server->Start()) << name;
      return server;
    };
    server_ = start("server", certs.server_cert, certs.server_key, false);
    mutual_ = start("mutual", certs.server_cert, certs.server_key, true);
    rogue_ = start("rogue", certs.rogue_cert, certs.rogue_key, false);
  }

  static void TearDownTestSuite() {
    for (RedisTlsServer* server : {server_, mutual_, rogue_}) delete server;
    delete dir_;
  }

  // TLS with the test CA, the ACL user, generous timeouts.
  static RedisPool::Options Options(const RedisTlsServer& server) {
    RedisPool::Options options;
    options.port = server.port();
    options.connect_timeout = absl::Seconds(2);
    options.command_timeout = absl::Seconds(2);
    options.username = RedisTlsServer::kUser;
    options.password = RedisTlsServer::kPassword;
    options.tls.enabled = true;
    options.tls.ca_file = TestCertificates(dir_->path()).ca;
    return options;
  }

  // The string or status reply of `args`, or the error.
  static std::string Run(RedisPool& pool, const std::vector<absl::string_view>& args) {
    absl::StatusOr<RedisPool::ReplyPtr> reply = pool.Command(args);
    if (!reply.ok()) return reply.status().ToString();
    if ((*reply)->type == REDIS_REPLY_INTEGER) return absl::StrCat((*reply)->integer);
    return (*reply)->str != nullptr ? std::string((*reply)->str, (*reply)->len) : "(nil)";
  }

  // The failure of PING on `options`: UNAVAILABLE with the pool's reason, or a test failure.
  static std::string PingFailure(const RedisPool::Options& options) {
    RedisPool pool(options, kReason);
    absl::StatusOr<RedisPool::ReplyPtr> reply = pool.Command({"PING"});
    EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable) << reply.status();
    EXPECT_EQ(ErrorReason(reply.status()), kReason);
    return std::string(reply.status().message());
  }

  static testing_env::TempDirectory* dir_;
  static RedisTlsServer* server_;
  static RedisTlsServer* mutual_;  // tls-auth-clients yes
  static RedisTlsServer* rogue_;   // server certificate from another CA
};

testing_env::TempDirectory* RedisTlsTest::dir_ = nullptr;
RedisTlsServer* RedisTlsTest::server_ = nullptr;
RedisTlsServer* RedisTlsTest::mutual_ = nullptr;
RedisTlsServer* RedisTlsTest::rogue_ = nullptr;

TEST_F(RedisTlsTest, CommandsRunOverTlsAsTheAclUser) {
  RedisPool::Options options = Options(*server_);
  options.db = 3;
  options.client_name = "sisl-tls-test";
  RedisPool pool(options, kReason);
  EXPECT_EQ(Run(pool, {"PING"}), "PONG");
  EXPECT_EQ(Run(pool, {"ACL", "WHOAMI"}), RedisTlsServer::kUser);
  EXPECT_EQ(Run(pool, {"CLIENT", "GETNAME"}), "sisl-tls-test");
  // Larger than any TLS record or socket buffer: partial reads and writes.
  const std::string big(3 << 20, 'x');
  EXPECT_EQ(Run(pool, {"SET", "big", big}), "OK");
  EXPECT_EQ(Run(pool, {"GET", "big"}), big);
  EXPECT_EQ(Run(pool, {"DBSIZE"}), "1");  // in db 3
  EXPECT_EQ(Run(pool, {"DEL", "big"}), "1");
}

TEST_F(RedisTlsTest, ServerIsVerifiedByDnsNameWithSni) {
  RedisPool::Options options = Options(*server_);
  options.host = "localhost";
  RedisPool pool(options, kReason);
  EXPECT_EQ(Run(pool, {"PING"}), "PONG");
}

TEST_F(RedisTlsTest, ServerNameNotInTheCertificateIsRefused) {
  RedisPool::Options options = Options(*server_);
  options.tls.server_name = "redis.example.org";
  const std::string error = PingFailure(options);
  EXPECT_TRUE(absl::StrContains(error, "TLS handshake failed: certificate verify failed")) << error;
  EXPECT_TRUE(absl::StrContains(error, "hostname mismatch")) << error;
}

TEST_F(RedisTlsTest, ServerCertificateFromAnotherCaIsRefused) {
  const std::string error = PingFailure(Options(*rogue_));
  EXPECT_TRUE(
      absl::StrContains(error, absl::StrCat("redis 127.0.0.1:", rogue_->port(),
                                            ": TLS handshake failed: certificate verify failed")))
      << error;
}

TEST_F(RedisTlsTest, WrongPasswordIsUnavailableAndNotShown) {
  RedisPool::Options options = Options(*server_);
  options.password = "not-the-password-42";
  const std::string error = PingFailure(options);
  EXPECT_TRUE(absl::StrContains(error, "AUTH failed: WRONGPASS")) << error;
  EXPECT_FALSE(absl::StrContains(error, "not-the-password-42")) << error;
}

TEST_F(RedisTlsTest, WithoutAuthTheDisabledDefaultUserIsRefused) {
  RedisPool::Options options = Options(*server_);
  options.username.reset();
  options.password.reset();
  RedisPool pool(options, kReason);
  EXPECT_TRUE(absl::StartsWith(Run(pool, {"PING"}), "NOAUTH")) << Run(pool, {"PING"});
}

TEST_F(RedisTlsTest, MutualTlsNeedsTheClientCertificate) {
  RedisPool::Options options = Options(*mutual_);
  const std::string error = PingFailure(options);
  EXPECT_TRUE(absl::StrContains(error, "TLS")) << error;
  EXPECT_TRUE(absl::StrContains(error, "no TLS client certificate set")) << error;

  const TestCertificates certs(dir_->path());
  options.tls.cert_file = certs.client_cert;
  options.tls.key_file = certs.client_key;
  RedisPool pool(options, kReason);
  EXPECT_EQ(Run(pool, {"PING"}), "PONG");
}

TEST_F(RedisTlsTest, UnloadableTlsFilesAreAClearError) {
  RedisPool::Options options = Options(*server_);
  options.tls.ca_file = dir_->path() + "/missing-ca.pem";
  EXPECT_TRUE(absl::StrContains(PingFailure(options), "missing-ca.pem': No such file"));
  options.tls.ca_file = dir_->path() + "/server.ext";  // not PEM
  EXPECT_TRUE(absl::StrContains(PingFailure(options), "cannot load the TLS CA file"));
  options = Options(*server_);
  options.tls.cert_file = TestCertificates(dir_->path()).client_cert;
  options.tls.key_file = TestCertificates(dir_->path()).server_key;  // not its key
  EXPECT_TRUE(absl::StrContains(PingFailure(options), "cannot load the TLS client key"));
}

TEST_F(RedisTlsTest, PlainTcpAgainstTheTlsPortFailsWithinTheTimeout) {
  RedisPool::Options options = Options(*server_);
  options.tls.enabled = false;
  options.connect_timeout = absl::Milliseconds(500);
  options.command_timeout = absl::Milliseconds(500);
  const absl::Time start = absl::Now();
  const std::string error = PingFailure(options);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1500)) << error;
  EXPECT_TRUE(absl::StrContains(error, absl::StrCat("redis 127.0.0.1:", server_->port()))) << error;
}

TEST_F(RedisTlsTest, SilentServerTimesOutTheHandshake) {
  // A listening socket nobody accepts from: TCP connects, the TLS handshake gets no answer.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length), 0);
  RedisPool::Options options = Options(*server_);
  options.port = ntohs(addr.sin_port);
  options.connect_timeout = absl::Milliseconds(300);
  const absl::Time start = absl::Now();
  const std::string error = PingFailure(options);
  const absl::Duration took = absl::Now() - start;
  close(fd);
  EXPECT_GE(took, absl::Milliseconds(290));
  EXPECT_LT(took, absl::Seconds(1));
  EXPECT_TRUE(absl::StrContains(error, "TLS handshake timed out after 300ms")) << error;
}

TEST_F(RedisTlsTest, ReconnectsAfterTheServerDropsTheTlsConnection) {
  RedisPool pool(Options(*server_), kReason);
  ASSERT_EQ(Run(pool, {"PING"}), "PONG");
  RedisPool admin(Options(*server_), kReason);
  // Closes every connection of the user but the admin's own.
  const std::string killed =
      Run(admin, {"CLIENT", "KILL", "USER", RedisTlsServer::kUser, "SKIPME", "yes"});
  EXPECT_NE(killed, "0");
  EXPECT_TRUE(std::all_of(killed.begin(), killed.end(), ::isdigit)) << killed;
  (void)pool.Command({"PING"});  // may hit the dead connection
  EXPECT_EQ(Run(pool, {"PING"}), "PONG");
}

TEST_F(RedisTlsTest, ConcurrentCommandsShareOneTlsContext) {
  RedisPool::Options options = Options(*server_);
  options.pool_size = 4;
  RedisPool pool(options, kReason);
  constexpr int kThreads = 8;
  constexpr int kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) failures += pool.Command({"INCR", "counter"}).ok() ? 0 : 1;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Run(pool, {"GETDEL", "counter"}), absl::StrCat(kThreads * kEach));
}

// The shared infrastructure's TLS Redis (deploy/lib/redis.sh: mutual TLS, ACL user sisl), when
// deploy/infra.sh is up and its env is sourced (./sisl test does both).
TEST(RedisTlsInfraTest, TheInfrastructuresTlsRedisAnswers) {
  const char* address = std::getenv("SISL_TEST_REDIS_TLS");
  const char* dir = std::getenv("SISL_TEST_TLS_DIR");
  const char* password = std::getenv("SISL_TEST_TLS_PASSWORD");
  ASSERT_TRUE(address != nullptr && dir != nullptr && password != nullptr)
      << "SISL_TEST_REDIS_TLS, SISL_TEST_TLS_DIR, SISL_TEST_TLS_PASSWORD unset: run "
         "deploy/infra.sh "
         "up and source .run/infra/env";
  const std::string_view host_port(address);
  RedisPool::Options options;
  options.host = std::string(host_port.substr(0, host_port.rfind(':')));
  options.port = std::atoi(std::string(host_port.substr(host_port.rfind(':') + 1)).c_str());
  options.username = "sisl";
  options.password = password;
  options.tls = {true, absl::StrCat(dir, "/ca.crt"), absl::StrCat(dir, "/client.crt"),
                 absl::StrCat(dir, "/client.key"), ""};
  RedisPool pool(options, kReason);
  absl::StatusOr<RedisPool::ReplyPtr> reply = pool.Command({"ACL", "WHOAMI"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(std::string((*reply)->str, (*reply)->len), "sisl");
}

}  // namespace
}  // namespace sisl::platform::cache
