#include "gateway/devidp/demo_users.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace sisl::gateway::devidp {
namespace {

// DOMAIN.md §8: odd positions through the table, even positions 0-9 / A-Z to 0-25.
char CheckCharacter(const std::string& first15) {
  static constexpr int kOdd[] = {1,  0,  5,  7,  9,  13, 15, 17, 19, 21, 2,  4,  18,
                                 20, 11, 3,  6,  8,  12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (size_t i = 0; i < first15.size(); ++i) {
    char c = first15[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c - 'A';
    sum += i % 2 == 0 ? kOdd[v] : v;
  }
  return static_cast<char>('A' + sum % 26);
}

TEST(DemoUsersTest, SevenUsersWithValidFiscalCodesAndTheExpectedRoles) {
  const std::vector<DemoUser>& users = DemoUsers();
  ASSERT_EQ(users.size(), 7u);
  std::set<std::string> keys;
  std::multiset<std::string> roles;
  for (const DemoUser& user : users) {
    ASSERT_EQ(user.fiscal_code.size(), 16u) << user.key;
    EXPECT_EQ(CheckCharacter(user.fiscal_code.substr(0, 15)), user.fiscal_code[15]) << user.key;
    EXPECT_TRUE(keys.insert(user.key).second);
    EXPECT_FALSE(user.name.empty());
    EXPECT_FALSE(user.family_name.empty());
    EXPECT_EQ(FindDemoUser(user.key), &user);
    roles.insert(user.suggested_role);
  }
  EXPECT_EQ(roles.count("citizen"), 2u);
  for (const char* role : {"company", "consultant", "operator", "contact_centre", "admin"}) {
    EXPECT_EQ(roles.count(role), 1u) << role;
  }
  EXPECT_EQ(FindDemoUser("operatore-torino")->cpi_code, "CPI-TO-15");
  EXPECT_EQ(FindDemoUser("nobody"), nullptr);
}

}  // namespace
}  // namespace sisl::gateway::devidp
