// The Beast HTTP server: keep-alive, limits, asynchronous answers, handler timeouts, and the
// client address (X-Forwarded-For only from trusted proxies).
#include "gateway/http/server.h"

#include <thread>

#include "gtest/gtest.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/support/http_client.h"

namespace sisl::gateway::http {
namespace {

using testing_env::HttpClient;
using testing_env::HttpRequest;

class ServerTest : public ::testing::Test {
 protected:
  void Start(Handler handler, ServerOptions options = {}) {
    options.address = "127.0.0.1:0";
    server_ = std::make_unique<Server>(options, std::move(handler));
    ASSERT_TRUE(server_->Start().ok());
    address_ = "127.0.0.1:" + std::to_string(server_->port());
  }
  std::unique_ptr<Server> server_;
  std::string address_;
};

TEST_F(ServerTest, AnswersOnOneKeptAliveConnectionWithRequestIds) {
  Start([](Request& r, Respond d) {
    Response out;
    out.body = r.method + " " + r.path + " " + r.Query("q").value_or("-") + " " +
               r.Cookie("c").value_or("-");
    d(std::move(out));
  });
  HttpClient client(address_);
  for (int i = 0; i < 3; ++i) {
    auto r = client.Get("/a%20b?q=x+y", {{"Cookie", "c=1"}, {"X-Request-Id", "abc-1"}});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "GET /a b x y 1");
    EXPECT_EQ(r->Header("x-request-id").value_or(""), "abc-1");
  }
  EXPECT_EQ(client.connections_opened(), 1);
  // An unusable client request id is replaced.
  auto r = client.Get("/", {{"X-Request-Id", "bad id with spaces"}});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->Header("x-request-id").value_or("bad id with spaces"), "bad id with spaces");
}

TEST_F(ServerTest, AnswersFromAnotherThread) {
  Start([](Request&, Respond d) {
    std::thread([d] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      Response out;
      out.status = 201;
      out.body = "later";
      d(std::move(out));
    }).detach();
  });
  HttpClient client(address_);
  auto r = client.Get("/");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "later");
}

TEST_F(ServerTest, EnforcesHeaderAndBodyLimits) {
  ServerOptions options;
  options.max_header_bytes = 1024;
  options.max_body_bytes = 100;
  Start([](Request&, Respond d) { d(Response{}); }, options);
  {
    HttpClient client(address_);
    auto r = client.Get("/", {{"X-Big", std::string(4000, 'a')}});
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, 431);
  }
  {
    HttpClient client(address_);
    auto r = client.Post("/", std::string(1000, 'b'), "text/plain");
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, 413);
  }
  HttpClient client(address_);
  auto ok = client.Post("/", std::string(100, 'b'), "text/plain");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, AHandlerThatNeverAnswersGets504AndMalformedTargets400) {
  ServerOptions options;
  options.handler_timeout = absl::Milliseconds(100);
  Start([](Request& r, Respond d) {
    if (r.path == "/answer") d(Response{});
  }, options);
  HttpClient client(address_);
  auto r = client.Get("/never");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 504);
  HttpClient other(address_);
  auto bad = other.Get("/a?x=%zz");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ServerTest, IgnoresXForwardedForWithoutTrustedProxies) {
  Start([](Request& r, Respond d) {
    Response out;
    out.body = r.remote_ip;
    d(std::move(out));
  });
  HttpClient client(address_);
  auto r = client.Get("/", {{"X-Forwarded-For", "198.51.100.7"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->body, "127.0.0.1") << "anyone can write X-Forwarded-For";
}

TEST_F(ServerTest, TakesTheClientFromXForwardedForOfATrustedProxy) {
  ServerOptions options;
  ASSERT_OK_AND_ASSIGN(options.trusted_proxies, ParseCidrList("127.0.0.0/8, 10.0.0.0/8"));
  Start(
      [](Request& r, Respond d) {
        Response out;
        out.body = r.remote_ip;
        d(std::move(out));
      },
      options);
  HttpClient client(address_);
  auto one = client.Get("/", {{"X-Forwarded-For", "198.51.100.7"}});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->body, "198.51.100.7");
  // What the client wrote itself (left of the first untrusted hop) is ignored; trusted hops are
  // skipped; two header lines count as one list.
  HttpRequest request;
  request.headers = {{"X-Forwarded-For", "203.0.113.66, 198.51.100.8"},
                     {"X-Forwarded-For", "10.1.2.3"}};
  auto two = client.Send(request);
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->body, "198.51.100.8");
  auto none = client.Get("/");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->body, "127.0.0.1");
}

TEST_F(ServerTest, StopsCleanly) {
  Start([](Request&, Respond d) { d(Response{}); });
  HttpClient client(address_);
  ASSERT_TRUE(client.Get("/").ok());
  server_->Stop(absl::Seconds(1));
  HttpClient late(address_, {absl::Milliseconds(500)});
  EXPECT_FALSE(late.Get("/").ok());
}

}  // namespace
}  // namespace sisl::gateway::http
