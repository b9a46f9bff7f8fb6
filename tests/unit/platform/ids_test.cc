// UUIDv7: shape, version and variant bits, embedded time, and strict ordering within one process
// (also within one millisecond and when the clock goes backwards).
//
// The generator is process-wide, so tests that check embedded timestamps use fake times far after
// anything else in this binary; the other tests only rely on ordering.

#include "services/platform/ids.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"

namespace sisl::platform {
namespace {

// 2200-01-01; later than any real clock in the life of this code.
const absl::Time kFarFuture = absl::FromUnixSeconds(7258118400);

int64_t EmbeddedMillis(const std::string& id) {
  const std::string hex = absl::StrReplaceAll(id, {{"-", ""}}).substr(0, 12);
  uint64_t ms = 0;
  EXPECT_TRUE(absl::SimpleHexAtoi(hex, &ms)) << id;
  return static_cast<int64_t>(ms);
}

void ExpectV7Shape(const std::string& id) {
  ASSERT_EQ(id.size(), 36u) << id;
  EXPECT_TRUE(IsUuid(id)) << id;
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[13], '-');
  EXPECT_EQ(id[18], '-');
  EXPECT_EQ(id[23], '-');
  EXPECT_EQ(id[14], '7') << "version nibble: " << id;
  // Variant 10xx: the first hex digit of the fourth group is 8, 9, a or b.
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << "variant: " << id;
}

TEST(UuidV7Test, HasCanonicalV7Shape) {
  for (int i = 0; i < 200; ++i) ExpectV7Shape(NewUuidV7());
}

TEST(UuidV7Test, EmbedsTheClockTimeInMilliseconds) {
  FakeClock clock(kFarFuture + absl::Hours(1) + absl::Milliseconds(123));
  const std::string id = NewUuidV7(clock);
  ExpectV7Shape(id);
  EXPECT_EQ(EmbeddedMillis(id), absl::ToUnixMillis(clock.Now()));
  // A later millisecond is carried as such, not folded into the counter.
  clock.Advance(absl::Milliseconds(7));
  EXPECT_EQ(EmbeddedMillis(NewUuidV7(clock)), absl::ToUnixMillis(clock.Now()));
}

TEST(UuidV7Test, TenThousandIdsInATightLoopAreStrictlyIncreasing) {
  std::vector<std::string> ids;
  ids.reserve(10000);
  for (int i = 0; i < 10000; ++i) ids.push_back(NewUuidV7());
  for (size_t i = 1; i < ids.size(); ++i) {
    ASSERT_LT(ids[i - 1], ids[i]) << "at " << i;
  }
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  for (const auto& id : ids) ASSERT_EQ(id[14], '7') << id;
}

TEST(UuidV7Test, StaysOrderedWhenManyIdsShareOneMillisecond) {
  // A frozen clock forces the 12-bit counter to overflow several times.
  FakeClock clock(kFarFuture);
  std::string previous = NewUuidV7(clock);
  const int64_t first_ms = EmbeddedMillis(previous);
  for (int i = 0; i < 10000; ++i) {
    std::string next = NewUuidV7(clock);
    ASSERT_LT(previous, next) << "at " << i;
    ASSERT_EQ(next[14], '7') << next;
    ASSERT_NE(std::string("89ab").find(next[19]), std::string::npos) << next;
    previous = std::move(next);
  }
  // Overflow borrows at most a few milliseconds from the future, never goes back.
  // (The first id may already sit later than kFarFuture if another test ran at a later time.)
  EXPECT_GE(first_ms, absl::ToUnixMillis(kFarFuture));
  EXPECT_GT(EmbeddedMillis(previous), first_ms);
  EXPECT_LE(EmbeddedMillis(previous), first_ms + 10);
}

TEST(UuidV7Test, StaysOrderedWhenTheClockGoesBackwards) {
  FakeClock clock(kFarFuture - absl::Minutes(10));
  std::vector<std::string> ids;
  ids.push_back(NewUuidV7(clock));
  clock.Advance(-absl::Seconds(30));
  ids.push_back(NewUuidV7(clock));
  clock.Advance(-absl::Hours(24 * 365));
  ids.push_back(NewUuidV7(clock));
  ids.push_back(NewUuidV7(clock));
  clock.Advance(absl::Milliseconds(1));
  ids.push_back(NewUuidV7(clock));
  for (size_t i = 1; i < ids.size(); ++i) {
    EXPECT_LT(ids[i - 1], ids[i]) << "at " << i;
    ExpectV7Shape(ids[i]);
  }
}

TEST(IsUuidTest, AcceptsCanonicalLowerCaseUuidsOfAnyVersion) {
  EXPECT_TRUE(IsUuid("0190f3a2-b4c5-7d6e-8f00-112233445566"));
  EXPECT_TRUE(IsUuid("123e4567-e89b-12d3-a456-426614174000"));  // v1
  EXPECT_TRUE(IsUuid("00000000-0000-0000-0000-000000000000"));
}

TEST(IsUuidTest, RejectsEverythingElse) {
  for (const std::string s : {"", "0190f3a2b4c57d6e8f00112233445566",        // no dashes
                              "0190f3a2-b4c5-7d6e-8f00-11223344556",         // too short
                              "0190f3a2-b4c5-7d6e-8f00-1122334455667",       // too long
                              "0190F3A2-B4C5-7D6E-8F00-112233445566",        // upper case
                              "0190f3a2-b4c5-7d6e-8f00-11223344556g",        // not hex
                              "0190f3a2_b4c5-7d6e-8f00-112233445566",        // wrong separator
                              "0190f3a-2b4c5-7d6e-8f00-112233445566",        // dash misplaced
                              "{0190f3a2-b4c5-7d6e-8f00-112233445566}"}) {  // braces
    EXPECT_FALSE(IsUuid(s)) << s;
  }
}

}  // namespace
}  // namespace sisl::platform
