// L.68/1999 returns on a real store: the live computation, drafts, submission with a protocol
// number (late in February), correction by a new version, cancellation, who may do what, and
// the ministry's XML (export, import, schema errors with lines, three returns in one file).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "services/enterprise/app/l68_returns.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/l68_return_json.h"
#include "services/enterprise/xml/l68_xml.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/enterprise_test_support.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using store::L68ReturnState;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

L68Employee Line(int count, L68Role role = L68Role::kOrdinary) {
  L68Employee e;
  e.count = count;
  e.role = role;
  return e;
}

L68Employee Hours(int count, L68WorkingTime time, int minutes) {
  L68Employee e = Line(count);
  e.working_time = time;
  e.weekly_minutes = minutes;
  e.full_time_weekly_minutes = 40 * 60;
  return e;
}

std::vector<std::string> Codes(const L68Figure& f) {
  std::vector<std::string> out;
  for (const L68Step& s : f.steps) out.push_back(s.code);
  return out;
}

class L68ReturnsTest : public EnterpriseWorldTest {
 protected:
  void SetUp() override {
    EnterpriseWorldTest::SetUp();
    returns_ = std::make_unique<L68ReturnManager>(Deps{*db_, *committer_, clock_, hasher_});
    ASSERT_THAT(companies_->Register(Citizen(rep_), {Acme(), "", ""}), IsOk());
    Grant(delegate_, {DelegationScope::kL68Returns});
    Grant(clerk_, {DelegationScope::kVacancies});
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.ok());
    auto cpis = store::CompanyStore::CpisOf(**tx, "01234567897");
    ASSERT_TRUE(cpis.ok() && !cpis->empty());
    cpi_ = cpis->front();
  }

  void Grant(const std::string& holder, std::vector<DelegationScope> scopes) {
    auto d = delegations_->Grant(
        ActingFor(rep_, "01234567897"),
        {"01234567897", DelegationKind::kDelegate, holder, std::nullopt, std::move(scopes),
         absl::CivilDay(2026, 12, 1), std::nullopt, "ufficio personale", ""});
    ASSERT_THAT(d, IsOk());
  }

  void SetDay(int y, int m, int d) {
    clock_.Set(absl::FromCivil(absl::CivilSecond(y, m, d, 9, 0, 0), absl::UTCTimeZone()));
  }

  // Two provinces, part time, intermittent, an excluded category, protected workers on
  // 17/01/2000, an exemption, a suspension and a compensation.
  static L68ReturnInput Worked(int year = 2026) {
    L68ReturnInput in;
    in.year = year;
    in.registered_office_province = "TO";
    L68ProvinceInput to;
    to.province = "TO";
    to.employees = {Line(70), Hours(4, L68WorkingTime::kPartTime, 20 * 60),
                    Line(1, L68Role::kDisabled), Line(2, L68Role::kProtected)};
    to.employees[3].in_force_on_17_01_2000 = true;
    L68Employee apprentices = Line(3);
    apprentices.exclusion = L68Exclusion::kApprentice;
    to.employees.push_back(apprentices);
    to.exemption_percent = 20;
    L68ProvinceInput cn;
    cn.province = "CN";
    cn.employees = {Line(40), Hours(2, L68WorkingTime::kIntermittent, 10 * 60)};
    cn.suspension = L68Suspension{5, "CIGS autorizzata <decreto> & \"proroga\""};
    in.provinces = {to, cn};
    in.compensations = {{L68QuotaKind::kDisabled, "TO", "CN", 1}};
    return in;
  }

  std::string XmlOf(const std::string& id) {
    auto xml = returns_->ExportXml(delegate_caller_, id);
    EXPECT_THAT(xml, IsOk());
    return xml.ok() ? *xml : "";
  }

  std::unique_ptr<L68ReturnManager> returns_;
  std::string cpi_;
  const std::string clerk_ = FiscalCode("GLLFNC90A01L219");
  const Caller delegate_caller_ = ActingFor(delegate_, "01234567897");
  const Caller clerk_caller_ = ActingFor(clerk_, "01234567897");
};

