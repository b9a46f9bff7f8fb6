// sisl-enterprise on the real stack (PostgreSQL, Kafka, Redis of deploy/infra.sh): a vacancy
// taken through its life cycle over gRPC reaches Kafka as exactly the events its committed
// changes wrote to the outbox: published, suspended, resumed, closed; a refused step and the
// steps before publication publish nothing on the vacancies topic.
#include <chrono>
#include <filesystem>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/db/database.h"
#include "services/platform/ids.h"
#include "services/platform/testing/test_keys.h"
#include "services/reference/vat_number.h"
#include "sisl/enterprise/v1/companies.grpc.pb.h"
#include "sisl/enterprise/v1/vacancies.grpc.pb.h"
#include "sisl/enterprise/v1/vacancy_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/integration/event_reader.h"
#include "tests/support/child_process.h"

namespace sisl::testing_env {
namespace {

using namespace enterprise::v1;  // NOLINT: test brevity
using platform::auth::Caller;
using platform::auth::Role;

constexpr char kTopic[] = "sisl.enterprise.vacancies.v1";
constexpr char kRep[] = "RSSMRA85C12L219B";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// A company fiscal code of this run's own (the shared database keeps earlier runs' companies).
std::string FreshCompanyCode() {
  std::mt19937_64 rng(std::random_device{}());
  std::string first10 = absl::StrCat(1000000000 + rng() % 8999999999ULL);
  return first10 + *reference::VatNumberCheckDigit(first10);
}

class EnterpriseEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string pg = Env("SISL_TEST_PG_URL");
    kafka_ = Env("SISL_TEST_KAFKA");
    ASSERT_FALSE(pg.empty() || kafka_.empty() || Env("SISL_TEST_REDIS").empty())
        << "run deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
    grpc_ = absl::StrCat("127.0.0.1:", FreePort());
    std::map<std::string, std::string> env = {
        {"SISL_DATABASE_URL", pg},
        {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
        {"SISL_CACHE_ADDRESS", Env("SISL_TEST_REDIS")},
        {"SISL_SERVICE_GRPC_ADDRESS", grpc_},
        {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())}};
    env.merge(keys_->Env(/*gateway=*/false));
    person_ids_ = std::make_unique<platform::auth::PersonIdHasher>(
        keys_->Env(false).at("SISL_AUTH_PERSON_ID_KEY"));
    process_ = std::make_unique<ChildProcess>(
        BinaryPath("services/enterprise/sisl-enterprise"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/enterprise.yaml")}, env,
        (std::filesystem::temp_directory_path() / "sisl-it-enterprise-events.log").string());
    ASSERT_TRUE(process_->Start() && process_->WaitForGrpc(grpc_, std::chrono::seconds(60)))
        << "sisl-enterprise did not start; see " << process_->log_path();
    auto db = platform::db::OpenDatabase({.url = pg, .pool_size = 1, .schema = "enterprise"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    auto channel = grpc::CreateChannel(grpc_, grpc::InsecureChannelCredentials());
    companies_ = CompaniesService::NewStub(channel);
    vacancies_ = VacanciesService::NewStub(channel);
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, "enterprise"));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }

  grpc::Status Step(const Caller& caller, const std::string& id, VacancyAction action,
                    ClosureReason closure = CLOSURE_REASON_UNSPECIFIED) {
    TransitionVacancyRequest r;
    r.set_vacancy_id(id);
    r.set_action(action);
    r.set_closure_reason(closure);
    TransitionVacancyResponse out;
    return vacancies_->TransitionVacancy(As(caller).get(), r, &out);
  }

  // The outbox ids on the vacancies topic after `marker`, in order.
  std::vector<std::string> CommittedAfter(const std::string& marker) {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute("SELECT id FROM outbox WHERE topic = $1 AND id > $2 ORDER BY id",
                            {std::string(kTopic), marker});
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& row : r->rows) out.push_back(row.Str(0));
    }
    return out;
  }

  std::unique_ptr<platform::testing::TestKeys> keys_ = platform::testing::TestKeys::Create();
  std::unique_ptr<platform::auth::PersonIdHasher> person_ids_;
  std::string kafka_, grpc_;
  std::unique_ptr<ChildProcess> process_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<CompaniesService::Stub> companies_;
  std::unique_ptr<VacanciesService::Stub> vacancies_;
};

