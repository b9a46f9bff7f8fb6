#include "tests/support/http_client.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sisl::testing_env {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// A loopback server answering each request with the bytes a script returns for it (the raw
// request head and body); an answer ending in "\n\n<close>" is sent without that marker and the
// connection closed after it. One thread per connection.
class ScriptedServer final {
 public:
  explicit ScriptedServer(std::function<std::string(const std::string&)> script)
      : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(::listen(fd_, 8), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    ::shutdown(fd_, SHUT_RDWR);
    thread_.join();
    ::close(fd_);
    for (auto& [fd, thread] : connections_) {
      ::shutdown(fd, SHUT_RDWR);
      thread.join();
      ::close(fd);
    }
  }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  int accepted() const { return accepted_.load(); }
  // Connections the server has closed (its FIN sent).
  int closed() const { return closed_.load(); }

 private:
  void Serve() {
    for (;;) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++accepted_;
      connections_.emplace_back(c, std::thread([this, c] { Talk(c); }));
    }
  }

  void Talk(int c) {
    {
      std::string in;
      char buf[4096];
      for (bool open = true; open;) {
        size_t head_end;
        while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
          const ssize_t n = ::recv(c, buf, sizeof(buf), 0);
          if (n <= 0) break;
          in.append(buf, static_cast<size_t>(n));
        }
        if (head_end == std::string::npos) break;
        size_t length = 0;
        const size_t cl = in.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end) {
          (void)absl::SimpleAtoi(in.substr(cl + 16, in.find("\r\n", cl) - cl - 16), &length);
        }
        while (in.size() < head_end + 4 + length) {
          const ssize_t n = ::recv(c, buf, sizeof(buf), 0);
          if (n <= 0) break;
          in.append(buf, static_cast<size_t>(n));
        }
        std::string out = script_(in.substr(0, head_end + 4 + length));
        in.erase(0, head_end + 4 + length);
        if (absl::EndsWith(out, "\n\n<close>")) {
          out.resize(out.size() - 9);
          open = false;
        }
        (void)::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      }
      ::shutdown(c, SHUT_WR);
      ++closed_;
    }
  }

  std::function<std::string(const std::string&)> script_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<int> closed_{0};
  std::vector<std::pair<int, std::thread>> connections_;  // touched by the accepting thread only
  std::thread thread_;
};

std::string Ok(const std::string& body, const std::string& extra = "") {
  return absl::StrCat("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", extra,
                      "Content-Length: ", body.size(), "\r\n\r\n", body);
}

TEST(HttpClientTest, KeepsTheConnectionAndLowerCasesHeaderNames) {
  ScriptedServer server([](const std::string& req) {
    return Ok(req.substr(0, req.find(' ')) + " " + req.substr(req.find("\r\n\r\n") + 4),
              "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n");
  });
  HttpClient client(server.address());
  HttpResponse response;
  ASSERT_TRUE(client.Send({"GET", "/x", {}, ""}, &response).ok());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET ");
  EXPECT_EQ(response.Header("content-type"), "text/plain");
  EXPECT_THAT(response.Headers("set-cookie"), ElementsAre("a=1", "b=2"));
  auto post = client.Post("/y", "hello", "text/plain");
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_EQ(post->body, "POST hello");
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpClientTest, ReadsChunkedAndCloseDelimitedBodies) {
  ScriptedServer server([](const std::string& req) -> std::string {
    if (absl::StartsWith(req, "GET /chunked")) {
      return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n";
    }
    return "HTTP/1.0 200 OK\r\n\r\nuntil the end\n\n<close>";
  });
  HttpClient client(server.address());
  auto chunked = client.Get("/chunked");
  ASSERT_TRUE(chunked.ok()) << chunked.status();
  EXPECT_EQ(chunked->body, "hello, world");
  auto closed = client.Get("/close");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->body, "until the end");
  ASSERT_TRUE(client.Get("/chunked").ok());
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST(HttpClientTest, RetriesOnceWhenTheServerClosedTheIdleConnection) {
  ScriptedServer server([](const std::string&) { return Ok("fine") + "\n\n<close>"; });
  HttpClient client(server.address());
  ASSERT_TRUE(client.Get("/").ok());
  // Probe until the server has closed the idle connection.
  for (const absl::Time deadline = absl::Now() + absl::Seconds(5);
       server.closed() < 1 && absl::Now() < deadline;) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  ASSERT_EQ(server.closed(), 1);
  auto again = client.Get("/");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->body, "fine");
  EXPECT_EQ(server.accepted(), 2);
}

