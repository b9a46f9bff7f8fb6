#ifndef SISL_PLATFORM_HTTP_HTTP_SERVER_H_
#define SISL_PLATFORM_HTTP_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace sisl::platform {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// A deliberately small HTTP/1.1 listener for operations endpoints (/metrics, /healthz, /readyz):
// GET only, one request per connection, answered by a single thread. The public HTTP entry is the
// gateway, not this.
class OpsHttpServer final {
 public:
  using Handler = std::function<HttpResponse()>;

  OpsHttpServer() = default;
  ~OpsHttpServer();
  OpsHttpServer(const OpsHttpServer&) = delete;
  OpsHttpServer& operator=(const OpsHttpServer&) = delete;

  void Handle(const std::string& path, Handler handler) { handlers_[path] = std::move(handler); }
  // Binds "host:port" (port 0 picks a free one) and starts serving.
  absl::Status Start(const std::string& address);
  void Stop();
  int port() const { return port_; }

 private:
  void Serve();
  void HandleConnection(int fd);

  std::map<std::string, Handler> handlers_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_HTTP_HTTP_SERVER_H_
