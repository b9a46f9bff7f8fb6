#ifndef SISL_PLATFORM_CACHE_MEMORY_CACHE_H_
#define SISL_PLATFORM_CACHE_MEMORY_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
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

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Set(const std::string& key, const std::string& value, absl::Duration ttl) override
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<bool> SetIfAbsent(const std::string& key, const std::string& value,
                                   absl::Duration ttl) override ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Delete(const std::string& key) override ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<int64_t> Increment(const std::string& key) override ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Ping() override;

  // Stored entries, including expired ones not purged yet (for tests and metrics).
  size_t Size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Entry {
    std::string value;
    absl::Time expires_at;                   // absl::InfiniteFuture() when the entry has no TTL
    std::list<std::string>::iterator order;  // position in write_order_
    std::multimap<absl::Time, std::string>::iterator expiry;  // position in expiry_
  };

  Entry* FindLive(const std::string& key, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Store(const std::string& key, const std::string& value, absl::Time expires_at,
             absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Erase(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Erase(absl::flat_hash_map<std::string, Entry>::iterator it)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void MakeRoom(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_entries_;
  const Clock& clock_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::list<std::string> write_order_ ABSL_GUARDED_BY(mu_);             // oldest write first
  std::multimap<absl::Time, std::string> expiry_ ABSL_GUARDED_BY(mu_);  // soonest expiry first
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_MEMORY_CACHE_H_
