#include "services/platform/cache/redis_cache.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::cache {
namespace {

timeval TimevalOf(absl::Duration d) { return absl::ToTimeval(std::max(d, absl::Milliseconds(1))); }

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

void RedisCache::ContextDeleter::operator()(redisContext* c) const { redisFree(c); }
void RedisCache::ReplyDeleter::operator()(redisReply* r) const { freeReplyObject(r); }

RedisCache::RedisCache(Options options) : options_(std::move(options)) {}

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
  absl::StatusOr<ContextPtr> context = Acquire();
  if (!context.ok()) return context.status();
  absl::StatusOr<ReplyPtr> reply = Send(context->get(), args);
  if (!reply.ok()) {
    ConnectionLost(reply.status().message());
    return reply.status();
  }
  Release(*std::move(context));
  if ((*reply)->type == REDIS_REPLY_ERROR) {
    return ErrorReply(absl::string_view((*reply)->str, (*reply)->len));
  }
  return reply;
}

absl::StatusOr<RedisCache::ReplyPtr> RedisCache::Send(redisContext* context,
                                                      const std::vector<absl::string_view>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (absl::string_view arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  void* reply =
      redisCommandArgv(context, static_cast<int>(args.size()), argv.data(), lengths.data());
  if (reply == nullptr) {
    return Unavailable(absl::StrCat("redis I/O error: ", context->errstr));
  }
  return ReplyPtr(static_cast<redisReply*>(reply));
}

absl::StatusOr<RedisCache::ContextPtr> RedisCache::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      ContextPtr context = std::move(idle_.back());
      idle_.pop_back();
      return context;
    }
    if (absl::Now() < down_until_) return Unavailable("redis is unreachable");
  }
  absl::StatusOr<ContextPtr> context = Connect();
  std::lock_guard lock(mu_);
  if (!context.ok()) {
    down_until_ = absl::Now() + options_.reconnect_backoff;
    if (healthy_) {
      healthy_ = false;
      log::Warn("redis unreachable", {{"error", std::string(context.status().message())}});
    }
  } else if (!healthy_) {
    healthy_ = true;
    log::Info("redis reachable again");
  }
  return context;
}

absl::StatusOr<RedisCache::ContextPtr> RedisCache::Connect() {
  ContextPtr context(redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                             TimevalOf(options_.connect_timeout)));
  if (context == nullptr) return Unavailable("redis connect: out of memory");
  if (context->err != 0) {
    return Unavailable(absl::StrCat("redis connect to ", options_.host, ":", options_.port, ": ",
                                    context->errstr));
  }
  if (redisSetTimeout(context.get(), TimevalOf(options_.command_timeout)) != REDIS_OK) {
    return Unavailable(absl::StrCat("redis set timeout: ", context->errstr));
  }
  std::vector<std::vector<absl::string_view>> handshake;
  const std::string db = absl::StrCat(options_.db);
  if (options_.password.has_value()) handshake.push_back({"AUTH", *options_.password});
  if (options_.db != 0) handshake.push_back({"SELECT", db});
  if (!options_.client_name.empty()) {
    handshake.push_back({"CLIENT", "SETNAME", options_.client_name});
  }
  for (const std::vector<absl::string_view>& args : handshake) {
    absl::StatusOr<ReplyPtr> reply = Send(context.get(), args);
    if (!reply.ok()) return reply.status();
    if ((*reply)->type == REDIS_REPLY_ERROR) {
      return Unavailable(absl::StrCat("redis ", args.front(), ": ",
                                      absl::string_view((*reply)->str, (*reply)->len)));
    }
  }
  return context;
}

void RedisCache::Release(ContextPtr context) {
  std::lock_guard lock(mu_);
  if (idle_.size() < options_.pool_size) idle_.push_back(std::move(context));
}

void RedisCache::ConnectionLost(absl::string_view error) {
  std::vector<ContextPtr> dropped;
  {
    std::lock_guard lock(mu_);
    dropped.swap(idle_);
    if (healthy_) {
      healthy_ = false;
      log::Warn("redis connection lost", {{"error", std::string(error)}});
    }
  }
}

}  // namespace sisl::platform::cache
