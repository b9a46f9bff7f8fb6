// Service requests on a real store: opened by the company's people with the service-requests
// scope, assigned to the competent CPI (or a preselection's vacancy's CPI), handled by that CPI's
// operators through the thread and the states, with their events in the outbox (never the
// texts), paged lists, and concurrent changes retried.
#include <set>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "services/enterprise/app/service_requests.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/enterprise/v1/service_request_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/contract/enterprise_test_support.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using ::testing::SizeIs;
using Action = ServiceRequestAction;
using State = ServiceRequestState;

class ServiceRequestsTest : public EnterpriseWorldTest {
 protected:
  void SetUp() override {
    EnterpriseWorldTest::SetUp();
    requests_ = std::make_unique<ServiceRequestManager>(Deps{*db_, *committer_, clock_, hasher_});
    ASSERT_TRUE(companies_->Register(Citizen(rep_), {Acme(), "", ""}).ok());
    Company beta = Acme();
    beta.fiscal_code = kBeta;
    beta.name = "BETA S.P.A.";
    ASSERT_TRUE(companies_->Register(Citizen(consultant_), {beta, "", ""}).ok());
    Grant(delegate_, {DelegationScope::kServiceRequests});
    Grant(vacancies_only_, {DelegationScope::kVacancies});
  }

  void Grant(const std::string& holder, std::vector<DelegationScope> scopes) {
    auto d = delegations_->Grant(
        acme_rep_, {kAcme, DelegationKind::kDelegate, holder, std::nullopt, std::move(scopes),
                    absl::CivilDay(2026, 12, 1), std::nullopt, "hr", ""});
    ASSERT_TRUE(d.ok()) << d.status();
  }

  static ServiceRequestDraft Draft(
      ServiceRequestKind kind = ServiceRequestKind::kTraineeshipActivation) {
    return {kind, "Attivazione tirocinio", "Vorremmo attivare un tirocinio in amministrazione.",
            ""};
  }

  std::string Open(const std::string& request_id = "") {
    auto r = requests_->Create(acme_, Draft(), request_id);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->request.id : "";
  }

  absl::StatusOr<store::StoredServiceRequest> Step(const Caller& who, const std::string& id,
                                                   Action action, std::string message = "",
                                                   ServiceRequestOutcome outcome = {}) {
    return requests_->Transition(who, id, {action, outcome, std::move(message)});
  }

  // The outbox's events, decoded.
  std::vector<events::v1::Event> Events() {
    std::vector<events::v1::Event> out;
    auto tx = db_->Begin();
    auto r = (*tx)->Execute("SELECT payload FROM outbox ORDER BY id", {});
    for (const auto& row : r->rows) {
      std::string bytes;
      events::v1::Event e;
      if (absl::Base64Unescape(row.Str(0), &bytes) && e.ParseFromString(bytes)) out.push_back(e);
    }
    return out;
  }

  static constexpr char kAcme[] = "01234567897";
  static constexpr char kBeta[] = "09876543217";
  const std::string vacancies_only_ = FiscalCode("VRDLGU75A01L219");
  const Caller acme_rep_ = ActingFor(rep_, kAcme);
  const Caller acme_ = ActingFor(delegate_, kAcme);
  const Caller torino_ = Operator("CPI-TO-15");
  std::unique_ptr<ServiceRequestManager> requests_;
};

