// The fiscal-code rules booking relies on (services/reference): normalisation, omocodia, check
// character, birth date and age. Shape refusals are covered by tests/unit/reference.
// Every code here is made up (invented names, dates and places): no real person's code.

#include "services/reference/fiscal_code.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using ::testing::Optional;

// A complete code from its first 15 characters.
std::string WithCheck(const std::string& first15) {
  const std::optional<char> check = reference::FiscalCodeCheckCharacter(first15);
  EXPECT_TRUE(check.has_value()) << first15;
  return first15 + check.value_or('?');
}

void ExpectReason(const absl::Status& st, const std::string& reason, const std::string& code) {
  ASSERT_FALSE(st.ok()) << "'" << code << "' accepted";
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << code;
  EXPECT_EQ(platform::ErrorReason(st), reason) << code << ": " << st;
  auto violations = platform::ErrorFieldViolations(st);
  ASSERT_EQ(violations.size(), 1u) << code;
  EXPECT_EQ(violations[0].field, "fiscal_code");
}

TEST(FiscalCodeTest, CheckCharacterMatchesHandComputedValues) {
  // Values computed independently with the odd/even tables of the Agenzia delle Entrate.
  EXPECT_THAT(reference::FiscalCodeCheckCharacter("RSSMRA85T10A562"), Optional('S'));
  EXPECT_THAT(reference::FiscalCodeCheckCharacter("VRDLCU90A41L219"), Optional('E'));
  EXPECT_THAT(reference::FiscalCodeCheckCharacter("BNCGNN05P15L219"), Optional('O'));
  EXPECT_THAT(reference::FiscalCodeCheckCharacter("RSSMRA85T10A56N"), Optional('H'));
  EXPECT_THAT(reference::FiscalCodeCheckCharacter("RSSMRAURTMLARSN"), Optional('L'));
  EXPECT_EQ(reference::FiscalCodeCheckCharacter("RSSMRA85T10A56"), std::nullopt);
  EXPECT_EQ(reference::FiscalCodeCheckCharacter("rssmra85t10a562"), std::nullopt);
  EXPECT_EQ(reference::FiscalCodeCheckCharacter("RSSMRA85T10A56-"), std::nullopt);
}

TEST(FiscalCodeTest, NormalizeTrimsAndUpperCases) {
  EXPECT_EQ(reference::NormalizeFiscalCode("  vrdlcu90a41l219e\t\n"), "VRDLCU90A41L219E");
  EXPECT_EQ(reference::NormalizeFiscalCode("RSSMRA85T10A562S"), "RSSMRA85T10A562S");
  EXPECT_EQ(reference::NormalizeFiscalCode(""), "");
}

TEST(FiscalCodeTest, AcceptsValidCodes) {
  for (const char* first15 : {"RSSMRA85T10A562", "VRDLCU90A41L219", "BNCGNN05P15L219",
                              "FRRNNA00B69L219", "XXXYYY99T31Z404"}) {
    const std::string code = WithCheck(first15);
    EXPECT_TRUE(reference::ValidateFiscalCode(code).ok()) << code << ": " << reference::ValidateFiscalCode(code);
  }
}

TEST(FiscalCodeTest, AcceptsEveryOmocodiaVariant) {
  const std::string base = "RSSMRA85T10A562";
  const int positions[] = {6, 7, 9, 10, 12, 13, 14};
  const std::string letters = "LMNPQRSTUV";
  for (int mask = 0; mask < 128; ++mask) {
    std::string variant = base;
    for (int bit = 0; bit < 7; ++bit) {
      if (mask & (1 << bit)) variant[positions[bit]] = letters[variant[positions[bit]] - '0'];
    }
    const std::string code = WithCheck(variant);
    EXPECT_TRUE(reference::ValidateFiscalCode(code).ok()) << code;
    auto birth = reference::BirthDateFromFiscalCode(code, absl::CivilDay(2026, 1, 1));
    ASSERT_TRUE(birth.ok()) << code << ": " << birth.status();
    EXPECT_EQ(*birth, absl::CivilDay(1985, 12, 10)) << code;
  }
}

TEST(FiscalCodeTest, RejectsAWrongCheckCharacter) {
  const std::string good = WithCheck("VRDLCU90A41L219");
  ASSERT_TRUE(reference::ValidateFiscalCode(good).ok());
  for (char c = 'A'; c <= 'Z'; ++c) {
    if (c == good.back()) continue;
    std::string bad = good;
    bad.back() = c;
    ExpectReason(reference::ValidateFiscalCode(bad), "INVALID_FISCAL_CODE_CHECK", bad);
  }
  std::string swapped = good;  // a typo elsewhere is caught by the check character
  std::swap(swapped[0], swapped[1]);
  ExpectReason(reference::ValidateFiscalCode(swapped), "INVALID_FISCAL_CODE_CHECK", swapped);
}

