#ifndef SISL_PLATFORM_CACHE_CACHE_H_
#define SISL_PLATFORM_CACHE_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::platform::cache {

// The cache port. Adapters: Redis (hiredis) and in-memory. A cache is never the source of truth:
// callers treat any error (UNAVAILABLE when Redis is down) as a miss and go to the store.
class Cache {
 public:
  virtual ~Cache() = default;

  // nullopt on a miss.
  virtual absl::StatusOr<std::optional<std::string>> Get(const std::string& key) = 0;
  // ttl > 0: the entry expires after it.
  virtual absl::Status Set(const std::string& key, const std::string& value,
                           absl::Duration ttl) = 0;
  // Stores only when the key is absent (for holds); true if stored.
  virtual absl::StatusOr<bool> SetIfAbsent(const std::string& key, const std::string& value,
                                           absl::Duration ttl) = 0;
  virtual absl::Status Delete(const std::string& key) = 0;
  // Atomically adds one to an integer entry (absent counts as 0) and returns the new value.
  virtual absl::StatusOr<int64_t> Increment(const std::string& key) = 0;
  virtual absl::Status Ping() = 0;
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_CACHE_H_
