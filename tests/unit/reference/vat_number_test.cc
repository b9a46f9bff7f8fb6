// Partita IVA / fiscal code of companies: normalisation, Luhn check digit, validation.

#include "services/reference/vat_number.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::reference {
namespace {

using ::testing::Optional;

void ExpectReason(const absl::Status& st, const std::string& reason, const std::string& number) {
  ASSERT_FALSE(st.ok()) << "'" << number << "' accepted";
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(st), reason) << number << ": " << st;
  auto violations = platform::ErrorFieldViolations(st);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "vat_number");
}

TEST(VatNumberTest, CheckDigitIsLuhn) {
  // Hand computed: 0+2+4+6+8 = 20; 1,3,5,7,9 doubled (9 off above 9) = 2+6+1+5+9 = 23; 43 -> 7.
  EXPECT_THAT(VatNumberCheckDigit("0123456789"), Optional('7'));
  EXPECT_THAT(VatNumberCheckDigit("1234567890"), Optional('3'));
  EXPECT_THAT(VatNumberCheckDigit("0000000000"), Optional('0'));
  EXPECT_EQ(VatNumberCheckDigit("123456789"), std::nullopt);
  EXPECT_EQ(VatNumberCheckDigit("123456789A"), std::nullopt);
}

TEST(VatNumberTest, NormalizeStripsSpacesAndCountryPrefix) {
  EXPECT_EQ(NormalizeVatNumber(" IT 01234567897 "), "01234567897");
  EXPECT_EQ(NormalizeVatNumber("it01234567897"), "01234567897");
  EXPECT_EQ(NormalizeVatNumber("012 3456 7897"), "01234567897");
  EXPECT_EQ(NormalizeVatNumber("01234567897"), "01234567897");
  EXPECT_EQ(NormalizeVatNumber(""), "");
}

TEST(VatNumberTest, AcceptsValidNumbers) {
  for (const char* n : {"01234567897", "12345678903"}) {
    EXPECT_TRUE(ValidateVatNumber(n).ok()) << n;
  }
  EXPECT_TRUE(ValidateVatNumber(NormalizeVatNumber("IT 0123 4567 897")).ok());
}

TEST(VatNumberTest, RejectsBadShapesAndCheckDigits) {
  for (const std::string& n :
       std::vector<std::string>{"", "0123456789", "012345678970", "0123456789A", "IT01234567897",
                                "01234 67897", "00000000000"}) {
    ExpectReason(ValidateVatNumber(n), "INVALID_VAT_NUMBER", n);
  }
  for (char c = '0'; c <= '9'; ++c) {
    if (c == '7') continue;
    ExpectReason(ValidateVatNumber(std::string("0123456789") + c), "INVALID_VAT_NUMBER_CHECK",
                 std::string("0123456789") + c);
  }
  ExpectReason(ValidateVatNumber("10234567897"), "INVALID_VAT_NUMBER_CHECK", "swapped digits");
}

TEST(VatNumberTest, ErrorsNameTheCallersField) {
  auto violations = platform::ErrorFieldViolations(ValidateVatNumber("1", "employer.fiscal_code"));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "employer.fiscal_code");
}

}  // namespace
}  // namespace sisl::reference
