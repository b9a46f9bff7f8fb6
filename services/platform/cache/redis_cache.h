#ifndef SISL_PLATFORM_CACHE_REDIS_CACHE_H_
#define SISL_PLATFORM_CACHE_REDIS_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/platform/cache/cache.h"
#include "services/platform/cache/redis_pool.h"

namespace sisl::platform::cache {

// The production cache on Redis (hiredis, synchronous API) with a small connection pool.
// Connections are opened lazily with `connect_timeout`; every command is bounded by
// `command_timeout`. A connection that hits an I/O error is dropped (with the idle ones, which a
// restarted server has closed too) and the next call reconnects. While Redis is down, calls fail
// fast with UNAVAILABLE, reason CACHE_UNAVAILABLE: after a failed connect no new attempt is made
// for `reconnect_backoff`.
class RedisCache final : public Cache {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    int port = 6379;
    absl::Duration connect_timeout = absl::Milliseconds(200);
    absl::Duration command_timeout = absl::Milliseconds(200);
    // Prepended to every key, to share one Redis between services and environments.
    std::string key_prefix = {};
    std::optional<std::string> password = {};
    int db = 0;
    // Shown by CLIENT LIST (no spaces); empty for none.
    std::string client_name = {};
    // Idle connections kept for reuse; more are opened (and then closed) under load.
    size_t pool_size = 4;
    absl::Duration reconnect_backoff = absl::Milliseconds(100);
  };

  explicit RedisCache(Options options);
  // A connection described in full (TLS, ACL user: RedisPoolOptionsFromConfig), keys prefixed.
  RedisCache(RedisPool::Options connection, std::string key_prefix);
  ~RedisCache() override;

  RedisCache(const RedisCache&) = delete;
  RedisCache& operator=(const RedisCache&) = delete;

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override;
  absl::Status Set(const std::string& key, const std::string& value, absl::Duration ttl) override;
  absl::StatusOr<bool> SetIfAbsent(const std::string& key, const std::string& value,
                                   absl::Duration ttl) override;
  absl::Status Delete(const std::string& key) override;
  absl::StatusOr<int64_t> Increment(const std::string& key) override;
  absl::Status Ping() override;

 private:
  using ReplyPtr = RedisPool::ReplyPtr;

  // Runs one command on a pooled connection. Error replies become statuses.
  absl::StatusOr<ReplyPtr> Command(const std::vector<absl::string_view>& args);
  std::string Key(const std::string& key) const { return key_prefix_ + key; }
  absl::StatusOr<ReplyPtr> SetCommand(const std::string& key, const std::string& value,
                                      absl::Duration ttl, bool only_if_absent);

  const std::string key_prefix_;
  RedisPool pool_;
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_REDIS_CACHE_H_
