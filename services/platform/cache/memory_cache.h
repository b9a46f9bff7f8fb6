#ifndef SISL_PLATFORM_CACHE_MEMORY_CACHE_H_
#define SISL_PLATFORM_CACHE_MEMORY_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"

namespace sisl::platform::cache {

// The embedded-mode cache: a thread-safe map with per-entry expiry read from an injectable clock
// and a bound on the number of entries. When full, it first drops expired entries, then the
// least recently written ones. Every operation is O(log n).
class MemoryCache final : public Cache {
 public:
  static constexpr size_t kDefaultMaxEntries = 100'000;

  explicit MemoryCache(size_t max_entries = kDefaultMaxEntries,
                       const Clock& clock = SystemClock::Get());

  MemoryCache(const MemoryCache&) = delete;
  MemoryCache& operator=(const MemoryCache&) = delete;

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override;
  absl::Status Set(const std::string& key, const std::string& value, absl::Duration ttl) override;
  absl::StatusOr<bool> SetIfAbsent(const std::string& key, const std::string& value,
                                   absl::Duration ttl) override;
  absl::Status Delete(const std::string& key) override;
  absl::StatusOr<int64_t> Increment(const std::string& key) override;
  absl::Status Ping() override;

  // Stored entries, including expired ones not purged yet (for tests and metrics).
  size_t Size() const;

 private:
  struct Entry {
    std::string value;
    absl::Time expires_at;                   // absl::InfiniteFuture() when the entry has no TTL
    std::list<std::string>::iterator order;  // position in write_order_
    std::multimap<absl::Time, std::string>::iterator expiry;  // position in expiry_
  };

  // All with mu_ held.
  Entry* FindLive(const std::string& key, absl::Time now);
  void Store(const std::string& key, const std::string& value, absl::Time expires_at,
             absl::Time now);
  void Erase(const std::string& key);
  void Erase(absl::flat_hash_map<std::string, Entry>::iterator it);
  void MakeRoom(absl::Time now);

  const size_t max_entries_;
  const Clock& clock_;
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_;
  std::list<std::string> write_order_;             // oldest write first
  std::multimap<absl::Time, std::string> expiry_;  // soonest expiry first
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_MEMORY_CACHE_H_
