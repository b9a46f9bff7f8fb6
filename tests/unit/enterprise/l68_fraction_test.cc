// Exact fractions of the L.68 computation: the "above 0.50" rounding never meets floating point.

#include "services/enterprise/domain/l68_fraction.h"

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"

namespace sisl::enterprise {
namespace {

TEST(FractionTest, ReducesAndCompares) {
  const Fraction f = Fraction::Of(50, 100);
  EXPECT_EQ(f.numerator(), 1);
  EXPECT_EQ(f.denominator(), 2);
  EXPECT_TRUE(Fraction::Of(-3, -6) == f);
  EXPECT_EQ(Fraction::Of(3, -6).numerator(), -1);
  EXPECT_TRUE(Fraction::Of(1, 3) < Fraction::Of(1, 2));
  EXPECT_FALSE(Fraction::Of(1, 2) < Fraction::Of(1, 2));
  EXPECT_TRUE(Fraction::Of(2, 3) > Fraction::Of(1, 2));
}

TEST(FractionTest, ArithmeticIsExact) {
  // Three part-timers at a sixth each are exactly half a unit.
  Fraction sum;
  for (int i = 0; i < 3; ++i) sum += Fraction::Of(400, 2400);
  EXPECT_TRUE(sum == Fraction::Of(1, 2));
  EXPECT_TRUE(Fraction::Of(7, 10) - Fraction::Of(1, 5) == Fraction::Of(1, 2));
  EXPECT_TRUE(Fraction::Of(7, 100) * Fraction::Whole(150) == Fraction::Of(21, 2));
}

TEST(FractionTest, RoundsUpOnlyAboveHalf) {
  EXPECT_EQ(Fraction::Of(1050, 100).RoundAboveHalf(), 10);  // 10.50 stays 10
  EXPECT_EQ(Fraction::Of(1051, 100).RoundAboveHalf(), 11);  // 10.51 becomes 11
  EXPECT_EQ(Fraction::Of(1049, 100).RoundAboveHalf(), 10);
  EXPECT_EQ(Fraction::Of(151, 100).RoundAboveHalf(), 2);
  EXPECT_EQ(Fraction::Whole(7).RoundAboveHalf(), 7);
  EXPECT_EQ(Fraction::Of(1, 3).RoundAboveHalf(), 0);
  EXPECT_EQ(Fraction::Of(2, 3).RoundAboveHalf(), 1);
  EXPECT_EQ(Fraction::Of(-3, 2).Floor(), -2);
  EXPECT_FALSE(Fraction::Of(21, 2).FractionAboveHalf());
  EXPECT_TRUE(Fraction::Of(51, 100).FractionAboveHalf());
}

TEST(FractionTest, PrintsDecimalsOrTheFraction) {
  EXPECT_EQ(Fraction::Whole(10).ToString(), "10");
  EXPECT_EQ(Fraction::Of(21, 2).ToString(), "10.50");
  EXPECT_EQ(Fraction::Of(151, 100).ToString(), "1.51");
  EXPECT_EQ(Fraction::Of(1, 8).ToString(), "0.125");
  EXPECT_EQ(Fraction::Of(35, 3).ToString(), "35/3 (11.67)");
  EXPECT_EQ(Fraction::Of(-1, 4).ToString(), "-0.25");
  EXPECT_EQ(Fraction::Invalid().ToString(), "invalid");
}

TEST(FractionTest, OverflowBecomesInvalidAndStaysInvalid) {
  EXPECT_FALSE(Fraction::Of(1, 0).valid());
  const Fraction big = Fraction::Of(std::numeric_limits<int64_t>::max(), 1);
  EXPECT_FALSE(big.valid());
  // Coprime denominators multiply until they no longer fit.
  Fraction sum;
  for (int64_t p : {1000003, 1000033, 1000037, 1000039, 1000081}) sum += Fraction::Of(1, p);
  EXPECT_FALSE(sum.valid());
  EXPECT_FALSE((sum + Fraction::Whole(1)).valid());
  EXPECT_FALSE(sum == sum);
}

}  // namespace
}  // namespace sisl::enterprise
