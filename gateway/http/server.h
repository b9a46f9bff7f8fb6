#ifndef SISL_GATEWAY_HTTP_SERVER_H_
#define SISL_GATEWAY_HTTP_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gateway/http/client_address.h"
#include "gateway/http/http_types.h"

namespace sisl::gateway::http {

struct ServerOptions {
  std::string address = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  int threads = 2;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1024 * 1024;
  // A request (headers and body) must arrive within this; a silent keep-alive connection is
  // closed after `idle_timeout`.
  absl::Duration read_timeout = absl::Seconds(15);
  absl::Duration idle_timeout = absl::Seconds(60);
  // Handlers that never answer get a 504 after this.
  absl::Duration handler_timeout = absl::Seconds(30);
  // Peers whose X-Forwarded-For names the client (Request::remote_ip; see ClientAddress). Empty:
  // the header is ignored and the socket peer is the client.
  std::vector<Cidr> trusted_proxies;
};

// HTTP/1.1 server on Boost.Beast/Asio: keep-alive, header and body limits, read and idle
// timeouts, asynchronous handlers (a handler may answer from another thread). Every request gets
// an X-Request-Id (the client's when it is a sane token, else a new UUIDv7) and its client
// address (the socket peer, or X-Forwarded-For's rightmost untrusted hop behind a trusted proxy).
class Server final {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  absl::Status Start();
  // Stops accepting, lets in-flight requests finish for up to `grace`, then closes.
  void Stop(absl::Duration grace = absl::Seconds(5));
  int port() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Decodes %XX and (in queries) '+'. False on malformed escapes.
bool PercentDecode(const std::string& in, bool plus_is_space, std::string* out);
std::string PercentEncode(const std::string& in);
// Parses "a=1&b=2" into `out`; false on malformed input.
bool ParseQuery(const std::string& query, std::multimap<std::string, std::string>* out);
// Parses a Cookie header.
std::map<std::string, std::string> ParseCookies(const std::string& header);

}  // namespace sisl::gateway::http

#endif  // SISL_GATEWAY_HTTP_SERVER_H_
