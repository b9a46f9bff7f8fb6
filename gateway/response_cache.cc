#include "gateway/response_cache.h"

#include "absl/hash/hash.h"

namespace sisl::gateway {

ResponseCache::Shard& ResponseCache::ShardFor(const std::string& key) {
  return shards_[absl::Hash<std::string>{}(key) % kShards];
}

std::optional<std::string> ResponseCache::Get(const std::string& key, absl::Time now) {
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.entries.find(key);
  if (it == shard.entries.end()) return std::nullopt;
  if (it->second.expires <= now) {
    shard.entries.erase(it);
    return std::nullopt;
  }
  return it->second.body;
}

void ResponseCache::Put(const std::string& key, std::string body, absl::Time expires,
                        absl::Time now) {
  Shard& shard = ShardFor(key);
  absl::MutexLock lock(&shard.mu);
  if (shard.entries.size() >= max_per_shard_) {
    absl::erase_if(shard.entries, [now](const auto& kv) { return kv.second.expires <= now; });
    if (shard.entries.size() >= max_per_shard_) shard.entries.clear();
  }
  shard.entries[key] = Entry{std::move(body), expires};
}

}  // namespace sisl::gateway
