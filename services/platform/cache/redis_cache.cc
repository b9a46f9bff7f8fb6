#include "services/platform/cache/redis_cache.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::platform::cache {
namespace {

absl::Status Unavailable(absl::string_view message) {
  return Error(absl::StatusCode::kUnavailable, "CACHE_UNAVAILABLE", message);
}

// Maps a Redis error reply ("-ERR ...") to a status.
absl::Status ErrorReply(absl::string_view error) {
  if (absl::StrContains(error, "not an integer")) {
    return Error(absl::StatusCode::kFailedPrecondition, "CACHE_NOT_INTEGER",
                 "the cached value is not an integer or would overflow");
  }
  for (absl::string_view transient : {"LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "NOAUTH"}) {
    if (absl::StartsWith(error, transient)) return Unavailable(absl::StrCat("redis: ", error));
  }
  return Error(absl::StatusCode::kInternal, "CACHE_COMMAND_FAILED", absl::StrCat("redis: ", error));
}

absl::Status UnexpectedReply(int type) {
  return Error(absl::StatusCode::kInternal, "CACHE_PROTOCOL_ERROR",
               absl::StrCat("unexpected redis reply type ", type));
}

}  // namespace

namespace {

RedisPool::Options PoolOptions(const RedisCache::Options& o) {
  RedisPool::Options p;
  p.host = o.host;
  p.port = o.port;
  p.connect_timeout = o.connect_timeout;
  p.command_timeout = o.command_timeout;
  p.password = o.password;
  p.db = o.db;
  p.client_name = o.client_name;
  p.pool_size = o.pool_size;
  p.reconnect_backoff = o.reconnect_backoff;
  return p;
}

}  // namespace

RedisCache::RedisCache(Options options)
    : RedisCache(PoolOptions(options), std::move(options.key_prefix)) {}

RedisCache::RedisCache(RedisPool::Options connection, std::string key_prefix)
    : key_prefix_(std::move(key_prefix)), pool_(std::move(connection), "CACHE_UNAVAILABLE") {}

RedisCache::~RedisCache() = default;

absl::StatusOr<std::optional<std::string>> RedisCache::Get(const std::string& key) {
  absl::StatusOr<ReplyPtr> reply = Command({"GET", Key(key)});
  if (!reply.ok()) return reply.status();
  if ((*reply)->type == REDIS_REPLY_NIL) return std::nullopt;
  if ((*reply)->type != REDIS_REPLY_STRING) return UnexpectedReply((*reply)->type);
  return std::string((*reply)->str, (*reply)->len);
}

absl::Status RedisCache::Set(const std::string& key, const std::string& value, absl::Duration ttl) {
  return SetCommand(key, value, ttl, /*only_if_absent=*/false).status();
}

absl::StatusOr<bool> RedisCache::SetIfAbsent(const std::string& key, const std::string& value,
                                             absl::Duration ttl) {
  absl::StatusOr<ReplyPtr> reply = SetCommand(key, value, ttl, /*only_if_absent=*/true);
  if (!reply.ok()) return reply.status();
  return (*reply)->type != REDIS_REPLY_NIL;
}

absl::Status RedisCache::Delete(const std::string& key) {
  return Command({"DEL", Key(key)}).status();
}

absl::StatusOr<int64_t> RedisCache::Increment(const std::string& key) {
  absl::StatusOr<ReplyPtr> reply = Command({"INCR", Key(key)});
  if (!reply.ok()) return reply.status();
  if ((*reply)->type != REDIS_REPLY_INTEGER) return UnexpectedReply((*reply)->type);
  return static_cast<int64_t>((*reply)->integer);
}

absl::Status RedisCache::Ping() { return Command({"PING"}).status(); }

absl::StatusOr<RedisCache::ReplyPtr> RedisCache::SetCommand(const std::string& key,
                                                            const std::string& value,
                                                            absl::Duration ttl,
                                                            bool only_if_absent) {
  const std::string full_key = Key(key);
  std::vector<absl::string_view> args = {"SET", full_key, value};
  if (only_if_absent) args.push_back("NX");
  std::string millis;
  if (ttl > absl::ZeroDuration()) {
    // Rounded up: a positive TTL never becomes "no expiry" or an invalid PX 0.
    millis = absl::StrCat(
        std::max<int64_t>(1, absl::ToInt64Milliseconds(absl::Ceil(ttl, absl::Milliseconds(1)))));
    args.push_back("PX");
    args.push_back(millis);
  }
  absl::StatusOr<ReplyPtr> reply = Command(args);
  if (!reply.ok()) return reply;
  const int type = (*reply)->type;
  if (type != REDIS_REPLY_STATUS && !(only_if_absent && type == REDIS_REPLY_NIL)) {
    return UnexpectedReply(type);
  }
  return reply;
}

absl::StatusOr<RedisCache::ReplyPtr> RedisCache::Command(
    const std::vector<absl::string_view>& args) {
  absl::StatusOr<ReplyPtr> reply = pool_.Command(args);
  if (!reply.ok()) return reply;
  if ((*reply)->type == REDIS_REPLY_ERROR) {
    return ErrorReply(absl::string_view((*reply)->str, (*reply)->len));
  }
  return reply;
}

}  // namespace sisl::platform::cache
