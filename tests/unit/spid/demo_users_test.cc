#include "gateway/devidp/demo_users.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"

namespace sisl::gateway::devidp {
namespace {

TEST(DemoUsersTest, EightUsersWithValidFiscalCodesAndTheExpectedRoles) {
  const std::vector<DemoUser>& users = DemoUsers();
  ASSERT_EQ(users.size(), 8u);
  std::set<std::string> keys;
  std::multiset<std::string> roles;
  for (const DemoUser& user : users) {
    ASSERT_EQ(user.fiscal_code.size(), 16u) << user.key;
    EXPECT_EQ(reference::FiscalCodeCheckCharacter(user.fiscal_code.substr(0, 15)),
              user.fiscal_code[15])
        << user.key;
    EXPECT_TRUE(reference::ValidateFiscalCode(user.fiscal_code).ok()) << user.key;
    EXPECT_TRUE(keys.insert(user.key).second);
    EXPECT_FALSE(user.name.empty());
    EXPECT_FALSE(user.family_name.empty());
    EXPECT_EQ(FindDemoUser(user.key), &user);
    roles.insert(user.suggested_role);
  }
  EXPECT_EQ(roles.count("citizen"), 2u);
  EXPECT_EQ(roles.count("company"), 2u);  // a delegate, a sole legal representative
  for (const char* role : {"consultant", "operator", "contact_centre", "admin"}) {
    EXPECT_EQ(roles.count(role), 1u) << role;
  }
  EXPECT_EQ(FindDemoUser("operatore-torino")->cpi_code, "CPI-TO-15");
  EXPECT_EQ(FindDemoUser("nobody"), nullptr);
}

TEST(DemoUsersTest, OnlyTheLegalRepresentativeHasACompany) {
  for (const DemoUser& user : DemoUsers()) {
    if (user.key == "titolare-azienda") continue;
    EXPECT_TRUE(user.vat_number.empty()) << user.key;
    EXPECT_TRUE(user.company_name.empty()) << user.key;
  }
  const DemoUser* elena = FindDemoUser("titolare-azienda");
  ASSERT_NE(elena, nullptr);
  EXPECT_EQ(elena->fiscal_code, "RCCLNE83D62L219Y");
  EXPECT_EQ(elena->company_name, "Ricci Impianti S.r.l.");
  ASSERT_EQ(elena->vat_number.size(), 11u);
  EXPECT_EQ(reference::VatNumberCheckDigit(elena->vat_number.substr(0, 10)),
            elena->vat_number[10]);
  EXPECT_TRUE(reference::ValidateVatNumber(elena->vat_number).ok());
}

}  // namespace
}  // namespace sisl::gateway::devidp
