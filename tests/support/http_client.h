#ifndef SISL_TESTS_SUPPORT_HTTP_CLIENT_H_
#define SISL_TESTS_SUPPORT_HTTP_CLIENT_H_

// A small blocking HTTP/1.1 client for tests and benchmarks (POSIX sockets, no TLS): keep-alive,
// Content-Length, chunked and close-delimited bodies; a cookie-keeping, redirect-following
// "browser" on top; and helpers for the HTML forms of the gateway's pages (hidden inputs, form
// action, urlencoded bodies). Built for benchmark loops: an HttpClient reuses its buffers and the
// HttpResponse it is given, so a request on a warm connection allocates next to nothing.
// Sources: http_client.cc (the client) and http_client_browser.cc (cookies, Browser, HTML forms).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sisl::testing_env {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";  // origin form: path and query
  HttpHeaders headers;       // as given; Host and Content-Length are added when absent
  std::string body;
};

struct HttpResponse {
  int status = 0;
  // Lower-case names in arrival order; repeated headers (Set-Cookie) stay separate entries.
  HttpHeaders headers;
  std::string body;  // de-chunked

  // The first value of the header `lower_name`, or nullptr / nullopt.
  const std::string* FindHeader(absl::string_view lower_name) const;
  std::optional<std::string> Header(absl::string_view lower_name) const;
  // Every value of the header, in order (e.g. "set-cookie").
  std::vector<std::string> Headers(absl::string_view lower_name) const;
};

struct HttpClientOptions {
  absl::Duration timeout = absl::Seconds(30);  // connecting, and each send and receive
  size_t max_header_bytes = 64 * 1024;
  size_t max_body_bytes = 64 * 1024 * 1024;
};

// One keep-alive connection to "host:port" (numeric address or name; IPv6 in brackets), opened
// on first use and again whenever the server closed it. Not thread-safe: one per thread.
class HttpClient final {
 public:
  explicit HttpClient(std::string address, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` and reads the answer into `response` (whose buffers are reused). A request
  // that finds its idle connection closed by the server is sent once more on a new one.
  absl::Status Send(const HttpRequest& request, HttpResponse* response);
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request);
  absl::StatusOr<HttpResponse> Get(std::string target, HttpHeaders headers = {});
  absl::StatusOr<HttpResponse> Post(std::string target, std::string body,
                                    std::string content_type, HttpHeaders headers = {});

  void Close();
  const std::string& address() const { return address_; }
  // Connections opened so far (tests of keep-alive).
  int connections_opened() const { return connections_opened_; }

 private:
  enum class Attempt { kDone, kRetry };
  absl::Status Connect();
  absl::StatusOr<Attempt> Exchange(const HttpRequest& request, bool reused,
                                   HttpResponse* response);
  absl::Status Fill();           // receives more bytes; OUT_OF_RANGE at the end of stream
  absl::Status Need(size_t n);   // until `n` unread bytes are buffered
  absl::Status ReadHead(HttpResponse* response, bool* keep_alive, int64_t* length,
                        bool* chunked);
  absl::Status ReadChunked(std::string* body);
  absl::Status ReadToEnd(std::string* body);
  absl::string_view Unread() const { return {in_.data() + in_begin_, in_end_ - in_begin_}; }

  const std::string address_;
  const HttpClientOptions options_;
  std::string host_;
  std::string port_;
  int fd_ = -1;
  int connections_opened_ = 0;
  std::string out_;             // the request being sent
  std::string in_;              // received bytes; [in_begin_, in_end_) not yet consumed
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
};

// Cookies of one user agent. Path, Domain and Secure are ignored (tests talk to one host).
class CookieJar final {
 public:
  // Applies every Set-Cookie of `response`.
  void Update(const HttpResponse& response);
  // "name=value; Max-Age=..; ...": sets, or deletes when Max-Age <= 0 or Expires is past.
  void Apply(absl::string_view set_cookie);
  std::optional<std::string> Get(absl::string_view name) const;
  void Set(std::string name, std::string value) { cookies_[std::move(name)] = std::move(value); }
  void Erase(absl::string_view name);
  void Clear() { cookies_.clear(); }
  size_t size() const { return cookies_.size(); }
  // The Cookie request header ("a=1; b=2"); empty when the jar is.
  std::string CookieHeader() const;

 private:
  std::map<std::string, std::string, std::less<>> cookies_;
};

// An HttpClient with a CookieJar that follows redirects like a browser: 301, 302 and 303 become
// a GET without body, 307 and 308 repeat the method and body; at most `max_redirects` hops
// (0: never follow). Absolute Location URLs (http only) to another host:port get a connection
// of their own; the jar is shared.
class Browser final {
 public:
  explicit Browser(std::string address, int max_redirects = 10,
                   HttpClientOptions options = {});

  absl::StatusOr<HttpResponse> Send(HttpRequest request);
  absl::StatusOr<HttpResponse> Get(std::string target, HttpHeaders headers = {});
  // POST of an application/x-www-form-urlencoded body.
  absl::StatusOr<HttpResponse> PostForm(std::string target, const HttpHeaders& fields,
                                        HttpHeaders headers = {});

  CookieJar& cookies() { return cookies_; }
  // Where the last answer came from ("host:port" and target) and how many hops led there.
  const std::string& last_address() const { return last_address_; }
  const std::string& last_target() const { return last_target_; }
  int last_redirects() const { return last_redirects_; }

 private:
  HttpClient& ClientFor(const std::string& address);

  const std::string address_;
  const int max_redirects_;
  const HttpClientOptions options_;
  std::map<std::string, std::unique_ptr<HttpClient>> clients_;  // by host:port
  CookieJar cookies_;
  std::string last_address_;
  std::string last_target_;
  int last_redirects_ = 0;
};

// Decodes HTML character references: &amp; &lt; &gt; &quot; &apos; &nbsp; &#NN; &#xHH; (to UTF-8).
// Anything else is kept as it is.
std::string HtmlUnescape(absl::string_view text);
// Name and value of every <input type="hidden"> in `html`, in document order, decoded.
HttpHeaders HiddenInputs(absl::string_view html);
// The decoded `action` of the first <form> in `html` (nullopt without a form or an action).
std::optional<std::string> FormAction(absl::string_view html);
// application/x-www-form-urlencoded ("a=1&b=x+y%2F").
std::string UrlEncodeForm(const HttpHeaders& fields);
// Percent-encodes all but RFC 3986 unreserved characters (for query values and path segments).
std::string UrlEncode(absl::string_view text);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_SUPPORT_HTTP_CLIENT_H_
