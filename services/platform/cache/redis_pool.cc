#include "services/platform/cache/redis_pool.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::cache {
namespace {

timeval TimevalOf(absl::Duration d) { return absl::ToTimeval(std::max(d, absl::Milliseconds(1))); }

}  // namespace

void RedisPool::ContextDeleter::operator()(redisContext* c) const { redisFree(c); }
void RedisPool::ReplyDeleter::operator()(redisReply* r) const { freeReplyObject(r); }

RedisPool::RedisPool(Options options, std::string unavailable_reason)
    : options_(std::move(options)), unavailable_reason_(std::move(unavailable_reason)) {}

RedisPool::~RedisPool() = default;

std::string RedisPool::Address() const { return absl::StrCat(options_.host, ":", options_.port); }

absl::Status RedisPool::Unavailable(absl::string_view message) const {
  return Error(absl::StatusCode::kUnavailable, unavailable_reason_, message);
}

absl::StatusOr<RedisPool::ReplyPtr> RedisPool::Command(const std::vector<absl::string_view>& args) {
  absl::StatusOr<ContextPtr> context = Acquire();
  if (!context.ok()) return context.status();
  absl::StatusOr<ReplyPtr> reply = Send(context->get(), args);
  if (!reply.ok()) {
    ConnectionLost(reply.status().message());
    return reply.status();
  }
  Release(*std::move(context));
  return reply;
}

absl::StatusOr<RedisPool::ReplyPtr> RedisPool::Send(redisContext* context,
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
  if (reply == nullptr) return Unavailable(absl::StrCat("redis I/O error: ", context->errstr));
  return ReplyPtr(static_cast<redisReply*>(reply));
}

absl::StatusOr<RedisPool::ContextPtr> RedisPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      ContextPtr context = std::move(idle_.back());
      idle_.pop_back();
      return context;
    }
    if (absl::Now() < down_until_) return Unavailable("redis is unreachable");
  }
  absl::StatusOr<ContextPtr> context = Connect();
  absl::MutexLock lock(&mu_);
  if (!context.ok()) {
    down_until_ = absl::Now() + options_.reconnect_backoff;
    if (healthy_) {
      healthy_ = false;
      log::Warn("rate-limit redis unreachable",
                          {{"error", std::string(context.status().message())}});
    }
  } else if (!healthy_) {
    healthy_ = true;
    log::Info("rate-limit redis reachable again");
  }
  return context;
}

absl::StatusOr<RedisPool::ContextPtr> RedisPool::Connect() {
  ContextPtr context(redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                             TimevalOf(options_.connect_timeout)));
  if (context == nullptr) return Unavailable("redis connect: out of memory");
  if (context->err != 0) {
    return Unavailable(absl::StrCat("redis connect to ", Address(), ": ", context->errstr));
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

void RedisPool::Release(ContextPtr context) {
  absl::MutexLock lock(&mu_);
  if (idle_.size() < options_.pool_size) idle_.push_back(std::move(context));
}

void RedisPool::ConnectionLost(absl::string_view error) {
  std::vector<ContextPtr> dropped;
  absl::MutexLock lock(&mu_);
  dropped.swap(idle_);
  if (healthy_) {
    healthy_ = false;
    log::Warn("rate-limit redis connection lost", {{"error", std::string(error)}});
  }
}

}  // namespace sisl::platform::cache
