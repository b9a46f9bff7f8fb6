// Communications end to end: sisl-gateway (development IdP), sisl-enterprise and
// sisl-communications as their own processes on the real PostgreSQL, Kafka and Redis. A company's
// legal representative grants a labour consultant the communications scope; communications
// learns it from enterprise's events; the consultant files a hire through REST, downloads its
// XML and corrects it; the worker sees the hire in their employment history; an operator finds
// it with an access reason; someone without the delegation is refused.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "services/communications/api/content_mapping.h"
#include "tests/integration/gateway_fixture.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {
namespace {

using nlohmann::json;
namespace co = ::sisl::communications;

constexpr char kAcme[] = "01234567897";
constexpr char kConsultant[] = "GLLCHR81B57A479P";  // consulente-lavoro

absl::CivilDay TodayHere() { return absl::ToCivilDay(absl::Now(), absl::LocalTimeZone()); }

json Company() {
  return {{"fiscalCode", kAcme},
          {"name", "ACME SRL"},
          {"legalForm", "LEGAL_FORM_LIMITED_COMPANY"},
          {"atecoCode", "62.10.00"},
          {"sector", "SECTOR_PRIVATE"},
          {"registeredOffice",
           {{"municipality", "001272"}, {"address", "Via Roma 1"}, {"postcode", "10121"}}},
          {"pec", "ufficio@pec.example.it"},
          {"workforce", 12}};
}

// A valid fixed-term hire by ACME of Giulia Bianchi (the development IdP's cittadina-2).
json GiuliaHire() {
  co::testing::CommunicationGenerator gen({.seed = 5, .invalid_share = 0, .today = TodayHere()});
  co::Communication c;
  for (;;) {
    c = gen.Next().communication;
    if (c.form == co::Form::kUnilav && c.event == co::EventKind::kHire &&
        c.contract.contract_type == "A.02.00" && !c.employer.public_administration) {
      break;
    }
  }
  c.employer.fiscal_code = kAcme;
  c.employer.name = "ACME SRL";
  c.worker = co::Worker{};
  c.worker.fiscal_code = "BNCGLI92L64D205V";
  c.worker.surname = "Bianchi";
  c.worker.name = "Giulia";
  c.worker.sex = reference::Sex::kFemale;
  c.worker.birth_date = absl::CivilDay(1992, 7, 24);
  c.worker.birth_place_code = "D205";
  c.worker.citizenship = "000";
  c.worker.education_level = "40";
  c.worker.domicile = {"D205", "12100", "Via Roma 2"};
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(co::api::ContentToProto(c), &out, options);
  return json::parse(out);
}

class CommunicationsTest : public GatewayFixture {
 protected:
  static absl::StatusOr<HttpResponse> Choose(WebUser& user, const std::string& role,
                                             const std::string& company) {
    return user.Post("/api/session/role", json{{"role", role}, {"actingFor", company}}.dump());
  }
};

TEST_F(CommunicationsTest, AConsultantFilesAHireTheWorkerSeesItAndStaffFindItAudited) {
  // Mario registers ACME and grants Chiara, a consultant, the communications scope.
  WebUser mario = Login("cittadino-1");
  ASSERT_EQ(Choose(mario, "citizen", "")->status, 200);
  auto made = mario.Post("/api/v1/companies", json{{"company", Company()}}.dump(), "reg-acme");
  ASSERT_TRUE(made.ok());
  ASSERT_EQ(made->status, 200) << made->body;
  mario = Login("cittadino-1");
  ASSERT_EQ(Choose(mario, "company", kAcme)->status, 200);
  auto grant = mario.Post(absl::StrCat("/api/v1/companies/", kAcme, "/delegations"),
                          json{{"kind", "DELEGATION_KIND_CONSULTANT"},
                               {"holderFiscalCode", kConsultant},
                               {"scopes", {"DELEGATION_SCOPE_COMMUNICATIONS"}},
                               {"validFrom", absl::FormatCivilTime(TodayHere())},
                               {"reason", "incarico"},
                               {"consultant", {{"orderNumber", "1234"}, {"orderProvince", "TO"}}}}
                              .dump(),
                          "grant-chiara");
  ASSERT_TRUE(grant.ok());
  ASSERT_EQ(grant->status, 200) << grant->body;
  WebUser chiara = Login("consulente-lavoro");
  ASSERT_EQ(Choose(chiara, "citizen", "")->status, 200);
  const std::string delegation = Json(*grant)["delegation"]["delegationId"];
  auto accepted = chiara.Post(absl::StrCat("/api/v1/delegations/", delegation, ":accept"), "{}");
  ASSERT_TRUE(accepted.ok());
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  chiara = Login("consulente-lavoro");
  ASSERT_EQ(Choose(chiara, "consultant", kAcme)->status, 200);

  // She files Giulia's hire once communications has the delegation from enterprise's events.
  const json hire = GiuliaHire();
  absl::StatusOr<HttpResponse> filed;
  for (int i = 0; i < 100; ++i) {
    filed = chiara.Post("/api/v1/communications",
                        json{{"requestId", "hire-giulia"}, {"content", hire}}.dump());
    ASSERT_TRUE(filed.ok());
    if (filed->status != 403 || Json(*filed)["reason"] != "DELEGATION_NOT_ACTIVE") break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_EQ(filed->status, 200) << filed->body;
  const json communication = Json(*filed)["communication"];
  const std::string code = communication["code"];
  EXPECT_EQ(code.size(), 16u);
  EXPECT_EQ(communication["state"], "COMMUNICATION_STATE_ACCEPTED");

  // The ministry's XML carries the code; the company's list has it.
  auto xml = chiara.Get(absl::StrCat("/api/v1/communications/", code, "/xml"));
  ASSERT_TRUE(xml.ok());
  ASSERT_EQ(xml->status, 200) << xml->body;
  EXPECT_NE(xml->body.find(code), std::string::npos);
  auto list = chiara.Get("/api/v1/communications");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(Json(*list)["communications"].size(), 1u);

  // A correction of the level replaces it and keeps the chain.
  json fixed = hire;
  fixed["contract"]["level"] = "C1";
  auto corrected = chiara.Post(absl::StrCat("/api/v1/communications/", code, ":correct"),
                               json{{"content", fixed}}.dump());
  ASSERT_TRUE(corrected.ok());
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  EXPECT_EQ(Json(*corrected)["communication"]["content"]["previousCode"], code);

  // Giulia sees the relationship and its two communications.
  WebUser giulia = Login("cittadina-2");
  ASSERT_EQ(Choose(giulia, "citizen", "")->status, 200);
  auto mine = giulia.Get("/api/v1/my/employment");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->status, 200) << mine->body;
  const json relationships = Json(*mine)["relationships"];
  ASSERT_EQ(relationships.size(), 1u) << mine->body;
  EXPECT_EQ(relationships[0]["employerFiscalCode"], kAcme);
  EXPECT_EQ(relationships[0]["steps"].size(), 2u);

  // An operator finds it with a reason; Mario, as a citizen, is no operator.
  WebUser paolo = Login("operatore-torino");
  auto chosen =
      paolo.Post("/api/session/role", json{{"role", "operator"}, {"cpiCode", "CPI-TO-15"}}.dump());
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  auto found =
      paolo.Get("/api/v1/employment:search?fiscalCode=BNCGLI92L64D205V&accessReason=colloquio");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_EQ(Json(*found)["relationships"].size(), 1u);
  ASSERT_EQ(Choose(mario, "citizen", "")->status, 200);
  auto refused = mario.Post("/api/v1/communications", json{{"content", hire}}.dump());
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_EQ(Json(*refused)["reason"], "NOT_ACTING_FOR_COMPANY");
}

}  // namespace
}  // namespace sisl::testing_env
