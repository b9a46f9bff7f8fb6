// MemoryCache behaviour the cache contract cannot check on Redis: the size bound and its
// eviction order.

#include "services/platform/cache/memory_cache.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"

namespace sisl::platform::cache {
namespace {

class MemoryCacheTest : public testing::Test {
 protected:
  std::optional<std::string> Get(MemoryCache& cache, const std::string& key) {
    absl::StatusOr<std::optional<std::string>> got = cache.Get(key);
    EXPECT_TRUE(got.ok());
    return got.ok() ? *got : std::nullopt;
  }

  FakeClock clock_{absl::FromUnixSeconds(1'700'000'000)};
};

TEST_F(MemoryCacheTest, NeverHoldsMoreThanMaxEntries) {
  MemoryCache cache(/*max_entries=*/3, clock_);
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(cache.Set(absl::StrCat("k", i), "v", absl::ZeroDuration()).ok());
  EXPECT_EQ(cache.Size(), 3u);
  // The oldest writes went first.
  EXPECT_EQ(Get(cache, "k6"), std::nullopt);
  EXPECT_EQ(Get(cache, "k7"), "v");
  EXPECT_EQ(Get(cache, "k9"), "v");
}

TEST_F(MemoryCacheTest, EvictsExpiredEntriesBeforeLiveOnes) {
  MemoryCache cache(/*max_entries=*/3, clock_);
  ASSERT_TRUE(cache.Set("old-live", "v", absl::ZeroDuration()).ok());
  ASSERT_TRUE(cache.Set("short", "v", absl::Seconds(1)).ok());
  ASSERT_TRUE(cache.Set("long", "v", absl::Hours(1)).ok());
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(cache.Set("new", "v", absl::ZeroDuration()).ok());
  EXPECT_EQ(Get(cache, "old-live"), "v");
  EXPECT_EQ(Get(cache, "long"), "v");
  EXPECT_EQ(Get(cache, "new"), "v");
  EXPECT_EQ(cache.Size(), 3u);
}

TEST_F(MemoryCacheTest, RewritingAKeyMakesItTheNewest) {
  MemoryCache cache(/*max_entries=*/2, clock_);
  ASSERT_TRUE(cache.Set("a", "1", absl::ZeroDuration()).ok());
  ASSERT_TRUE(cache.Set("b", "1", absl::ZeroDuration()).ok());
  ASSERT_TRUE(cache.Set("a", "2", absl::ZeroDuration()).ok());
  ASSERT_TRUE(cache.Set("c", "1", absl::ZeroDuration()).ok());
  EXPECT_EQ(Get(cache, "a"), "2");
  EXPECT_EQ(Get(cache, "b"), std::nullopt);
  EXPECT_EQ(Get(cache, "c"), "1");
}

TEST_F(MemoryCacheTest, RewritingChangesTheExpiry) {
  MemoryCache cache(/*max_entries=*/10, clock_);
  ASSERT_TRUE(cache.Set("k", "1", absl::Seconds(1)).ok());
  ASSERT_TRUE(cache.Set("k", "2", absl::ZeroDuration()).ok());
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Get(cache, "k"), "2");
  ASSERT_TRUE(cache.Set("k", "3", absl::Seconds(1)).ok());
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Get(cache, "k"), std::nullopt);
  EXPECT_EQ(cache.Size(), 0u);
}

TEST_F(MemoryCacheTest, IncrementRejectsOverflow) {
  MemoryCache cache(/*max_entries=*/10, clock_);
  ASSERT_TRUE(cache.Set("k", "9223372036854775807", absl::ZeroDuration()).ok());
  EXPECT_EQ(cache.Increment("k").status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace sisl::platform::cache
