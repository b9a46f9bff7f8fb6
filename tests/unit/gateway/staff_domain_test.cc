// Staff directory domain rules: fiscal codes, member validation, the patch rule and the access
// reason of reads.
#include <string>
#include <vector>

#include "gateway/staff/domain/access_reason.h"
#include "gateway/staff/domain/fiscal_code.h"
#include "gateway/staff/domain/staff_member.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::gateway::staff {
namespace {

using platform::ErrorReason;

const CpiCodeCheck kCpis = KnownCpiCodes({"CPI-TO-15", "CPI-CN-18"});
const absl::Time kNow = absl::FromUnixSeconds(1'772'000'000);

StaffMember Operator() {
  return StaffMember{.fiscal_code = " rssmra85t10a562s ",
                     .display_name = "  Mario Rossi ",
                     .email = " Mario.Rossi@Regione.Piemonte.IT ",
                     .roles = {{StaffRole::kOperator, "cpi-to-15"}}};
}

std::string ReasonOf(const absl::StatusOr<StaffMember>& m) { return ErrorReason(m.status()); }

TEST(FiscalCodeTest, AcceptsValidCodesIncludingOmocodia) {
  for (const char* code :
       {"RSSMRA85T10A562S", "BNCGVN80A41L219F", "VRDLGU70M01H501F", "RSSMRA85T10A56NH"}) {
    EXPECT_TRUE(ValidateFiscalCode(code).ok()) << code;
  }
}

TEST(FiscalCodeTest, RefusesBadShapesAndCheckCharacters) {
  for (const char* code :
       {"", "RSSMRA85T10A562", "RSSMRA85T10A562SX", "RSSMRA85T10A562T", "RSSMRA85Z10A562S",
        "RSSMRA85T99A562S", "RSSMRA85T10A5A2S", "1SSMRA85T10A562S", "rssmra85t10a562s"}) {
    absl::Status st = ValidateFiscalCode(code);
    EXPECT_EQ(ErrorReason(st), "INVALID_FISCAL_CODE") << code;
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  }
  ASSERT_EQ(platform::ErrorFieldViolations(ValidateFiscalCode("X")).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(ValidateFiscalCode("X"))[0].field, "fiscal_code");
}

TEST(FiscalCodeTest, Normalizes) {
  EXPECT_EQ(NormalizeFiscalCode("  rssmra85t10a562s\n"), "RSSMRA85T10A562S");
}

TEST(NewMemberTest, NormalizesFields) {
  auto m = NormalizeNewMember(Operator(), kCpis);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->fiscal_code, "RSSMRA85T10A562S");
  EXPECT_EQ(m->display_name, "Mario Rossi");
  EXPECT_EQ(m->email, "mario.rossi@regione.piemonte.it");
  ASSERT_EQ(m->roles.size(), 1u);
  EXPECT_EQ(m->roles[0].cpi_code, "CPI-TO-15");
}

TEST(NewMemberTest, SortsRoles) {
  StaffMember in = Operator();
  in.roles = {{StaffRole::kAdmin, ""},
              {StaffRole::kOperator, "CPI-TO-15"},
              {StaffRole::kOperator, "CPI-CN-18"}};
  auto m = NormalizeNewMember(in, kCpis);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->roles, (std::vector<RoleAssignment>{{StaffRole::kOperator, "CPI-CN-18"},
                                                   {StaffRole::kOperator, "CPI-TO-15"},
                                                   {StaffRole::kAdmin, ""}}));
}

TEST(NewMemberTest, ReasonsForEachRule) {
  StaffMember m = Operator();
  m.fiscal_code = "RSSMRA85T10A562T";
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "INVALID_FISCAL_CODE");
  m = Operator();
  m.display_name = "  ";
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "INVALID_DISPLAY_NAME");
  m.display_name = std::string(201, 'a');
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "INVALID_DISPLAY_NAME");
  m = Operator();
  for (const char* email : {"no-at", "a@b", "@x.it", "a@@x.it", "a b@x.it", "a@x."}) {
    m.email = email;
    EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "INVALID_EMAIL") << email;
  }
  m.email = "";
  EXPECT_TRUE(NormalizeNewMember(m, kCpis).ok());
  m.roles = {};
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "MISSING_ROLES");
  m.roles = {{StaffRole::kOperator, ""}};
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "OPERATOR_NEEDS_CPI");
  m.roles = {{StaffRole::kOperator, "CPI-XX-99"}};
  auto unknown = NormalizeNewMember(m, kCpis);
  EXPECT_EQ(ReasonOf(unknown), "UNKNOWN_CPI");
  EXPECT_EQ(platform::ErrorMetadata(unknown.status())["cpi_code"], "CPI-XX-99");
  m.roles = {{StaffRole::kContactCentre, "CPI-TO-15"}};
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "UNEXPECTED_CPI");
  m.roles = {{StaffRole::kAdmin, ""}, {StaffRole::kAdmin, ""}};
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, kCpis)), "DUPLICATE_ROLE");
  m.roles = {{StaffRole::kOperator, "CPI-TO-15"}};
  EXPECT_EQ(ReasonOf(NormalizeNewMember(m, nullptr)), "UNKNOWN_CPI");
}

