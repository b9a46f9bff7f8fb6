// Company roles of live sessions (ADR 0016): a revocation reaches the session at the next
// re-check (selection cleared, id rotated, the new cookie sent), roles join once enterprise
// answers, and enterprise down beyond a minute drops them.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/unit/gateway/company_roles_fixture.h"

namespace sisl::gateway::company_testing {
namespace {

class GatewayCompanyRecheckTest : public GatewayCompanyRolesTest {};

TEST_F(GatewayCompanyRecheckTest, ARevokedRoleLeavesTheLiveSessionAtTheNextRecheck) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  ASSERT_EQ(SelectRole(*b, {{"role", "company"}, {"actingFor", kAcme}}, view)->status, 200);
  const std::string selected_id = b->cookies().Get("sisl_session").value_or("");
  const int lookups = enterprise_.role_lookups();
  // ACME's legal representative revokes the delegation.
  enterprise_.SetRoles(kDelegate, {HeldRole(kBeta, "Beta SpA",
                                            ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE,
                                            {ev1::DELEGATION_SCOPE_VACANCIES})});
  clock_.Advance(absl::Seconds(10));  // within the interval: as it was
  ASSERT_EQ(b->Get("/api/v1/my/delegations")->status, 200);
  EXPECT_EQ(enterprise_.role_lookups(), lookups);
  clock_.Advance(absl::Seconds(21));
  auto call = b->Get("/api/v1/my/delegations");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->status, 403) << call->body;
  EXPECT_EQ(Json(*call).value("reason", ""), "ROLE_NOT_SELECTED");
  EXPECT_EQ(enterprise_.role_lookups(), lookups + 1);
  // A new id, sent with that answer; the old one is over.
  const std::vector<std::string> set = call->Headers("set-cookie");
  ASSERT_EQ(set.size(), 1u);
  const std::string rotated = b->cookies().Get("sisl_session").value_or("");
  EXPECT_NE(rotated, selected_id);
  EXPECT_FALSE(Authenticated(selected_id));
  const json after = View(*b);
  EXPECT_EQ(after.value("authenticated", false), true);
  EXPECT_TRUE(after["selectedRole"].is_null()) << after.dump();
  EXPECT_TRUE(RoleFor(after, kAcme).is_null()) << after.dump();
  EXPECT_EQ(RoleFor(after, kBeta)["scopes"], json({"vacancies"}));
  auto again = SelectRole(*b, {{"role", "company"}, {"actingFor", kAcme}}, view);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Json(*again).value("reason", ""), "COMPANY_ROLE_NOT_HELD");
}

TEST_F(GatewayCompanyRecheckTest, AReCheckDuringARoleChangeSendsOnlyTheFinalCookie) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  ASSERT_EQ(SelectRole(*b, {{"role", "company"}, {"actingFor", kAcme}}, view)->status, 200);
  enterprise_.SetRoles(kDelegate, {HeldRole(kBeta, "Beta SpA",
                                            ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE,
                                            {ev1::DELEGATION_SCOPE_VACANCIES})});
  clock_.Advance(absl::Seconds(31));
  // The re-check (a first new id) and the role change (a second) in one request.
  auto chosen = SelectRole(*b, {{"role", "company"}, {"actingFor", kBeta}}, view);
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  ASSERT_EQ(chosen->Headers("set-cookie").size(), 1u);
  EXPECT_EQ(View(*b)["selectedRole"].value("actingFor", ""), kBeta);
}

TEST_F(GatewayCompanyRecheckTest, CompanyRolesJoinOnceEnterpriseAnswersAfterAFailedLogin) {
  Serve(enterprise_.address());
  enterprise_.SetDown(true);
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  EXPECT_TRUE(RoleFor(view, kAcme).is_null()) << view.dump();
  enterprise_.SetDown(false);
  clock_.Advance(absl::Seconds(31));
  const json later = View(*b);
  EXPECT_EQ(RoleFor(later, kAcme).value("companyRole", ""), "delegate") << later.dump();
  EXPECT_EQ(later["selectedRole"].value("role", ""), "citizen") << "the selection is kept";
}

TEST_F(GatewayCompanyRecheckTest, EnterpriseDownBeyondAMinuteDropsCompanyRoles) {
  Serve(enterprise_.address());
  auto b = NewBrowser();
  const json view = Login(*b, "delegato-azienda");
  ASSERT_EQ(SelectRole(*b, {{"role", "company"}, {"actingFor", kAcme}}, view)->status, 200);
  const std::string selected_id = b->cookies().Get("sisl_session").value_or("");
  enterprise_.SetDown(true);
  // 31 s after the last answer: kept (and still usable).
  clock_.Advance(absl::Seconds(31));
  json kept = View(*b);
  EXPECT_EQ(kept["selectedRole"].value("actingFor", ""), kAcme) << kept.dump();
  EXPECT_EQ(b->cookies().Get("sisl_session").value_or(""), selected_id);
  // 62 s after it: dropped, the selection cleared and the id rotated.
  clock_.Advance(absl::Seconds(31));
  const json dropped = View(*b);
  EXPECT_EQ(dropped.value("authenticated", false), true);
  EXPECT_TRUE(dropped["selectedRole"].is_null()) << dropped.dump();
  EXPECT_TRUE(RoleFor(dropped, kAcme).is_null()) << dropped.dump();
  EXPECT_TRUE(RoleFor(dropped, kBeta).is_null()) << dropped.dump();
  EXPECT_NE(b->cookies().Get("sisl_session").value_or(""), selected_id);
  EXPECT_FALSE(Authenticated(selected_id));
  // Back once enterprise answers again (not selected).
  enterprise_.SetDown(false);
  clock_.Advance(absl::Seconds(31));
  const json back = View(*b);
  EXPECT_FALSE(RoleFor(back, kAcme).is_null()) << back.dump();
  EXPECT_TRUE(back["selectedRole"].is_null());
}

}  // namespace
}  // namespace sisl::gateway::company_testing
