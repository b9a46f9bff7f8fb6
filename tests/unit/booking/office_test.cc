// Office domain rules: site codes and staff patches (validation, changed fields, versioning).

#include "services/booking/domain/office.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kCreated = absl::FromUnixSeconds(1700000000);
const absl::Time kNow = absl::FromUnixSeconds(1714550400);

Office Torino() {
  Office o;
  o.site_code = "TO-01";
  o.cpi_code = "CPI-TO-15";
  o.cpi_name = "Torino";
  o.province = "Torino";
  o.municipality = "Torino";
  o.address = "via Castelgomberto 75";
  o.label = "Centro per l'impiego di Torino";
  o.phone = "011 1234567";
  o.email = "cpi.torino@example.it";
  o.version = 4;
  o.updated_at = kCreated;
  return o;
}

// Expects INVALID_ARGUMENT with exactly one violation on `field`.
void ExpectFieldError(const absl::StatusOr<OfficeChange>& change, const std::string& field,
                      const std::string& what) {
  ASSERT_FALSE(change.ok()) << what << " accepted";
  EXPECT_EQ(change.status().code(), absl::StatusCode::kInvalidArgument) << what;
  EXPECT_EQ(platform::ErrorReason(change.status()), "INVALID_OFFICE_FIELD") << what;
  auto violations = platform::ErrorFieldViolations(change.status());
  ASSERT_EQ(violations.size(), 1u) << what;
  EXPECT_EQ(violations[0].field, field) << what;
  EXPECT_FALSE(violations[0].description.empty()) << what;
}

TEST(SiteCodeTest, AcceptsProvinceDashTwoDigits) {
  for (const char* code : {"TO-01", "CN-12", "VB-99", "AL-00"}) {
    EXPECT_TRUE(ValidateSiteCode(code).ok()) << code;
  }
}

TEST(SiteCodeTest, RejectsOtherShapes) {
  for (const char* code : {"", "TO01", "TO-1", "TO-001", "to-01", "To-01", "T0-01", "TOR-01",
                           "TO_01", "TO-0A", "TO--1", " TO-01", "TO-01 ", "01-TO", "-TO01"}) {
    absl::Status st = ValidateSiteCode(code);
    ASSERT_FALSE(st.ok()) << "'" << code << "'";
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_SITE_CODE");
    auto violations = platform::ErrorFieldViolations(st);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].field, "site_code");
  }
}

TEST(ApplyPatchTest, EmptyPatchChangesNothing) {
  auto change = ApplyPatch(Torino(), OfficePatch{}, kNow);
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_THAT(change->changed_fields, IsEmpty());
  EXPECT_EQ(change->office, Torino());  // same version and update time
}

TEST(ApplyPatchTest, SameValuesChangeNothing) {
  const Office current = Torino();
  OfficePatch patch{.address = current.address, .label = current.label, .phone = current.phone,
                    .email = current.email};
  auto change = ApplyPatch(current, patch, kNow);
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_THAT(change->changed_fields, IsEmpty());
  EXPECT_EQ(change->office.version, 4);
  EXPECT_EQ(change->office.updated_at, kCreated);
}

TEST(ApplyPatchTest, ChangedFieldsAreListedAndVersionBumpedOnce) {
  OfficePatch patch{.address = "via Bologna 153", .phone = "+39 011-7654321",
                    .email = "torino@example.it"};
  auto change = ApplyPatch(Torino(), patch, kNow);
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_THAT(change->changed_fields, ElementsAre("address", "phone", "email"));
  EXPECT_EQ(change->office.address, "via Bologna 153");
  EXPECT_EQ(change->office.phone, "+39 011-7654321");
  EXPECT_EQ(change->office.email, "torino@example.it");
  EXPECT_EQ(change->office.label, Torino().label);  // unset in the patch: untouched
  EXPECT_EQ(change->office.version, 5);
  EXPECT_EQ(change->office.updated_at, kNow);
  // Fields that are not patchable stay as they were.
  EXPECT_EQ(change->office.site_code, "TO-01");
  EXPECT_EQ(change->office.cpi_code, "CPI-TO-15");
}

