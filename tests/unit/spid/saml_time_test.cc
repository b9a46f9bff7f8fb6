#include "gateway/spid/saml_time.h"

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace sisl::gateway::spid {
namespace {

TEST(SamlTimeTest, ParsesUtcWithAndWithoutFraction) {
  absl::Time t = absl::FromUnixSeconds(1735689600);  // 2025-01-01T00:00:00Z
  EXPECT_EQ(*ParseSamlTime("2025-01-01T00:00:00Z"), t);
  EXPECT_EQ(*ParseSamlTime("2025-01-01T00:00:00"), t);
  EXPECT_EQ(*ParseSamlTime("2025-01-01T00:00:00.250Z"), t + absl::Milliseconds(250));
  EXPECT_EQ(*ParseSamlTime("2025-01-01T00:00:00.123456Z"), t + absl::Microseconds(123456));
  EXPECT_EQ(*ParseSamlTime("2025-01-01T01:00:00+01:00"), t);
}

TEST(SamlTimeTest, RejectsWhatSpidSpTestSends) {
  for (const char* bad : {"", "2018-09-04", "2018-09-06 16:00", "2018.09.18", "2018/09/10",
                          "10-09-2018", "2025-02-30T00:00:00Z", "2025-01-01T24:00:00Z",
                          "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00ZZ",
                          "2025-01-01T00:00:00+0100"}) {
    EXPECT_FALSE(ParseSamlTime(bad).ok()) << bad;
  }
}

TEST(SamlTimeTest, FormatsSecondsUtc) {
  EXPECT_EQ(FormatSamlTime(absl::FromUnixMillis(1735689600999)), "2025-01-01T00:00:00Z");
}

}  // namespace
}  // namespace sisl::gateway::spid
