#include "gateway/ratelimit/redis_rate_limiter.h"

#include <hiredis/hiredis.h>
#include <openssl/sha.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::ratelimit {
namespace {

// KEYS: the buckets; ARGV: rate, burst, cost per bucket. Returns {allowed (0/1), retry
// microseconds, remaining tokens (string), index (1-based) of the refusing bucket or 0}.
// Same arithmetic as TokenBucket. Refusals write nothing: the stored state stays valid.
constexpr char kScript[] = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local n = #KEYS
local tokens, stamps = {}, {}
local allowed, retry, limited = 1, 0, 0
local remaining = -1
for i = 1, n do
  local rate, burst, cost = tonumber(ARGV[3*i-2]), tonumber(ARGV[3*i-1]), tonumber(ARGV[3*i])
  local s = redis.call('HMGET', KEYS[i], 't', 'ts')
  local tk, ts = tonumber(s[1]), tonumber(s[2])
  if tk == nil or ts == nil then tk, ts = burst, now end
  if now > ts then
    tk = math.min(burst, tk + (now - ts) * rate / 1000000)
    ts = now
  end
  tokens[i], stamps[i] = tk, ts
  if tk + 1e-9 < cost then
    allowed = 0
    local wait = math.ceil((cost - tk) * 1000000 / rate)
    if wait > retry then retry, limited = wait, i end
  end
end
for i = 1, n do
  local rate, burst, cost = tonumber(ARGV[3*i-2]), tonumber(ARGV[3*i-1]), tonumber(ARGV[3*i])
  local tk = tokens[i]
  if allowed == 1 then
    tk = math.max(0, tk - cost)
    local ttl = math.ceil((burst - tk) * 1000 / rate) + 1000
    redis.call('HSET', KEYS[i], 't', string.format('%.17g', tk),
               'ts', string.format('%d', stamps[i]))
    redis.call('PEXPIRE', KEYS[i], string.format('%d', ttl))
  end
  if remaining < 0 or tk < remaining then remaining = tk end
end
if remaining < 0 then remaining = 0 end
return {allowed, retry, string.format('%.17g', remaining), limited}
)lua";

std::string Sha1Hex(absl::string_view text) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::Status Failed(absl::string_view message) {
  return platform::Error(absl::StatusCode::kInternal, "RATE_LIMIT_FAILED", message);
}

absl::StatusOr<Decision> ParseReply(const redisReply& r) {
  if (r.type != REDIS_REPLY_ARRAY || r.elements != 4 || r.element[0]->type != REDIS_REPLY_INTEGER ||
      r.element[1]->type != REDIS_REPLY_INTEGER || r.element[2]->type != REDIS_REPLY_STRING ||
      r.element[3]->type != REDIS_REPLY_INTEGER) {
    return Failed("unexpected reply from the rate-limit script");
  }
  Decision d;
  d.allowed = r.element[0]->integer == 1;
  d.retry_after = absl::Microseconds(r.element[1]->integer);
  if (!absl::SimpleAtod(absl::string_view(r.element[2]->str, r.element[2]->len), &d.remaining)) {
    return Failed("unreadable token count from the rate-limit script");
  }
  d.limited_by = static_cast<int>(r.element[3]->integer) - 1;
  return d;
}

}  // namespace

const char* RedisRateLimiter::Script() { return kScript; }

RedisRateLimiter::RedisRateLimiter(Options options)
    : key_prefix_(std::move(options.key_prefix)),
      sha_(Sha1Hex(kScript)),
      pool_(std::move(options.redis), "RATE_LIMIT_UNAVAILABLE") {}

absl::StatusOr<Decision> RedisRateLimiter::Take(const std::string& key, const BucketSpec& spec,
                                                int cost) {
  return TakeAll({BucketRequest{key, spec, cost}});
}

absl::StatusOr<Decision> RedisRateLimiter::TakeAll(const std::vector<BucketRequest>& buckets) {
  if (buckets.empty()) return Decision{.allowed = true};
  for (const BucketRequest& b : buckets) {
    RETURN_IF_ERROR(ValidateBucket(b.spec, b.cost));
  }
  // Strings the argument views point into.
  std::vector<std::string> owned;
  owned.reserve(buckets.size() * 4 + 1);
  owned.push_back(absl::StrCat(buckets.size()));
  for (const BucketRequest& b : buckets) owned.push_back(absl::StrCat(key_prefix_, b.key));
  for (const BucketRequest& b : buckets) {
    owned.push_back(absl::StrFormat("%.17g", b.spec.rate_per_second));
    owned.push_back(absl::StrCat(b.spec.burst));
    owned.push_back(absl::StrCat(b.cost));
  }
  std::vector<absl::string_view> args = {"EVALSHA", sha_};
  args.insert(args.end(), owned.begin(), owned.end());
  auto reply = pool_.Command(args);
  if (reply.ok() && (*reply)->type == REDIS_REPLY_ERROR &&
      absl::StartsWith(absl::string_view((*reply)->str, (*reply)->len), "NOSCRIPT")) {
    args[0] = "EVAL";
    args[1] = kScript;
    reply = pool_.Command(args);
  }
  ASSIGN_OR_RETURN(const platform::cache::RedisPool::ReplyPtr answer, std::move(reply));
  if (answer->type == REDIS_REPLY_ERROR) {
    const absl::string_view error(answer->str, answer->len);
    for (absl::string_view transient : {"LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "NOAUTH"}) {
      if (absl::StartsWith(error, transient)) {
        return platform::Error(absl::StatusCode::kUnavailable, "RATE_LIMIT_UNAVAILABLE",
                               absl::StrCat("redis: ", error));
      }
    }
    return Failed(absl::StrCat("redis: ", error));
  }
  return ParseReply(*answer);
}

}  // namespace sisl::gateway::ratelimit