TEST_F(L68ReturnsTest, ComputeExplainsEveryFigure) {
  L68ReturnInput in;
  in.year = 2026;
  in.registered_office_province = "TO";
  in.provinces = {{"TO", {Line(40)}, 0, 0, std::nullopt}};
  auto r = L68ReturnManager::Compute(in);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->category, L68CompanyCategory::kB);
  EXPECT_EQ(r->national.base.value, 40);
  EXPECT_EQ(r->national.quota.value, 2);
  EXPECT_EQ(r->national.uncovered.value, 2);
  EXPECT_THAT(Codes(r->national.base), Contains("BASE"));
  EXPECT_THAT(Codes(r->national.quota), Contains("COMPANY_CATEGORY"));
  for (const store::L68FigureField& f : store::L68FigureFields()) {
    EXPECT_THAT((r->national.*f.member).steps, Not(IsEmpty())) << f.name;
  }
  // The worked case of two provinces computes too, and a bad one names its field.
  EXPECT_THAT(L68ReturnManager::Compute(Worked()), IsOk());
  in.provinces[0].province = "ZZ";
  EXPECT_THAT(L68ReturnManager::Compute(in), HasReason("L68_UNKNOWN_PROVINCE"));
}

TEST_F(L68ReturnsTest, DraftSubmitLateCorrectAndCancel) {
  auto draft = returns_->Create(delegate_caller_, "", Worked(), "req-1");
  ASSERT_THAT(draft, IsOk());
  EXPECT_EQ(draft->state, L68ReturnState::kDraft);
  EXPECT_EQ(returns_->Create(delegate_caller_, "", Worked(), "req-1")->id, draft->id);
  EXPECT_THAT(returns_->Create(delegate_caller_, "", Worked(), "req-2"),
              HasReason("L68_RETURN_ALREADY_OPEN"));
  EXPECT_THAT(returns_->Submit(delegate_caller_, draft->id), HasReason("L68_RETURN_TOO_EARLY"));

  SetDay(2027, 2, 2);  // after 31 January: accepted and marked late
  auto submitted = returns_->Submit(delegate_caller_, draft->id);
  ASSERT_THAT(submitted, IsOk());
  EXPECT_EQ(submitted->state, L68ReturnState::kSubmitted);
  EXPECT_EQ(submitted->protocol, "PI-2027-000001");
  EXPECT_TRUE(submitted->late);
  EXPECT_TRUE(submitted->submitted_at.has_value());
  EXPECT_THAT(returns_->Update(delegate_caller_, draft->id, Worked()),
              HasReason("L68_RETURN_INVALID_STATE"));

  // An operator of the company's CPI asks for a correction; the company files it.
  EXPECT_THAT(returns_->RequestCorrection(Operator(cpi_), draft->id, ""),
              HasReason("L68_REASON_REQUIRED"));
  auto opened = returns_->RequestCorrection(Operator(cpi_), draft->id, "organico CN errato");
  ASSERT_THAT(opened, IsOk());
  EXPECT_EQ(opened->state, L68ReturnState::kUnderCorrection);
  L68ReturnInput fixed = Worked();
  fixed.provinces[1].employees[0].count = 45;
  ASSERT_THAT(returns_->Update(delegate_caller_, draft->id, fixed), IsOk());
  auto v2 = returns_->Correct(delegate_caller_, draft->id, std::nullopt, "organico rettificato");
  ASSERT_THAT(v2, IsOk());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->previous_id, draft->id);
  EXPECT_EQ(v2->chain_id, draft->id);
  EXPECT_EQ(v2->state, L68ReturnState::kSubmitted);
  EXPECT_EQ(v2->protocol, "PI-2027-000002");
  EXPECT_EQ(v2->filing.input.provinces[1].employees[0].count, 45);
  auto view = returns_->Get(Operator(cpi_), v2->id);
  ASSERT_THAT(view, IsOk());
  ASSERT_THAT(view->versions, SizeIs(2));
  EXPECT_EQ(view->versions[0].state, L68ReturnState::kCorrected);
  EXPECT_EQ(view->versions[1].id, v2->id);

  auto cancelled = returns_->Cancel(delegate_caller_, v2->id, "ritirato");
  ASSERT_THAT(cancelled, IsOk());
  EXPECT_EQ(cancelled->state, L68ReturnState::kCancelled);
  // Nothing open any more: a new draft for the year is allowed.
  auto again = returns_->Create(delegate_caller_, "", Worked(), "");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type ="
                  " 'sisl.enterprise.v1.L68ReturnSubmitted'"),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type ="
                  " 'sisl.enterprise.v1.L68CorrectionRequested'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE event_type ="
                  " 'sisl.enterprise.v1.L68ReturnCancelled'"),
            1);
}

