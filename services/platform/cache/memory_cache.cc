#include "services/platform/cache/memory_cache.h"

#include <algorithm>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::platform::cache {
namespace {

absl::Time ExpiresAt(absl::Time now, absl::Duration ttl) {
  return ttl > absl::ZeroDuration() ? now + ttl : absl::InfiniteFuture();
}

}  // namespace

MemoryCache::MemoryCache(size_t max_entries, const Clock& clock)
    : max_entries_(std::max<size_t>(max_entries, 1)), clock_(clock) {}

absl::StatusOr<std::optional<std::string>> MemoryCache::Get(const std::string& key) {
  absl::MutexLock lock(&mu_);
  Entry* entry = FindLive(key, clock_.Now());
  if (entry == nullptr) return std::nullopt;
  return entry->value;
}

absl::Status MemoryCache::Set(const std::string& key, const std::string& value,
                              absl::Duration ttl) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  Store(key, value, ExpiresAt(now, ttl), now);
  return absl::OkStatus();
}

absl::StatusOr<bool> MemoryCache::SetIfAbsent(const std::string& key, const std::string& value,
                                              absl::Duration ttl) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  if (FindLive(key, now) != nullptr) return false;
  Store(key, value, ExpiresAt(now, ttl), now);
  return true;
}

absl::Status MemoryCache::Delete(const std::string& key) {
  absl::MutexLock lock(&mu_);
  Erase(key);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> MemoryCache::Increment(const std::string& key) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  Entry* entry = FindLive(key, now);
  if (entry == nullptr) {
    Store(key, "1", absl::InfiniteFuture(), now);
    return 1;
  }
  int64_t value = 0;
  if (!absl::SimpleAtoi(entry->value, &value) || value == std::numeric_limits<int64_t>::max()) {
    return Error(absl::StatusCode::kFailedPrecondition, "CACHE_NOT_INTEGER",
                 "the cached value is not an integer or would overflow");
  }
  // Like Redis INCR: the entry keeps its expiry.
  entry->value = absl::StrCat(++value);
  return value;
}

absl::Status MemoryCache::Ping() { return absl::OkStatus(); }

size_t MemoryCache::Size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

MemoryCache::Entry* MemoryCache::FindLive(const std::string& key, absl::Time now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (now >= it->second.expires_at) {
    Erase(it);
    return nullptr;
  }
  return &it->second;
}

void MemoryCache::Store(const std::string& key, const std::string& value, absl::Time expires_at,
                        absl::Time now) {
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    Entry& entry = it->second;
    entry.value = value;
    if (entry.expires_at != expires_at) {
      expiry_.erase(entry.expiry);
      entry.expiry = expiry_.emplace(expires_at, key);
      entry.expires_at = expires_at;
    }
    write_order_.splice(write_order_.end(), write_order_, entry.order);
    return;
  }
  MakeRoom(now);
  auto order = write_order_.insert(write_order_.end(), key);
  auto expiry = expiry_.emplace(expires_at, key);
  entries_.emplace(key, Entry{value, expires_at, order, expiry});
}

void MemoryCache::Erase(const std::string& key) {
  auto it = entries_.find(key);
  if (it != entries_.end()) Erase(it);
}

void MemoryCache::Erase(absl::flat_hash_map<std::string, Entry>::iterator it) {
  write_order_.erase(it->second.order);
  expiry_.erase(it->second.expiry);
  entries_.erase(it);
}

void MemoryCache::MakeRoom(absl::Time now) {
  // Expired entries go first (each is removed once, so this is amortised O(log n)).
  while (!expiry_.empty() && expiry_.begin()->first <= now) {
    const std::string expired = expiry_.begin()->second;
    Erase(expired);
  }
  while (entries_.size() >= max_entries_) {
    const std::string oldest = write_order_.front();
    Erase(oldest);
  }
}

}  // namespace sisl::platform::cache
