#ifndef SISL_PLATFORM_CACHE_REDIS_POOL_H_
#define SISL_PLATFORM_CACHE_REDIS_POOL_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/platform/cache/redis_connection.h"

namespace sisl::platform::cache {

// A small pool of synchronous Redis connections (RedisCache, the gateway's rate limiter and
// session store), over TCP or TLS (RedisConnection): lazy connects bounded by `connect_timeout`
// (TCP connect plus TLS handshake), every command bounded by `command_timeout`, a connection that
// hits an I/O error dropped with the idle ones, and, while Redis is down, fail-fast UNAVAILABLE
// (reason `unavailable_reason`) with no new connect attempt for `reconnect_backoff` after a failed
// one. Each new connection authenticates (AUTH [username] password), selects `db` and names
// itself before use. Thread-safe.
class RedisPool final {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 6379;
    absl::Duration connect_timeout = absl::Milliseconds(200);
    absl::Duration command_timeout = absl::Milliseconds(100);
    // AUTH: `password` alone for the default user, or ACL `username` with `password`.
    std::optional<std::string> username = {};
    std::optional<std::string> password = {};
    int db = 0;
    std::string client_name = {};  // CLIENT SETNAME; no spaces; empty for none
    size_t pool_size = 8;          // idle connections kept; more are opened under load
    absl::Duration reconnect_backoff = absl::Milliseconds(100);
    struct Tls {
      bool enabled = false;
      std::string ca_file = {};    // PEM CAs the server certificate must chain to; empty: system
      std::string cert_file = {};  // client certificate chain (PEM) for mutual TLS; empty: none
      std::string key_file = {};   // its private key (PEM, unencrypted)
      // The DNS name or IP address the server certificate must carry (and the SNI when a name);
      // empty: `host`.
      std::string server_name = {};
    };
    Tls tls;
  };

  using ReplyDeleter = RedisReplyDeleter;
  using ReplyPtr = RedisReplyPtr;

  RedisPool(Options options, std::string unavailable_reason);
  ~RedisPool();
  RedisPool(const RedisPool&) = delete;
  RedisPool& operator=(const RedisPool&) = delete;

  // Runs one command. Only I/O and connection failures are errors (UNAVAILABLE); a Redis error
  // reply comes back as a reply of type REDIS_REPLY_ERROR for the caller to interpret.
  absl::StatusOr<ReplyPtr> Command(const std::vector<absl::string_view>& args);

  // For error messages.
  std::string Address() const;

 private:
  using ConnectionPtr = std::unique_ptr<RedisConnection>;

  absl::StatusOr<ConnectionPtr> Acquire() ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<ConnectionPtr> Connect();
  void Release(ConnectionPtr connection) ABSL_LOCKS_EXCLUDED(mu_);
  void ConnectionLost(absl::string_view error) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Unavailable(absl::string_view message) const;

  const Options options_;
  const std::string unavailable_reason_;
  // Made once from options_.tls: null without TLS; an error (returned by every connect) when its
  // files do not load.
  const absl::StatusOr<SslCtxPtr> tls_context_;
  absl::Mutex mu_;
  std::vector<ConnectionPtr> idle_ ABSL_GUARDED_BY(mu_);
  absl::Time down_until_ ABSL_GUARDED_BY(mu_);
  bool healthy_ ABSL_GUARDED_BY(mu_) = true;  // for logging state changes only
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_REDIS_POOL_H_
