// Proto conversions: timestamps, dates and checked enum mappings.
#include "services/platform/grpc/convert.h"

#include "gtest/gtest.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/booking/v1/catalogue.pb.h"

namespace sisl::platform {
namespace {

using testing::HasReason;

enum class Mode { kInPerson, kPhone };

const EnumMapping<Mode, sisl::booking::v1::DeliveryMode> kModes{
    {Mode::kInPerson, sisl::booking::v1::DELIVERY_MODE_IN_PERSON},
    {Mode::kPhone, sisl::booking::v1::DELIVERY_MODE_PHONE}};

TEST(ConvertTest, TimestampsRoundTripToTheMicrosecond) {
  const absl::Time t = absl::FromUnixMicros(1'800'000'000'123'456);
  EXPECT_EQ(FromTimestamp(ToTimestamp(t)), t);
  EXPECT_EQ(ToTimestamp(t).nanos(), 123'456'000);
}

TEST(ConvertTest, DatesAreStrictYearMonthDay) {
  ASSERT_OK_AND_ASSIGN(absl::CivilDay d, ParseDate("2026-03-29", "date"));
  EXPECT_EQ(d, absl::CivilDay(2026, 3, 29));
  EXPECT_EQ(FormatDate(d), "2026-03-29");
  for (const char* bad : {"2026-3-29", "2026-02-30", "29/03/2026", "", "2026-03-29T00"}) {
    EXPECT_THAT(ParseDate(bad, "date"), HasReason("INVALID_DATE")) << bad;
  }
}

TEST(ConvertTest, EnumMappingGoesBothWaysAndRefusesUnmappedValues) {
  EXPECT_EQ(kModes.ToProto(Mode::kPhone), sisl::booking::v1::DELIVERY_MODE_PHONE);
  ASSERT_OK_AND_ASSIGN(Mode m, kModes.FromProto(sisl::booking::v1::DELIVERY_MODE_IN_PERSON,
                                                "delivery_mode"));
  EXPECT_EQ(m, Mode::kInPerson);
  EXPECT_THAT(kModes.FromProto(sisl::booking::v1::DELIVERY_MODE_UNSPECIFIED, "delivery_mode"),
              HasReason("DELIVERY_MODE_REQUIRED"));
  EXPECT_THAT(kModes.FromProto(sisl::booking::v1::DELIVERY_MODE_VIDEO_CALL, "delivery_mode"),
              HasReason("INVALID_DELIVERY_MODE"));
  const auto violations =
      ErrorFieldViolations(kModes.FromProto(sisl::booking::v1::DeliveryMode(99), "mode").status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "mode");
}

}  // namespace
}  // namespace sisl::platform