TEST(ApplyPatchTest, OnlyActuallyChangedFieldsAreListed) {
  const Office current = Torino();
  OfficePatch patch{.address = current.address, .label = "Sede centrale"};
  auto change = ApplyPatch(current, patch, kNow);
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_THAT(change->changed_fields, ElementsAre("label"));
  EXPECT_EQ(change->office.version, 5);
}

TEST(ApplyPatchTest, PhoneAndEmailMayBeCleared) {
  OfficePatch patch{.phone = "", .email = ""};
  auto change = ApplyPatch(Torino(), patch, kNow);
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_THAT(change->changed_fields, ElementsAre("phone", "email"));
  EXPECT_EQ(change->office.phone, "");
  EXPECT_EQ(change->office.email, "");
}

TEST(ApplyPatchTest, AcceptsValidPhoneShapes) {
  for (const char* phone : {"011 1234567", "+390111234567", "011/123456", "123456",
                            "123456789012345", "+39 011-123 45 67"}) {
    auto change = ApplyPatch(Torino(), OfficePatch{.phone = phone}, kNow);
    EXPECT_TRUE(change.ok()) << phone << ": " << change.status();
  }
}

TEST(ApplyPatchTest, RejectsInvalidPhones) {
  for (const char* phone : {"12345", "1234567890123456", "011 abc 1234", "011+1234567",
                            "++39011123456", "(011) 123456", "011\n1234567", "   "}) {
    ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.phone = phone}, kNow), "office.phone",
                     std::string("phone '") + phone + "'");
  }
}

TEST(ApplyPatchTest, AcceptsValidEmails) {
  for (const char* email : {"a@b.it", "cpi.torino@regione.piemonte.it", "x+tag@example.com"}) {
    auto change = ApplyPatch(Torino(), OfficePatch{.email = email}, kNow);
    EXPECT_TRUE(change.ok()) << email << ": " << change.status();
  }
}

TEST(ApplyPatchTest, RejectsInvalidEmails) {
  const std::string too_long = std::string(250, 'a') + "@b.it";  // 255 characters
  for (const std::string& email :
       {std::string("no-at-sign.it"), std::string("@example.it"), std::string("a@b"),
        std::string("a@b.it."), std::string("a@@b.it"), std::string("a@b@c.it"),
        std::string("a b@c.it"), std::string("a@b.it\r\nBcc: x@y.it"), std::string("a@b.it\n"),
        std::string("a\t@b.it"), std::string("a\x7f@b.it"), too_long}) {
    ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.email = email}, kNow), "office.email",
                     "email '" + email + "'");
  }
}

TEST(ApplyPatchTest, RejectsTextOfWrongLength) {
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.address = "ab"}, kNow), "office.address",
                   "2-character address");
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.address = ""}, kNow), "office.address",
                   "empty address");
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.label = std::string(201, 'x')}, kNow),
                   "office.label", "201-character label");
  EXPECT_TRUE(ApplyPatch(Torino(), OfficePatch{.label = std::string(200, 'x')}, kNow).ok());
  EXPECT_TRUE(ApplyPatch(Torino(), OfficePatch{.address = "abc"}, kNow).ok());
}

TEST(ApplyPatchTest, RejectsControlCharacters) {
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.address = "via Roma\n1"}, kNow),
                   "office.address", "newline in address");
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.label = std::string("Sede\0X", 6)}, kNow),
                   "office.label", "NUL in label");
  ExpectFieldError(ApplyPatch(Torino(), OfficePatch{.label = "Sede\tcentrale"}, kNow),
                   "office.label", "tab in label");
}

TEST(ApplyPatchTest, AnInvalidFieldRejectsTheWholePatch) {
  // A valid address next to an invalid e-mail: the error names only the e-mail.
  OfficePatch patch{.address = "via Nuova 1", .email = "not-an-email"};
  ExpectFieldError(ApplyPatch(Torino(), patch, kNow), "office.email", "mixed patch");
}

}  // namespace
}  // namespace sisl::booking