TEST(HttpClientTest, FailsOnAServerThatDoesNotListen) {
  HttpClient client("127.0.0.1:1");
  EXPECT_FALSE(client.Get("/").ok());
}

TEST(CookieJarTest, SetsReplacesAndDeletes) {
  CookieJar jar;
  jar.Apply("sid=abc; Path=/; HttpOnly; SameSite=Lax");
  jar.Apply("lang = it ; Max-Age=3600");
  EXPECT_EQ(jar.CookieHeader(), "lang=it; sid=abc");
  jar.Apply("sid=; Max-Age=0");
  EXPECT_EQ(jar.Get("sid"), std::nullopt);
  jar.Apply("lang=en; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(jar.size(), 0u);
  jar.Apply("x=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60");  // Max-Age wins
  EXPECT_EQ(jar.Get("x"), "1");
}

TEST(BrowserTest, FollowsRedirectsAndKeepsCookies) {
  ScriptedServer server([](const std::string& req) -> std::string {
    if (absl::StartsWith(req, "POST /app/login")) {
      return "HTTP/1.1 303 See Other\r\nLocation: home?x=1\r\nSet-Cookie: sid=s1; HttpOnly\r\n"
             "Content-Length: 0\r\n\r\n";
    }
    if (absl::StartsWith(req, "POST /old")) {
      return "HTTP/1.1 307 Temporary Redirect\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n";
    }
    if (absl::StartsWith(req, "GET /loop")) {
      return "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n";
    }
    const size_t cookie = req.find("Cookie: ");
    return Ok(absl::StrCat(req.substr(0, req.find(" HTTP/1.1")), "|",
                           cookie == std::string::npos
                               ? ""
                               : req.substr(cookie + 8, req.find("\r\n", cookie) - cookie - 8),
                           "|", req.substr(req.find("\r\n\r\n") + 4)));
  });
  Browser browser(server.address(), 3);
  auto home = browser.PostForm("/app/login", {{"user", "a b"}});
  ASSERT_TRUE(home.ok()) << home.status();
  EXPECT_EQ(home->body, "GET /app/home?x=1|sid=s1|");
  EXPECT_EQ(browser.last_redirects(), 1);
  EXPECT_EQ(browser.last_target(), "/app/home?x=1");
  auto moved = browser.PostForm("/old", {{"k", "v"}});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->body, "POST /new|sid=s1|k=v");
  EXPECT_FALSE(browser.Get("/loop").ok());
  Browser no_follow(server.address(), 0);
  auto first = no_follow.Get("/loop");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 302);
}

TEST(FormHelpersTest, ReadHiddenInputsAndTheAction) {
  const std::string html =
      "<html><body><FORM method=\"post\" action=\"https://idp.example/sso?a=1&amp;b=2\">"
      "<input type=\"hidden\" name=\"SAMLResponse\" value=\"PHNh&#x2B;bWw&#61;\"/>"
      "<input type='HIDDEN' name='RelayState' value='r&quot;s'>"
      "<input type=text name=visible value=x><input type=hidden name=bare value=a&amp;b>"
      "<input name=\"no-type\" value=\"n\"></form></body></html>";
  EXPECT_EQ(FormAction(html), "https://idp.example/sso?a=1&b=2");
  EXPECT_THAT(HiddenInputs(html), ElementsAre(Pair("SAMLResponse", "PHNh+bWw="),
                                              Pair("RelayState", "r\"s"), Pair("bare", "a&b")));
  EXPECT_EQ(FormAction("<p>no form</p>"), std::nullopt);
  EXPECT_EQ(HtmlUnescape("&lt;&#233;&#x20AC;&unknown; &amp"),
            "<\xC3\xA9\xE2\x82\xAC&unknown; &amp");
  EXPECT_EQ(UrlEncodeForm({{"a b", "x/y+z"}, {"c", "\xC3\xA9*"}}), "a+b=x%2Fy%2Bz&c=%C3%A9*");
  EXPECT_EQ(UrlEncode("Verbano-Cusio Ossola~/"), "Verbano-Cusio%20Ossola~%2F");
}

}  // namespace
}  // namespace sisl::testing_env