TEST(FiscalCodeTest, BirthDateMenAndWomen) {
  const absl::CivilDay today(2026, 3, 15);
  auto man = reference::BirthDateFromFiscalCode(WithCheck("RSSMRA85T10A562"), today);
  ASSERT_TRUE(man.ok()) << man.status();
  EXPECT_EQ(*man, absl::CivilDay(1985, 12, 10));
  auto woman = reference::BirthDateFromFiscalCode(WithCheck("VRDLCU90A41L219"), today);
  ASSERT_TRUE(woman.ok()) << woman.status();
  EXPECT_EQ(*woman, absl::CivilDay(1990, 1, 1));
  auto young = reference::BirthDateFromFiscalCode(WithCheck("BNCGNN05P15L219"), today);
  ASSERT_TRUE(young.ok()) << young.status();
  EXPECT_EQ(*young, absl::CivilDay(2005, 9, 15));
}

TEST(FiscalCodeTest, BirthYearTakesTheCenturyThatIsNotInTheFuture) {
  const std::string code = WithCheck("BNCGNN26C20L219");  // 20 March, year 26
  EXPECT_EQ(*reference::BirthDateFromFiscalCode(code, absl::CivilDay(2026, 3, 20)),
            absl::CivilDay(2026, 3, 20));
  EXPECT_EQ(*reference::BirthDateFromFiscalCode(code, absl::CivilDay(2026, 3, 19)),
            absl::CivilDay(1926, 3, 20));
  EXPECT_EQ(*reference::BirthDateFromFiscalCode(WithCheck("BNCGNN99C20L219"), absl::CivilDay(2026, 1, 1)),
            absl::CivilDay(1999, 3, 20));
}

TEST(FiscalCodeTest, BirthDateOn29February) {
  const std::string leap = WithCheck("FRRNNA00B69L219");  // 29 February 2000, a woman
  EXPECT_EQ(*reference::BirthDateFromFiscalCode(leap, absl::CivilDay(2026, 1, 1)),
            absl::CivilDay(2000, 2, 29));
  const std::string common = WithCheck("FRRNNA01B69L219");  // 29 February 2001 does not exist
  ASSERT_TRUE(reference::ValidateFiscalCode(common).ok());
  auto birth = reference::BirthDateFromFiscalCode(common, absl::CivilDay(2026, 1, 1));
  ExpectReason(birth.status(), "INVALID_FISCAL_CODE_FORMAT", common);
}

TEST(FiscalCodeTest, BirthDateRejectsInvalidCodes) {
  ExpectReason(reference::BirthDateFromFiscalCode("NOTACODE", absl::CivilDay(2026, 1, 1)).status(),
               "INVALID_FISCAL_CODE_FORMAT", "NOTACODE");
  std::string bad = WithCheck("RSSMRA85T10A562");
  bad.back() = bad.back() == 'A' ? 'B' : 'A';
  ExpectReason(reference::BirthDateFromFiscalCode(bad, absl::CivilDay(2026, 1, 1)).status(),
               "INVALID_FISCAL_CODE_CHECK", bad);
}

TEST(AgeOnTest, CountsWholeYears) {
  const absl::CivilDay birth(2011, 6, 15);
  EXPECT_EQ(reference::AgeOn(birth, absl::CivilDay(2026, 6, 14)), 14);
  EXPECT_EQ(reference::AgeOn(birth, absl::CivilDay(2026, 6, 15)), 15);
  EXPECT_EQ(reference::AgeOn(birth, absl::CivilDay(2026, 12, 31)), 15);
  EXPECT_EQ(reference::AgeOn(birth, absl::CivilDay(2027, 1, 1)), 15);
  EXPECT_EQ(reference::AgeOn(birth, birth), 0);
  EXPECT_EQ(reference::AgeOn(birth, absl::CivilDay(2011, 6, 14)), -1);
  const absl::CivilDay leap(2008, 2, 29);
  EXPECT_EQ(reference::AgeOn(leap, absl::CivilDay(2026, 2, 28)), 17);
  EXPECT_EQ(reference::AgeOn(leap, absl::CivilDay(2026, 3, 1)), 18);
  EXPECT_EQ(reference::AgeOn(leap, absl::CivilDay(2028, 2, 29)), 20);
}

}  // namespace
}  // namespace sisl::booking