TEST_F(ServiceRequestsTest, ADelegateWithTheScopeOpensARequestForTheCompetentCpi) {
  auto r = requests_->Create(acme_, Draft(), "req-1");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->request.cpi_code, "CPI-TO-15");  // the registered office is in Torino
  EXPECT_EQ(r->request.state, State::kSubmitted);
  EXPECT_EQ(r->request.created_by, delegate_);
  EXPECT_EQ(r->company_name, "ACME S.R.L.");
  // The same request id answers the same request.
  EXPECT_EQ(requests_->Create(acme_, Draft(), "req-1")->request.id, r->request.id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM service_requests"), 1);

  EXPECT_THAT(requests_->Create(ActingFor(vacancies_only_, kAcme), Draft(), ""),
              HasReason("SCOPE_NOT_DELEGATED"));
  EXPECT_THAT(requests_->Create(ActingFor(delegate_, kBeta), Draft(), ""),
              HasReason("NO_ROLE_FOR_COMPANY"));
  EXPECT_THAT(requests_->Create(Citizen(delegate_), Draft(), ""),
              HasReason("NOT_ACTING_FOR_COMPANY"));
  EXPECT_THAT(requests_->Create(torino_, Draft(), ""), HasReason("NOT_ACTING_FOR_COMPANY"));
  ServiceRequestDraft blank = Draft();
  blank.subject = "   ";
  EXPECT_THAT(requests_->Create(acme_, blank, ""), HasReason("SUBJECT_REQUIRED"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM service_requests"), 1);

  // Who reads it: the company's people with the scope, its CPI, administrators.
  EXPECT_EQ(requests_->Get(acme_, r->request.id)->second, ServiceRequestReader::kCompany);
  EXPECT_EQ(requests_->Get(torino_, r->request.id)->second, ServiceRequestReader::kStaff);
  EXPECT_TRUE(
      requests_->Get(Caller{.subject = "admin-1", .role = Role::kAdmin}, r->request.id).ok());
  EXPECT_THAT(requests_->Get(ActingFor(vacancies_only_, kAcme), r->request.id),
              HasReason("SCOPE_NOT_DELEGATED"));
  EXPECT_THAT(requests_->Get(ActingFor(consultant_, kBeta), r->request.id),
              HasReason("SERVICE_REQUEST_NOT_FOUND"));
  EXPECT_THAT(requests_->Get(acme_, "no-such-id"), HasReason("SERVICE_REQUEST_NOT_FOUND"));
}

TEST_F(ServiceRequestsTest, APreselectionForAVacancyGoesToTheVacancysCpi) {
  VacancyContent alba = Developer();
  alba.workplace_municipality = "004003";  // Alba (CN)
  auto v = vacancies_->Create(acme_rep_, alba, "");
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_FALSE(v->cpi_code.empty());
  ASSERT_NE(v->cpi_code, "CPI-TO-15");
  ServiceRequestDraft d = Draft(ServiceRequestKind::kPreselection);
  d.vacancy_id = v->vacancy.id;
  auto r = requests_->Create(acme_, d, "");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->request.cpi_code, v->cpi_code);
  EXPECT_EQ(r->request.vacancy_id, v->vacancy.id);
  // Torino's operators do not handle it; Alba's do.
  EXPECT_THAT(requests_->Get(torino_, r->request.id), HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(Step(Operator(v->cpi_code), r->request.id, Action::kTakeInCharge), IsOk());

  d.vacancy_id = "01900000-0000-7000-8000-000000000000";
  EXPECT_THAT(requests_->Create(acme_, d, ""), HasReason("LINKED_VACANCY_NOT_FOUND"));
  d.kind = ServiceRequestKind::kIncentivesInformation;
  d.vacancy_id = v->vacancy.id;
  EXPECT_THAT(requests_->Create(acme_, d, ""), HasReason("VACANCY_ONLY_FOR_PRESELECTION"));
  ASSERT_TRUE(vacancies_
                  ->Transition(acme_rep_, v->vacancy.id,
                               {VacancyAction::kClose, {}, ClosureReason::kWithdrawn})
                  .ok());
  d.kind = ServiceRequestKind::kPreselection;
  EXPECT_THAT(requests_->Create(acme_, d, ""), HasReason("LINKED_VACANCY_CLOSED"));
}

TEST_F(ServiceRequestsTest, OperatorsOfAnotherCpiAreRefused) {
  const std::string id = Open();
  const Caller cuneo = Operator("CPI-CN-01");
  EXPECT_THAT(requests_->Get(cuneo, id), HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(Step(cuneo, id, Action::kTakeInCharge), HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(requests_->AddMessage(cuneo, id, "Buongiorno"), HasReason("OUTSIDE_OPERATOR_CPI"));
  auto listed = requests_->List(cuneo, {}, 0, "");
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(listed->requests, SizeIs(0));
  // Nor may the company take the operator's steps.
  EXPECT_THAT(Step(acme_, id, Action::kTakeInCharge),
              HasReason("SERVICE_REQUEST_ACTION_NOT_ALLOWED"));
}

TEST_F(ServiceRequestsTest, TheThreadAndTheStatesFromSubmissionToReopening) {
  const std::string id = Open();
  ASSERT_THAT(requests_->AddMessage(acme_, id, "Il tirocinante è già individuato."), IsOk());
  ASSERT_THAT(Step(torino_, id, Action::kTakeInCharge), IsOk());
  ASSERT_THAT(Step(torino_, id, Action::kAsk, "Quale soggetto promotore?"), IsOk());
  EXPECT_THAT(Step(torino_, id, Action::kAsk, "E la durata?"),
              HasReason("INVALID_SERVICE_REQUEST_TRANSITION"));
  ASSERT_THAT(Step(acme_, id, Action::kAnswer, "L'Università di Torino."), IsOk());
  ASSERT_THAT(requests_->AddMessage(torino_, id, "Grazie, procediamo."), IsOk());
  EXPECT_THAT(Step(torino_, id, Action::kClose), HasReason("OUTCOME_REQUIRED"));
  auto closed = Step(torino_, id, Action::kClose, "", ServiceRequestOutcome::kResolved);
  ASSERT_THAT(closed, IsOk());
  EXPECT_EQ(closed->request.state, State::kClosed);
  EXPECT_THAT(requests_->AddMessage(acme_, id, "Ancora una cosa"),
              HasReason("SERVICE_REQUEST_CLOSED"));

  clock_.Advance(absl::Hours(24 * 10));
  auto reopened = Step(acme_, id, Action::kReopen, "Manca la convenzione.");
  ASSERT_THAT(reopened, IsOk());
  EXPECT_EQ(reopened->request.state, State::kAnswered);
  ASSERT_THAT(Step(torino_, id, Action::kClose, "Serve una nuova richiesta.",
                   ServiceRequestOutcome::kRejected),
              IsOk());
  clock_.Advance(absl::Hours(24 * 31));
  EXPECT_THAT(Step(acme_, id, Action::kReopen, "Di nuovo"), HasReason("REOPEN_WINDOW_EXPIRED"));

  auto seen = requests_->Get(acme_, id);
  ASSERT_TRUE(seen.ok()) << seen.status();
  const ServiceRequest& r = seen->first.request;
  EXPECT_EQ(r.outcome, ServiceRequestOutcome::kRejected);
  EXPECT_EQ(r.handler, "op-CPI-TO-15");
  ASSERT_THAT(r.messages, SizeIs(6));
  std::vector<std::pair<ServiceRequestSide, Action>> thread;
  for (const ServiceRequestMessage& m : r.messages) thread.emplace_back(m.side, m.action);
  using S = ServiceRequestSide;
  EXPECT_EQ(thread, (std::vector<std::pair<S, Action>>{{S::kCompany, Action::kUnspecified},
                                                       {S::kOperator, Action::kAsk},
                                                       {S::kCompany, Action::kAnswer},
                                                       {S::kOperator, Action::kUnspecified},
                                                       {S::kCompany, Action::kReopen},
                                                       {S::kOperator, Action::kClose}}));
  EXPECT_EQ(r.messages[2].text, "L'Università di Torino.");
  EXPECT_EQ(r.messages[2].author, delegate_);
  EXPECT_EQ(seen->first.message_count, 6);
  ASSERT_THAT(r.history, SizeIs(7));  // submit, take, ask, answer, close, reopen, close
  EXPECT_EQ(r.history[5].action, Action::kReopen);
  EXPECT_EQ(r.history[5].from, State::kClosed);

  // The outbox: the creation and each step, on the topic, keyed by the request; no text.
  std::vector<std::string> types;
  for (const events::v1::Event& e : Events()) {
    if (e.subject() != id) continue;
    types.push_back(e.type());
    for (const ServiceRequestMessage& m : r.messages) {
      EXPECT_EQ(e.data().value().find(m.text), std::string::npos) << e.type();
    }
    EXPECT_EQ(e.data().value().find(r.subject), std::string::npos) << e.type();
  }
  const std::string created = "sisl.enterprise.v1.ServiceRequestCreated";
  const std::string changed = "sisl.enterprise.v1.ServiceRequestStateChanged";
  EXPECT_EQ(types, (std::vector<std::string>{created, changed, changed, changed, changed, changed,
                                             changed}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE topic = 'sisl.enterprise.servicerequests.v1'"),
            7);
  enterprise::v1::ServiceRequestStateChanged last;
  ASSERT_TRUE(Events().back().data().UnpackTo(&last));
  EXPECT_EQ(last.to_state(), enterprise::v1::SERVICE_REQUEST_STATE_CLOSED);
  EXPECT_EQ(last.outcome(), enterprise::v1::SERVICE_REQUEST_OUTCOME_REJECTED);
  EXPECT_EQ(last.actor_side(), enterprise::v1::SERVICE_REQUEST_SIDE_OPERATOR);
}

TEST_F(ServiceRequestsTest, ListsArePagedFilteredAndScoped) {
  std::set<std::string> opened;
  for (int i = 0; i < 5; ++i) opened.insert(Open());
  ASSERT_THAT(Step(torino_, *opened.begin(), Action::kTakeInCharge), IsOk());

  for (const Caller& who : {acme_, torino_}) {
    std::set<std::string> seen;
    std::string token;
    int pages = 0;
    do {
      auto page = requests_->List(who, {}, 2, token);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const auto& s : page->requests) seen.insert(s.request.id);
      EXPECT_TRUE(page->requests.front().request.messages.empty());
      token = page->next_page_token;
      ++pages;
    } while (!token.empty() && pages < 10);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, opened);
  }
  auto taken = requests_->List(torino_, {State::kTakenInCharge}, 0, "");
  ASSERT_TRUE(taken.ok());
  ASSERT_THAT(taken->requests, SizeIs(1));
  EXPECT_EQ(taken->requests[0].request.id, *opened.begin());
  auto first = requests_->List(acme_, {}, 2, "");
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(requests_->List(acme_, {State::kSubmitted}, 2, first->next_page_token),
              HasReason("INVALID_PAGE_TOKEN"));
  EXPECT_THAT(requests_->List(ActingFor(vacancies_only_, kAcme), {}, 0, ""),
              HasReason("SCOPE_NOT_DELEGATED"));
  auto beta = requests_->List(ActingFor(consultant_, kBeta), {}, 0, "");
  ASSERT_TRUE(beta.ok()) << beta.status();
  EXPECT_THAT(beta->requests, SizeIs(0));
}

TEST_F(ServiceRequestsTest, AChangeBasedOnAnOlderReadIsAConflict) {
  const std::string id = Open();
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  auto current = store::ServiceRequestStore::Get(**tx, id);
  ASSERT_TRUE(current.ok()) << current.status();
  auto next = AddServiceRequestMessage(current->request, ServiceRequestSide::kCompany, delegate_,
                                       "uno", clock_.Now());
  ASSERT_TRUE(next.ok());
  ASSERT_THAT(store::ServiceRequestStore::Update(**tx, *current, *next, clock_.Now()), IsOk());
  EXPECT_THAT(store::ServiceRequestStore::Update(**tx, *current, *next, clock_.Now()),
              HasReason("DB_CONFLICT"));
}

}  // namespace
}  // namespace sisl::enterprise
