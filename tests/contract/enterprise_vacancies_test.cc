// Vacancies on a real store: drafts by the company's people, review by the operators of the
// workplace's CPI (sent back with reasons, approved), publication on its day by the schedule,
// the public search with its filters and pages, closure, and the events matching follows.
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/enterprise/v1/vacancy_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/contract/enterprise_test_support.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using ::testing::SizeIs;

class VacanciesTest : public EnterpriseWorldTest {
 protected:
  void SetUp() override {
    EnterpriseWorldTest::SetUp();
    ASSERT_TRUE(companies_->Register(Citizen(rep_), {Acme(), "", ""}).ok());
    auto d = delegations_->Grant(company_, {"01234567897",
                                            DelegationKind::kDelegate,
                                            delegate_,
                                            std::nullopt,
                                            {DelegationScope::kVacancies},
                                            absl::CivilDay(2026, 12, 1),
                                            std::nullopt,
                                            "hr",
                                            ""});
    ASSERT_TRUE(d.ok()) << d.status();
  }

  // A vacancy taken to `state` through the real steps.
  std::string Published(VacancyContent content) {
    auto v = vacancies_->Create(delegate_caller_, content, "");
    EXPECT_TRUE(v.ok()) << v.status();
    const std::string id = v->vacancy.id;
    auto submitted = vacancies_->Transition(delegate_caller_, id, {VacancyAction::kSubmit});
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    // Reviewed by the workplace's CPI.
    auto approved = vacancies_->Transition(Operator(v->cpi_code), id, {VacancyAction::kApprove});
    EXPECT_TRUE(approved.ok()) << approved.status();
    return id;
  }

  std::vector<std::string> EventTypes() {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute("SELECT event_type FROM outbox ORDER BY id", {});
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& row : r->rows) out.push_back(row.Str(0));
    }
    return out;
  }

  const Caller company_ = ActingFor(rep_, "01234567897");
  const Caller delegate_caller_ = ActingFor(delegate_, "01234567897");
  const Caller torino_ = Operator("CPI-TO-15");
};

TEST_F(VacanciesTest, ReviewedByTheWorkplacesCpiAndPublishedOnItsDay) {
  auto v = vacancies_->Create(delegate_caller_, Developer(), "req-1");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->cpi_code, "CPI-TO-15");
  EXPECT_EQ(vacancies_->Create(delegate_caller_, Developer(), "req-1")->vacancy.id, v->vacancy.id);
  const std::string id = v->vacancy.id;
  // Drafts are not public.
  EXPECT_THAT(vacancies_->Get(Caller{}, id), HasReason("VACANCY_NOT_FOUND"));
  ASSERT_TRUE(vacancies_->Transition(delegate_caller_, id, {VacancyAction::kSubmit}).ok());
  EXPECT_THAT(vacancies_->Transition(Operator("CPI-CN-01"), id, {VacancyAction::kApprove}),
              HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(vacancies_->Transition(torino_, id, {VacancyAction::kSendBack}),
              HasReason("SEND_BACK_REASON_REQUIRED"));
  auto sent_back =
      vacancies_->Transition(torino_, id, {VacancyAction::kSendBack, {"indicare il livello CCNL"}});
  ASSERT_TRUE(sent_back.ok()) << sent_back.status();
  EXPECT_EQ(sent_back->vacancy.state, VacancyState::kSentBack);
  VacancyContent fixed = Developer();
  fixed.ccnl_code = "001";
  auto edited = vacancies_->Update(delegate_caller_, id, fixed);
  ASSERT_TRUE(edited.ok()) << edited.status();
  auto resubmitted = vacancies_->Transition(delegate_caller_, id, {VacancyAction::kSubmit});
  ASSERT_TRUE(resubmitted.ok()) << resubmitted.status();
  auto approved = vacancies_->Transition(torino_, id, {VacancyAction::kApprove});
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->vacancy.state, VacancyState::kApproved);  // its day is 10 December

  auto found = vacancies_->Search({});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(found->vacancies, SizeIs(0));
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 10, 6, 0, 0), absl::UTCTimeZone()));
  auto changed = vacancies_->RunSchedule(100);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 1);
  found = vacancies_->Search({.text = "svilupPATORE c++"});
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_THAT(found->vacancies, SizeIs(1));
  EXPECT_EQ(found->vacancies[0].company_name, "ACME S.R.L.");
  auto seen = vacancies_->Get(Caller{}, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->second, VacancyReader::kPublic);

  auto closed = vacancies_->Transition(delegate_caller_, id,
                                       {VacancyAction::kClose, {}, ClosureReason::kFilled});
  ASSERT_TRUE(closed.ok()) << closed.status();
  found = vacancies_->Search({});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(found->vacancies, SizeIs(0));
  // Matching hears of the publication and the closure, nothing before.
  std::vector<std::string> types = EventTypes();
  EXPECT_EQ(std::count(types.begin(), types.end(), "sisl.enterprise.v1.VacancyPublished"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "sisl.enterprise.v1.VacancyClosed"), 1);
}