TEST_F(EnterpriseEventsTest, AVacancysCommittedStepsReachKafkaExactlyOnceEach) {
  const std::string marker = platform::NewUuidV7();
  const std::string company = FreshCompanyCode();
  const Caller citizen{
      .subject = person_ids_->PersonId(kRep), .role = Role::kCitizen, .fiscal_code = kRep};
  RegisterCompanyRequest reg;
  Company* c = reg.mutable_company();
  c->set_fiscal_code(company);
  c->set_name("EVENTI SRL");
  c->set_legal_form(LEGAL_FORM_LIMITED_COMPANY);
  c->set_ateco_code("62.10.00");
  c->set_sector(SECTOR_PRIVATE);
  c->mutable_registered_office()->set_municipality("001272");
  c->mutable_registered_office()->set_address("Via Roma 1");
  c->set_pec("eventi@pec.example.it");
  RegisterCompanyResponse registered;
  grpc::Status st = companies_->RegisterCompany(As(citizen).get(), reg, &registered);
  ASSERT_TRUE(st.ok()) << st.error_message();

  const Caller rep{.subject = citizen.subject, .role = Role::kCompany, .acting_for = company};
  const Caller torino{.subject = "op-to", .role = Role::kOperator, .cpi_code = "CPI-TO-15"};
  CreateVacancyRequest create;
  VacancyContent* v = create.mutable_content();
  v->set_title("Tecnico di laboratorio");
  v->set_description("Analisi e controllo qualita in laboratorio.");
  v->set_profession_code("2.1.1.4.1");
  v->set_positions(1);
  v->set_contract_type("A.01.00");
  v->set_workplace_municipality("001272");
  v->set_working_time("F");
  absl::TimeZone rome;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &rome));
  v->set_publication_date(absl::FormatTime("%Y-%m-%d", absl::Now(), rome));
  v->set_expiry_date(absl::FormatTime("%Y-%m-%d", absl::Now() + absl::Hours(24 * 60), rome));
  CreateVacancyResponse created;
  st = vacancies_->CreateVacancy(As(rep).get(), create, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string id = created.vacancy().vacancy_id();

  st = Step(rep, id, VACANCY_ACTION_SUBMIT);
  ASSERT_TRUE(st.ok()) << st.error_message();
  // A refused step (the company may not approve) commits nothing.
  EXPECT_EQ(Step(rep, id, VACANCY_ACTION_APPROVE).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Step(torino, id, VACANCY_ACTION_APPROVE).ok());  // publication day: goes online
  ASSERT_TRUE(Step(rep, id, VACANCY_ACTION_SUSPEND).ok());
  ASSERT_TRUE(Step(rep, id, VACANCY_ACTION_RESUME).ok());
  ASSERT_TRUE(Step(rep, id, VACANCY_ACTION_CLOSE, CLOSURE_REASON_FILLED).ok());

  const std::vector<std::string> committed = CommittedAfter(marker);
  ASSERT_EQ(committed.size(), 4u);
  std::vector<std::string> seen_types;
  std::set<std::string> seen_ids;
  ConsumeAfter(kafka_, kTopic, marker, committed.size(), std::chrono::seconds(60),
               [&](const platform::bus::Message& m) {
                 events::v1::Event e;
                 if (!e.ParseFromString(m.payload)) return absl::InternalError("not an Event");
                 if (m.key != id) return absl::OkStatus();  // another run's vacancy
                 if (seen_ids.insert(e.id()).second) seen_types.push_back(e.type());
                 return absl::OkStatus();
               });
  EXPECT_EQ(std::set<std::string>(committed.begin(), committed.end()), seen_ids);
  EXPECT_EQ(seen_types,
            (std::vector<std::string>{
                "sisl.enterprise.v1.VacancyPublished", "sisl.enterprise.v1.VacancyChanged",
                "sisl.enterprise.v1.VacancyChanged", "sisl.enterprise.v1.VacancyClosed"}));
}

}  // namespace
}  // namespace sisl::testing_env
