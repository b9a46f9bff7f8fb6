// A small HTTPS client for the notification channels that speak HTTP (the SMS gateway, App IO):
// one request at a time over libcurl, JSON bodies, extra headers, timeouts, a CA file. TLS
// certificates are always verified, except when `insecure_skip_verify_loopback_only` is set and
// the host is a loopback address (as SmtpMailer does); plain http:// is accepted only for a
// loopback host (the test fakes of tests/support/fake_channels.h).
//
// Every answer with a status, 2xx or not, is an HttpReply: the caller classifies it
// (schedule.h's ClassifyHttpStatus). No answer at all (connection refused, DNS, TLS failure,
// timeout) is UNAVAILABLE HTTP_UNREACHABLE with metadata `detail` and `curl_code`; the request
// may or may not have reached the server.
//
// Error messages name the origin (scheme://host:port) only, never the path or the query: paths
// may carry personal data (App IO's /profiles/{fiscal_code}).
#ifndef SISL_SERVICES_NOTIFICATIONS_CHANNELS_HTTP_CLIENT_H_
#define SISL_SERVICES_NOTIFICATIONS_CHANNELS_HTTP_CLIENT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sisl::notifications {

struct HttpClientConfig {
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(30);  // the whole request and answer
  std::string ca_file;                         // PEM CAs; empty: the system's store
  // Skip certificate verification; honoured only for loopback hosts, refused for any other.
  bool insecure_skip_verify_loopback_only = false;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;
  std::string body;
  std::string content_type;
};

// Whether `host` (as in a URL, IPv6 in brackets or not) is 127.0.0.0/8, ::1 or localhost.
bool IsLoopbackHost(absl::string_view host);
// The URL's scheme://host:port, for messages (no path, no query, no credentials).
std::string UrlOrigin(absl::string_view url);
// OK for an https:// URL, or an http:// one to a loopback host; INVALID_ARGUMENT HTTP_URL
// otherwise (with why in the message).
absl::Status CheckServiceUrl(absl::string_view url);

class HttpClient final {
 public:
  // INVALID_ARGUMENT HTTP_CONFIG for impossible timeouts.
  static absl::StatusOr<std::unique_ptr<HttpClient>> Create(HttpClientConfig config);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Thread-safe; requests are serialised (the connection is kept between them).
  // INVALID_ARGUMENT HTTP_URL for a URL CheckServiceUrl refuses, or one whose host is not a
  // loopback one while insecure_skip_verify_loopback_only is set; INVALID_ARGUMENT
  // HEADER_INJECTION for CR/LF/NUL in a header.
  absl::StatusOr<HttpReply> Get(absl::string_view url, const HttpHeaders& headers);
  // Sends `json` with Content-Type: application/json.
  absl::StatusOr<HttpReply> PostJson(absl::string_view url, const HttpHeaders& headers,
                                     absl::string_view json);

 private:
  explicit HttpClient(HttpClientConfig config) : config_(std::move(config)) {}
  absl::StatusOr<HttpReply> Perform(bool post, absl::string_view url, const HttpHeaders& headers,
                                    absl::string_view body);

  const HttpClientConfig config_;
  absl::Mutex mu_;
  void* curl_ ABSL_GUARDED_BY(mu_) = nullptr;  // CURL*, kept for connection reuse
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_CHANNELS_HTTP_CLIENT_H_
