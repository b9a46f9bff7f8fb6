// The Cache contract, run against the adapter named by SISL_CACHE_ADAPTER (memory | redis).
// The Redis variant needs SISL_TEST_REDIS=host:port (deploy/infra.sh up; . .run/infra/env).

#include <hiredis/hiredis.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/cache/cache.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/cache/redis_cache.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "tests/contract/contract_env.h"

namespace sisl::platform::cache {
namespace {

using ::sisl::testing_env::IsOk;
std::string Adapter() { return testing_env::EnvOr("SISL_CACHE_ADAPTER", "memory"); }

struct CacheUnderTest {
  std::unique_ptr<FakeClock> clock;  // memory only; outlives the cache
  std::unique_ptr<Cache> cache;
  // Lets `d` pass: moves the fake clock, or nothing where real time runs (then tests poll).
  std::function<void(absl::Duration)> advance;
};

absl::StatusOr<RedisCache::Options> RedisOptionsFromEnv() {
  const std::string address = testing_env::EnvOr("SISL_TEST_REDIS", "");
  std::pair<std::string, std::string> host_port = absl::StrSplit(address, absl::MaxSplits(':', 1));
  RedisCache::Options options;
  if (address.empty() || !absl::SimpleAtoi(host_port.second, &options.port)) {
    return absl::FailedPreconditionError(
        "SISL_CACHE_ADAPTER=redis needs SISL_TEST_REDIS=host:port of a running Redis "
        "(run deploy/infra.sh up, then source .run/infra/env)");
  }
  options.host = host_port.first;
  options.key_prefix = "sisl:contract-test:";
  return options;
}

absl::StatusOr<CacheUnderTest> MakeCache(const std::string& adapter) {
  if (adapter == "memory") {
    CacheUnderTest t;
    t.clock = std::make_unique<FakeClock>(absl::FromUnixSeconds(1'700'000'000));
    t.cache = std::make_unique<MemoryCache>(MemoryCache::kDefaultMaxEntries, *t.clock);
    t.advance = [clock = t.clock.get()](absl::Duration d) { clock->Advance(d); };
    return t;
  }
  if (adapter == "redis") {
    absl::StatusOr<RedisCache::Options> options = RedisOptionsFromEnv();
    if (!options.ok()) return options.status();
    return CacheUnderTest{nullptr, std::make_unique<RedisCache>(*options), [](absl::Duration) {}};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown SISL_CACHE_ADAPTER '", adapter, "' (expected memory or redis)"));
}

class CacheContractTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    absl::StatusOr<CacheUnderTest> made = MakeCache(GetParam());
    ASSERT_TRUE(made.ok()) << made.status();
    t_ = *std::move(made);
  }

  Cache& cache() { return *t_.cache; }
  static std::string NewKey() { return absl::StrCat("key-", NewUuidV7()); }

  // Lets `ttl` (plus a margin) pass, then polls for up to 2 s until `key` is gone.
  bool ExpiresSoon(const std::string& key, absl::Duration ttl) {
    t_.advance(ttl + absl::Milliseconds(10));
    const absl::Time deadline = absl::Now() + absl::Seconds(2);
    while (true) {
      absl::StatusOr<std::optional<std::string>> got = cache().Get(key);
      if (got.ok() && !got->has_value()) return true;
      if (absl::Now() >= deadline) return false;
      absl::SleepFor(absl::Milliseconds(10));
    }
  }

  std::optional<std::string> GetOk(const std::string& key) {
    absl::StatusOr<std::optional<std::string>> got = cache().Get(key);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : std::nullopt;
  }

  CacheUnderTest t_;
};

constexpr absl::Duration kShortTtl = absl::Milliseconds(300);

TEST_P(CacheContractTest, PingSucceeds) {
  const absl::Status status = cache().Ping();
  EXPECT_TRUE(status.ok()) << status;
}

TEST_P(CacheContractTest, GetMissesThenReturnsWhatWasSet) {
  const std::string key = NewKey();
  EXPECT_EQ(GetOk(key), std::nullopt);
  const std::string value("va\0lue\xff", 7);
  ASSERT_TRUE(IsOk(cache().Set(key, value, absl::ZeroDuration())));
  EXPECT_EQ(GetOk(key), value);
  ASSERT_TRUE(IsOk(cache().Set(key, "second", absl::ZeroDuration())));
  EXPECT_EQ(GetOk(key), "second");
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

TEST_P(CacheContractTest, EntryExpiresAfterItsTtl) {
  const std::string key = NewKey();
  ASSERT_TRUE(IsOk(cache().Set(key, "v", kShortTtl)));
  EXPECT_EQ(GetOk(key), "v");
  EXPECT_TRUE(ExpiresSoon(key, kShortTtl));
}

TEST_P(CacheContractTest, EntryWithoutTtlStays) {
  const std::string key = NewKey();
  ASSERT_TRUE(IsOk(cache().Set(key, "v", absl::ZeroDuration())));
  t_.advance(absl::Hours(24 * 365));
  EXPECT_EQ(GetOk(key), "v");
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

TEST_P(CacheContractTest, SetIfAbsentStoresOnlyWhenAbsent) {
  const std::string key = NewKey();
  absl::StatusOr<bool> first = cache().SetIfAbsent(key, "holder-1", kShortTtl);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(*first);
  absl::StatusOr<bool> second = cache().SetIfAbsent(key, "holder-2", kShortTtl);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(*second);
  EXPECT_EQ(GetOk(key), "holder-1");
  ASSERT_TRUE(ExpiresSoon(key, kShortTtl));
  absl::StatusOr<bool> after_expiry = cache().SetIfAbsent(key, "holder-3", absl::ZeroDuration());
  ASSERT_TRUE(after_expiry.ok()) << after_expiry.status();
  EXPECT_TRUE(*after_expiry);
  ASSERT_TRUE(IsOk(cache().Delete(key)));
  absl::StatusOr<bool> after_delete = cache().SetIfAbsent(key, "holder-4", absl::ZeroDuration());
  ASSERT_TRUE(after_delete.ok()) << after_delete.status();
  EXPECT_TRUE(*after_delete);
  EXPECT_EQ(GetOk(key), "holder-4");
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

TEST_P(CacheContractTest, DeleteRemovesAndToleratesMissingKeys) {
  const std::string key = NewKey();
  ASSERT_TRUE(IsOk(cache().Set(key, "v", absl::Minutes(1))));
  ASSERT_TRUE(IsOk(cache().Delete(key)));
  EXPECT_EQ(GetOk(key), std::nullopt);
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

TEST_P(CacheContractTest, IncrementCountsFromZeroAndKeepsTtl) {
  const std::string key = NewKey();
  for (int64_t want = 1; want <= 3; ++want) {
    absl::StatusOr<int64_t> got = cache().Increment(key);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, want);
  }
  EXPECT_EQ(GetOk(key), "3");
  ASSERT_TRUE(IsOk(cache().Delete(key)));

  ASSERT_TRUE(IsOk(cache().Set(key, "41", kShortTtl)));
  absl::StatusOr<int64_t> got = cache().Increment(key);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, 42);
  EXPECT_TRUE(ExpiresSoon(key, kShortTtl));
}

TEST_P(CacheContractTest, IncrementRejectsNonIntegers) {
  const std::string key = NewKey();
  ASSERT_TRUE(IsOk(cache().Set(key, "twelve", absl::Minutes(1))));
  absl::StatusOr<int64_t> got = cache().Increment(key);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(got.status()), "CACHE_NOT_INTEGER");
  EXPECT_EQ(GetOk(key), "twelve");
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

TEST_P(CacheContractTest, ConcurrentIncrementsAreAtomic) {
  const std::string key = NewKey();
  constexpr int kThreads = 8;
  constexpr int kEach = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < kEach; ++j) failures += cache().Increment(key).ok() ? 0 : 1;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(GetOk(key), absl::StrCat(kThreads * kEach));
  EXPECT_TRUE(IsOk(cache().Delete(key)));
}

INSTANTIATE_TEST_SUITE_P(Adapter, CacheContractTest, testing::Values(Adapter()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Connection handling exists only for an adapter with a server: this suite is instantiated for
// Redis alone.
class CacheServerTest : public testing::TestWithParam<std::string> {};

TEST_P(CacheServerTest, UnreachableServerFailsFastWithUnavailable) {
  RedisCache::Options options;
  options.port = testing_env::ClosedPort();
  options.connect_timeout = absl::Milliseconds(500);
  options.command_timeout = absl::Milliseconds(500);
  RedisCache cache(options);
  const absl::Time start = absl::Now();
  std::vector<absl::Status> statuses = {cache.Get("k").status(),
                                        cache.Set("k", "v", absl::Seconds(1)),
                                        cache.SetIfAbsent("k", "v", absl::Seconds(1)).status(),
                                        cache.Delete("k"),
                                        cache.Increment("k").status(),
                                        cache.Ping()};
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  for (const absl::Status& status : statuses) {
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    EXPECT_EQ(ErrorReason(status), "CACHE_UNAVAILABLE") << status;
  }
}

// Sends one command on a separate connection, as an operator would.
std::string AdminCommand(const RedisCache::Options& options, const std::string& command) {
  redisContext* admin = redisConnect(options.host.c_str(), options.port);
  std::string result;
  if (admin != nullptr && admin->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(admin, command.c_str()));
    if (reply != nullptr && reply->str != nullptr) result.assign(reply->str, reply->len);
    if (reply != nullptr && reply->type == REDIS_REPLY_INTEGER)
      result = absl::StrCat(reply->integer);
    freeReplyObject(reply);
  }
  redisFree(admin);
  return result;
}

TEST_P(CacheServerTest, ReconnectsAfterTheServerDropsTheConnection) {
  absl::StatusOr<RedisCache::Options> options = RedisOptionsFromEnv();
  ASSERT_TRUE(options.ok()) << options.status();
  options->client_name = absl::StrCat("sisl-contract-", NewUuidV7());
  RedisCache cache(*options);
  const std::string key = NewUuidV7();
  ASSERT_TRUE(IsOk(cache.Set(key, "v", absl::Minutes(1))));

  // The server closes the cache's connection (and no other client's).
  int killed = 0;
  for (absl::string_view line : absl::StrSplit(AdminCommand(*options, "CLIENT LIST"), '\n')) {
    if (!absl::StrContains(line, absl::StrCat(" name=", options->client_name, " "))) continue;
    absl::string_view id = line.substr(3, line.find(' ') - 3);  // "id=<n> addr=..."
    killed += AdminCommand(*options, absl::StrCat("CLIENT KILL ID ", id)) == "1";
  }
  ASSERT_EQ(killed, 1);

  // The first call may hit the dead connection; the next one reconnects.
  (void)cache.Get(key);
  absl::StatusOr<std::optional<std::string>> got = cache.Get(key);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, "v");
  EXPECT_TRUE(IsOk(cache.Delete(key)));
}

std::vector<std::string> AdaptersWithServers() {
  return Adapter() == "redis" ? std::vector<std::string>{"redis"} : std::vector<std::string>{};
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CacheServerTest);
INSTANTIATE_TEST_SUITE_P(Adapter, CacheServerTest, testing::ValuesIn(AdaptersWithServers()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace sisl::platform::cache