TEST(PatchTest, BumpsVersionOnlyOnRealChange) {
  StaffMember current = *NormalizeNewMember(Operator(), kCpis);
  current.version = 3;
  current.updated_at = kNow - absl::Hours(1);
  auto same =
      ApplyStaffPatch(current,
                      {.display_name = "Mario Rossi ",
                       .email = "MARIO.ROSSI@regione.piemonte.it",
                       .roles = std::vector<RoleAssignment>{{StaffRole::kOperator, "cpi-to-15"}},
                       .active = true},
                      kCpis, kNow);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_TRUE(same->changed_fields.empty());
  EXPECT_EQ(same->member, current);

  auto changed = ApplyStaffPatch(
      current, {.roles = std::vector<RoleAssignment>{{StaffRole::kAdmin, ""}}, .active = false},
      kCpis, kNow);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->changed_fields, (std::vector<std::string>{"roles", "active"}));
  EXPECT_EQ(changed->member.version, 4);
  EXPECT_EQ(changed->member.updated_at, kNow);
  EXPECT_FALSE(changed->member.active);
  EXPECT_EQ(changed->member.fiscal_code, current.fiscal_code);
}

TEST(PatchTest, ValidatesPatchedFields) {
  StaffMember current = *NormalizeNewMember(Operator(), kCpis);
  EXPECT_EQ(ErrorReason(ApplyStaffPatch(current, {.email = "x"}, kCpis, kNow).status()),
            "INVALID_EMAIL");
  EXPECT_EQ(
      ErrorReason(
          ApplyStaffPatch(current, {.roles = std::vector<RoleAssignment>{}}, kCpis, kNow).status()),
      "MISSING_ROLES");
}

TEST(RolesTest, NamesRoundTripAndAdminsAreRecognised) {
  for (StaffRole r : {StaffRole::kOperator, StaffRole::kContactCentre, StaffRole::kAdmin}) {
    EXPECT_EQ(ParseStaffRole(StaffRoleName(r)), r);
  }
  EXPECT_FALSE(ParseStaffRole("citizen").has_value());
  StaffMember m{.roles = {{StaffRole::kAdmin, ""}}};
  EXPECT_TRUE(IsActiveAdmin(m));
  m.active = false;
  EXPECT_FALSE(IsActiveAdmin(m));
  EXPECT_FALSE(IsActiveAdmin(StaffMember{.roles = {{StaffRole::kContactCentre, ""}}}));
}

TEST(AccessReasonTest, IsRequiredAndBoundedInCharacters) {
  EXPECT_TRUE(ValidateAccessReason("verifica dei ruoli").ok());
  for (const char* blank : {"", " ", "\t\n \r"}) {
    absl::Status st = ValidateAccessReason(blank);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorReason(st), "ACCESS_REASON_REQUIRED") << '"' << blank << '"';
  }
  std::string accented;
  for (int i = 0; i < 500; ++i) accented += "\xc3\xa0";  // "à": 500 characters, 1000 bytes
  EXPECT_TRUE(ValidateAccessReason(accented).ok());
  EXPECT_EQ(ErrorReason(ValidateAccessReason(accented + "x")), "ACCESS_REASON_TOO_LONG");
  EXPECT_EQ(ErrorReason(ValidateAccessReason(std::string(501, 'x'))), "ACCESS_REASON_TOO_LONG");
  EXPECT_EQ(BoundedAccessReason(accented + "x"), accented);
  EXPECT_EQ(BoundedAccessReason("breve"), "breve");
}

}  // namespace
}  // namespace sisl::gateway::staff