TEST_F(L68ReturnsTest, OnTimeInJanuary) {
  auto draft = returns_->Create(delegate_caller_, "", Worked(), "");
  ASSERT_THAT(draft, IsOk());
  SetDay(2027, 1, 31);
  auto submitted = returns_->Submit(delegate_caller_, draft->id);
  ASSERT_THAT(submitted, IsOk());
  EXPECT_FALSE(submitted->late);
  auto page = returns_->List(Operator(cpi_), 2026, {L68ReturnState::kSubmitted}, 10, "");
  ASSERT_THAT(page, IsOk());
  ASSERT_THAT(page->returns, SizeIs(1));
  EXPECT_EQ(page->returns[0].company_name, "ACME S.R.L.");
}

TEST_F(L68ReturnsTest, WhoMayDoWhat) {
  // A delegate for vacancies only.
  EXPECT_THAT(returns_->Create(clerk_caller_, "", Worked(), ""), HasReason("SCOPE_NOT_DELEGATED"));
  auto draft = returns_->Create(delegate_caller_, "", Worked(), "");
  ASSERT_THAT(draft, IsOk());
  EXPECT_THAT(returns_->Get(clerk_caller_, draft->id), HasReason("SCOPE_NOT_DELEGATED"));
  EXPECT_THAT(returns_->List(clerk_caller_, 0, {}, 10, ""), HasReason("SCOPE_NOT_DELEGATED"));
  // Operators: their CPI's companies only, and they do not file.
  EXPECT_THAT(returns_->Get(Operator("CPI-XX-99"), draft->id), HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(returns_->ExportXml(Operator("CPI-XX-99"), draft->id),
              HasReason("OUTSIDE_OPERATOR_CPI"));
  EXPECT_THAT(returns_->Get(Operator(cpi_), draft->id), IsOk());
  SetDay(2027, 1, 10);
  EXPECT_THAT(returns_->Submit(Operator(cpi_), draft->id), HasReason("L68_ACTION_NOT_ALLOWED"));
  // Someone acting for another company does not see it.
  EXPECT_THAT(returns_->Get(ActingFor(delegate_, "09876543217"), draft->id),
              HasReason("L68_RETURN_NOT_FOUND"));
}

TEST_F(L68ReturnsTest, XmlRoundTripGivesTheSameReturn) {
  SetDay(2027, 1, 10);
  auto draft = returns_->Create(delegate_caller_, "", Worked(), "");
  ASSERT_THAT(draft, IsOk());
  auto submitted = returns_->Submit(delegate_caller_, draft->id);
  ASSERT_THAT(submitted, IsOk());
  const std::string xml = XmlOf(draft->id);
  EXPECT_THAT(xml::ValidateL68Xml(xml), IsOk());
  EXPECT_THAT(xml, HasSubstr("xmlns=\"http://servizi.lavoro.gov.it/UNIPI\""));
  EXPECT_THAT(xml, HasSubstr("protocollo=\"PI-2027-000001\""));
  EXPECT_THAT(xml, HasSubstr("<comune>L219</comune>"));
  EXPECT_THAT(xml, HasSubstr("<categoriaesclusa>0002</categoriaesclusa>"));
  ASSERT_THAT(returns_->Cancel(delegate_caller_, draft->id, "rifatto"), IsOk());

  auto results = returns_->ImportXml(delegate_caller_, xml, "imp-1");
  ASSERT_THAT(results, IsOk());
  ASSERT_THAT(*results, SizeIs(1));
  const L68ImportResult& res = (*results)[0];
  ASSERT_THAT(res.status, IsOk());
  EXPECT_EQ(res.company, "01234567897");
  EXPECT_EQ(res.year, 2026);
  auto imported = returns_->Get(delegate_caller_, res.id);
  ASSERT_THAT(imported, IsOk());
  EXPECT_EQ(imported->current.state, L68ReturnState::kDraft);
  EXPECT_EQ(store::L68InputToJson(imported->current.filing.input),
            store::L68InputToJson(submitted->filing.input));
  const L68Figures& a = imported->current.filing.figures.national;
  const L68Figures& b = submitted->filing.figures.national;
  for (const store::L68FigureField& f : store::L68FigureFields()) {
    EXPECT_EQ((a.*f.member).value, (b.*f.member).value) << f.name;
  }
  // The same request again creates nothing new.
  auto repeated = returns_->ImportXml(delegate_caller_, xml, "imp-1");
  ASSERT_THAT(repeated, IsOk());
  EXPECT_EQ((*repeated)[0].id, res.id);
}

TEST_F(L68ReturnsTest, XmlFailingTheSchemaIsRefusedWithLines) {
  SetDay(2027, 1, 10);
  auto draft = returns_->Create(delegate_caller_, "", Worked(), "");
  ASSERT_THAT(draft, IsOk());
  const std::string xml = XmlOf(draft->id);
  ASSERT_THAT(returns_->Cancel(delegate_caller_, draft->id, ""), IsOk());
  const std::string bad =
      absl::StrReplaceAll(xml, {{"<numero>70</numero>", "<numero>settanta</numero>"}});
  ASSERT_NE(bad, xml);
  auto results = returns_->ImportXml(delegate_caller_, bad, "");
  ASSERT_THAT(results, IsOk());
  ASSERT_THAT(*results, SizeIs(1));
  EXPECT_THAT((*results)[0].status, HasReason("XML_INVALID"));
  EXPECT_TRUE((*results)[0].id.empty());
  ASSERT_THAT((*results)[0].problems, Not(IsEmpty()));
  EXPECT_GT((*results)[0].problems[0].line, 1);
  EXPECT_THAT((*results)[0].problems[0].message, HasSubstr("settanta"));
  EXPECT_THAT(xml::ValidateL68Xml(bad), HasReason("XML_INVALID"));

  // Not well-formed: the document is refused whole, with the line of the error.
  auto broken = returns_->ImportXml(delegate_caller_, "<?xml version=\"1.0\"?>\n<prospetto\n<", "");
  EXPECT_THAT(broken, HasReason("XML_INVALID"));
  EXPECT_EQ(platform::ErrorMetadata(broken.status())["line"], "3");
  // No DOCTYPE (so no entities), no other root.
  EXPECT_THAT(returns_->ImportXml(delegate_caller_,
                                  "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x \"y\">]>\n"
                                  "<prospetto xmlns=\"http://servizi.lavoro.gov.it/UNIPI\"/>",
                                  ""),
              HasReason("XML_INVALID"));
  EXPECT_THAT(returns_->ImportXml(delegate_caller_, "<a/>", ""), HasReason("XML_INVALID"));
}

TEST_F(L68ReturnsTest, AFileOfThreeReturnsImportsThreeDrafts) {
  std::vector<xml::L68XmlReturn> many;
  for (int year : {2024, 2025, 2026}) {
    auto figures = L68ReturnManager::Compute(Worked(year));
    ASSERT_THAT(figures, IsOk());
    many.push_back({xml::XmlCompanyOf(Acme()), Worked(year), *figures, xml::L68XmlKind::kOrdinary,
                    "", "", clock_.Now()});
  }
  auto doc = xml::WriteL68Xml(many);
  ASSERT_THAT(doc, IsOk());
  EXPECT_THAT(*doc, HasSubstr("<prospetti"));
  auto results = returns_->ImportXml(delegate_caller_, *doc, "");
  ASSERT_THAT(results, IsOk());
  ASSERT_THAT(*results, SizeIs(3));
  for (const L68ImportResult& r : *results) {
    EXPECT_THAT(r.status, IsOk()) << r.index;
    EXPECT_FALSE(r.id.empty());
    EXPECT_GT(r.line, 1);
  }
  EXPECT_EQ((*results)[2].year, 2026);
  auto page = returns_->List(delegate_caller_, 0, {L68ReturnState::kDraft}, 10, "");
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(page->returns, SizeIs(3));
  // Importing again: each year already has its open return.
  auto again = returns_->ImportXml(delegate_caller_, *doc, "");
  ASSERT_THAT(again, IsOk());
  for (const L68ImportResult& r : *again) {
    EXPECT_THAT(r.status, HasReason("L68_RETURN_ALREADY_OPEN"));
  }
  // A delegate without the scope imports nothing.
  auto refused = returns_->ImportXml(clerk_caller_, *doc, "");
  ASSERT_THAT(refused, IsOk());
  EXPECT_THAT((*refused)[0].status, HasReason("SCOPE_NOT_DELEGATED"));
}

}  // namespace
}  // namespace sisl::enterprise