TEST_F(VacanciesTest, ContentIsCheckedOnSubmission) {
  VacancyContent bad = Developer();
  bad.profession_code = "9.9.9.9.9";
  bad.expiry_date = absl::CivilDay(2026, 12, 5);
  auto v = vacancies_->Create(delegate_caller_, bad, "");
  ASSERT_TRUE(v.ok()) << v.status();  // a draft may be incomplete
  auto submitted =
      vacancies_->Transition(delegate_caller_, v->vacancy.id, {VacancyAction::kSubmit});
  EXPECT_THAT(submitted, platform::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  auto still = vacancies_->Get(delegate_caller_, v->vacancy.id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->first.vacancy.state, VacancyState::kDraft);
}

TEST_F(VacanciesTest, TheSearchFiltersPagesAndHidesAnonymousCompanies) {
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 10, 6, 0, 0), absl::UTCTimeZone()));
  VacancyContent a = Developer();
  a.publication_date = absl::CivilDay(2026, 12, 10);
  Published(a);
  VacancyContent b = Developer();
  b.publication_date = absl::CivilDay(2026, 12, 10);
  b.title = "Magazziniere";
  b.description = "Gestione del magazzino";
  b.profession_code = "8.1.3.1.0";
  b.workplace_municipality = "004003";  // Alba (CN)
  b.l68_reservation = L68Reservation::kDisabled;
  b.anonymous = true;
  Published(b);
  VacancyContent c = a;
  c.title = "Sviluppatore Java";
  c.workplace_municipality = "001156";  // Moncalieri, next to Torino
  Published(c);

  auto all = vacancies_->Search({});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->total_size, 3);
  auto cn = vacancies_->Search({.province = "CN"});
  ASSERT_TRUE(cn.ok());
  ASSERT_THAT(cn->vacancies, SizeIs(1));
  EXPECT_TRUE(cn->vacancies[0].vacancy.content.anonymous);
  auto reserved = vacancies_->Search({.l68_reserved = true});
  ASSERT_TRUE(reserved.ok());
  EXPECT_THAT(reserved->vacancies, SizeIs(1));
  auto near_torino = vacancies_->Search({.municipality = "001272", .radius_km = 15});
  ASSERT_TRUE(near_torino.ok()) << near_torino.status();
  EXPECT_THAT(near_torino->vacancies, SizeIs(2));  // Torino and Moncalieri, not Alba
  auto only_torino = vacancies_->Search({.municipality = "001272", .radius_km = 0});
  ASSERT_TRUE(only_torino.ok());
  EXPECT_THAT(only_torino->vacancies, SizeIs(1));
  auto group = vacancies_->Search({.profession_code = "2.1"});
  ASSERT_TRUE(group.ok());
  EXPECT_THAT(group->vacancies, SizeIs(2));
  EXPECT_THAT(vacancies_->Search({.municipality = "999999"}), HasReason("UNKNOWN_MUNICIPALITY"));

  // Pages of one: three pages, each vacancy once, the token bound to its query.
  std::set<std::string> ids;
  std::string token;
  for (int page = 0; page < 3; ++page) {
    auto p = vacancies_->Search({.page_size = 1, .page_token = token});
    ASSERT_TRUE(p.ok()) << p.status();
    ASSERT_THAT(p->vacancies, SizeIs(1));
    ids.insert(p->vacancies[0].vacancy.id);
    token = p->next_page_token;
  }
  EXPECT_THAT(ids, SizeIs(3));
  EXPECT_TRUE(token.empty());
  auto first = vacancies_->Search({.page_size = 1});
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(
      vacancies_->Search({.province = "TO", .page_size = 1, .page_token = first->next_page_token}),
      HasReason("INVALID_PAGE_TOKEN"));
}

TEST_F(VacanciesTest, ExpiredVacanciesCloseAndLeaveTheSearch) {
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 10, 6, 0, 0), absl::UTCTimeZone()));
  VacancyContent a = Developer();
  a.publication_date = absl::CivilDay(2026, 12, 10);
  a.expiry_date = absl::CivilDay(2026, 12, 20);
  const std::string id = Published(a);
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 21, 6, 0, 0), absl::UTCTimeZone()));
  auto changed = vacancies_->RunSchedule(100);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 1);
  auto v = vacancies_->Get(torino_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->first.vacancy.state, VacancyState::kClosed);
  EXPECT_EQ(v->first.vacancy.closure, ClosureReason::kExpired);
}

}  // namespace
}  // namespace sisl::enterprise
