#ifndef SISL_GATEWAY_RESPONSE_CACHE_H_
#define SISL_GATEWAY_RESPONSE_CACHE_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sisl::gateway {

// A small per-process cache of rendered responses to public reads whose route declares
// cache_seconds (availability, offices, catalogue): the answer is the same for every caller, so a
// burst of identical searches costs one upstream call per key and period. Sharded by key hash;
// bounded (a full shard drops its expired entries, then everything, before inserting).
class ResponseCache final {
 public:
  explicit ResponseCache(size_t max_entries = 20000) : max_per_shard_(max_entries / kShards + 1) {}

  std::optional<std::string> Get(const std::string& key, absl::Time now);
  void Put(const std::string& key, std::string body, absl::Time expires, absl::Time now);

 private:
  static constexpr size_t kShards = 16;
  struct Entry {
    std::string body;
    absl::Time expires;
  };
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, Entry> entries ABSL_GUARDED_BY(mu);
  };
  Shard& ShardFor(const std::string& key);
  const size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_RESPONSE_CACHE_H_
