// Matching end to end on the real stack (PostgreSQL, Kafka, Redis of deploy/infra.sh):
// sisl-enterprise, sisl-communications and two sisl-matching replicas as their own processes,
// called over gRPC with tokens minted as the gateway mints them. A company publishes a vacancy
// (enterprise's events reach matching's replica); a citizen writes her profile and an operator of
// her CPI validates it; the operator matches (explanations add up to the score; "why not" names the
// filter), shortlists, proposes; the citizen accepts; the operator sends her to the company,
// which sees her profile; the company files her hire in communications and the proposal turns
// HIRED with no operator action (the loop), the position counts as filled, the profile is
// employed and enterprise closes the vacancy as filled. Who may see what is checked on the way; the
// proposal's steps reach Kafka once each.
#include <chrono>
#include <filesystem>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "librdkafka/rdkafkacpp.h"
#include "services/communications/api/content_mapping.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/ids.h"
#include "services/platform/testing/test_keys.h"
#include "services/reference/vat_number.h"
#include "sisl/communications/v1/communications.grpc.pb.h"
#include "sisl/enterprise/v1/companies.grpc.pb.h"
#include "sisl/enterprise/v1/vacancies.grpc.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "sisl/matching/v1/matching.grpc.pb.h"
#include "sisl/matching/v1/professions.grpc.pb.h"
#include "sisl/matching/v1/profiles.grpc.pb.h"
#include "sisl/matching/v1/proposal_events.pb.h"
#include "sisl/matching/v1/proposals.grpc.pb.h"
#include "tests/integration/event_reader.h"
#include "tests/support/child_process.h"
#include "tests/support/co_generator.h"

namespace sisl::testing_env {
namespace {

namespace ev1 = ::sisl::enterprise::v1;
namespace mv1 = ::sisl::matching::v1;
namespace cv1 = ::sisl::communications::v1;
namespace co = ::sisl::communications;
using platform::auth::Caller;
using platform::auth::Role;

constexpr char kRep[] = "RSSMRA85C12L219B";
constexpr char kGiulia[] = "BNCGLI92L64D205V";
constexpr char kOther[] = "VRDLGU80A01L219I";  // a second citizen

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string FreshCompanyCode() {
  std::mt19937_64 rng(std::random_device{}());
  std::string first10 = absl::StrCat(1000000000 + rng() % 8999999999ULL);
  return first10 + *reference::VatNumberCheckDigit(first10);
}

absl::CivilDay Today() {
  absl::TimeZone rome;
  (void)absl::LoadTimeZone("Europe/Rome", &rome);
  return absl::ToCivilDay(absl::Now(), rome);
}

class MatchingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string pg = Env("SISL_TEST_PG_URL");
    kafka_ = Env("SISL_TEST_KAFKA");
    ASSERT_FALSE(pg.empty() || kafka_.empty() || Env("SISL_TEST_REDIS").empty())
        << "run deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
    person_ids_ = std::make_unique<platform::auth::PersonIdHasher>(
        keys_->Env(false).at("SISL_AUTH_PERSON_ID_KEY"));
    const std::string group_prefix = absl::StrCat("it-matching.", platform::NewUuidV7(), ".");
    StartGroupAtEnd(
        kafka_, group_prefix + "matching-communications",
        {"sisl.communications.communications.v1", "sisl.communications.relationships.v1"});
    // Two matching replicas: each keeps its own index, kept current by events.
    for (const char* name : {"enterprise", "communications", "matching", "matching"}) {
      const std::string grpc = absl::StrCat("127.0.0.1:", FreePort());
      std::map<std::string, std::string> env = {
          {"SISL_DATABASE_URL", pg},
          {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
          {"SISL_CACHE_ADDRESS", Env("SISL_TEST_REDIS")},
          {"SISL_SERVICE_GRPC_ADDRESS", grpc},
          {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
          {"SISL_BUS_GROUP_PREFIX", group_prefix},
          {"SISL_COMMUNICATIONS_SPOOL_DIR",
           (std::filesystem::temp_directory_path() / "sisl-it-matching-spool").string()},
          {"SISL_MATCHING_SCHEDULE_INTERVAL", "1s"}};
      env.merge(keys_->Env(/*gateway=*/false));
      auto process = std::make_unique<ChildProcess>(
          BinaryPath(absl::StrCat("services/", name, "/sisl-", name)),
          std::vector<std::string>{"--config",
                                   SourcePath(absl::StrCat("deploy/config/", name, ".yaml"))},
          env,
          (std::filesystem::temp_directory_path() /
           absl::StrCat("sisl-it-matching-", name, processes_.size(), ".log"))
              .string());
      ASSERT_TRUE(process->Start() && process->WaitForGrpc(grpc, std::chrono::seconds(60)))
          << "sisl-" << name << " did not start; see " << process->log_path();
      auto channel = grpc::CreateChannel(grpc, grpc::InsecureChannelCredentials());
      if (std::string(name) == "enterprise") {
        companies_ = ev1::CompaniesService::NewStub(channel);
        vacancies_ = ev1::VacanciesService::NewStub(channel);
      } else if (std::string(name) == "communications") {
        communications_ = cv1::CommunicationsService::NewStub(channel);
      } else if (profiles_ != nullptr) {
        replica_ = mv1::MatchingService::NewStub(channel);
      } else {
        profiles_ = mv1::ProfilesService::NewStub(channel);
        matching_ = mv1::MatchingService::NewStub(channel);
        proposals_ = mv1::ProposalsService::NewStub(channel);
        professions_ = mv1::ProfessionsService::NewStub(channel);
      }
      processes_.push_back(std::move(process));
    }
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller, const std::string& audience) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, audience));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }
  std::unique_ptr<grpc::ClientContext> M(const Caller& caller) { return As(caller, "matching"); }

  Caller Citizen(const std::string& fiscal_code) const {
    return {.subject = person_ids_->PersonId(fiscal_code),
            .role = Role::kCitizen,
            .fiscal_code = fiscal_code,
            .spid_level = 2};
  }

  mv1::ProfileContent ProfileIn(const std::string& profession) const {
    mv1::ProfileContent c;
    mv1::DesiredProfession* d = c.add_desired_professions();
    d->set_profession_code(profession);
    c.set_education(mv1::EDUCATION_LEVEL_DEGREE);
    mv1::LanguageSkill* l = c.add_languages();
    l->set_language("en");
    l->set_level(mv1::CEFR_LEVEL_B2);
    c.add_driving_licences("B");
    c.set_domicile_municipality("001272");  // Torino
    c.set_mobility_radius_km(30);
    c.set_availability(mv1::AVAILABILITY_AVAILABLE);
    c.set_l68_category(mv1::L68_CATEGORY_NONE);
    c.set_visibility(mv1::VISIBILITY_VISIBLE_TO_COMPANIES);
    return c;
  }

  std::unique_ptr<platform::testing::TestKeys> keys_ = platform::testing::TestKeys::Create();
  std::unique_ptr<platform::auth::PersonIdHasher> person_ids_;
  std::string kafka_;
  std::vector<std::unique_ptr<ChildProcess>> processes_;
  std::unique_ptr<ev1::CompaniesService::Stub> companies_;
  std::unique_ptr<ev1::VacanciesService::Stub> vacancies_;
  std::unique_ptr<cv1::CommunicationsService::Stub> communications_;
  std::unique_ptr<mv1::ProfilesService::Stub> profiles_;
  std::unique_ptr<mv1::MatchingService::Stub> matching_;
  std::unique_ptr<mv1::ProposalsService::Stub> proposals_;
  std::unique_ptr<mv1::ProfessionsService::Stub> professions_;
  std::unique_ptr<mv1::MatchingService::Stub> replica_;  // the second sisl-matching
};

TEST_F(MatchingTest, AProposedCandidateHiredThroughCommunicationsClosesTheLoop) {
  const std::string marker = platform::NewUuidV7();
  const absl::CivilDay today = Today();
  // A company publishes a vacancy in Torino.
  const std::string company = FreshCompanyCode();
  const Caller rep_citizen = Citizen(kRep);
  ev1::RegisterCompanyRequest reg;
  ev1::Company* c = reg.mutable_company();
  c->set_fiscal_code(company);
  c->set_name("INCONTRO SRL");
  c->set_legal_form(ev1::LEGAL_FORM_LIMITED_COMPANY);
  c->set_ateco_code("62.10.00");
  c->set_sector(ev1::SECTOR_PRIVATE);
  c->mutable_registered_office()->set_municipality("001272");
  c->mutable_registered_office()->set_address("Via Roma 1");
  c->set_pec("incontro@pec.example.it");
  ev1::RegisterCompanyResponse registered;
  grpc::Status st =
      companies_->RegisterCompany(As(rep_citizen, "enterprise").get(), reg, &registered);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const Caller rep{.subject = rep_citizen.subject,
                   .role = Role::kCompany,
                   .acting_for = company,
                   .scopes = {"vacancies", "communications"},
                   .company_role = "legal_representative",
                   .spid_level = 2};
  ev1::CreateVacancyRequest create;
  ev1::VacancyContent* v = create.mutable_content();
  v->set_title("Tecnico di laboratorio");
  v->set_description("Analisi e controllo qualita in laboratorio.");
  v->set_profession_code("2.1.1.4.1");
  v->set_positions(1);
  v->set_contract_type("A.01.00");
  v->set_workplace_municipality("001272");
  v->set_working_time("F");
  v->set_publication_date(absl::FormatCivilTime(today));
  v->set_expiry_date(absl::FormatCivilTime(today + 60));
  ev1::CreateVacancyResponse created;
  st = vacancies_->CreateVacancy(As(rep, "enterprise").get(), create, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string vacancy = created.vacancy().vacancy_id();
  const std::string cpi = created.vacancy().cpi_code();
  const Caller op{
      .subject = "op-matching", .role = Role::kOperator, .cpi_code = cpi, .spid_level = 2};
  for (ev1::VacancyAction a : {ev1::VACANCY_ACTION_SUBMIT, ev1::VACANCY_ACTION_APPROVE}) {
    ev1::TransitionVacancyRequest t;
    t.set_vacancy_id(vacancy);
    t.set_action(a);
    ev1::TransitionVacancyResponse out;
    st = vacancies_->TransitionVacancy(
        As(a == ev1::VACANCY_ACTION_SUBMIT ? rep : op, "enterprise").get(), t, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // The profile editor's picker finds the profession by words of its name, without a login.
  mv1::SearchProfessionsRequest search;
  search.set_text("analisti software");
  mv1::SearchProfessionsResponse professions;
  grpc::ClientContext anonymous;
  st = professions_->SearchProfessions(&anonymous, search, &professions);
  ASSERT_TRUE(st.ok()) << st.error_message();
  bool found_profession = false;
  for (const mv1::Profession& p : professions.professions()) {
    found_profession |= p.code() == "2.1.1.4.1";
  }
  EXPECT_TRUE(found_profession) << professions.DebugString();

  // Giulia writes her profile; another person looks for another profession.
  const Caller giulia = Citizen(kGiulia);
  mv1::UpdateMyProfileRequest mine;
  *mine.mutable_content() = ProfileIn("2.1.1.4.1");
  mine.set_given_name("Giulia");
  mine.set_family_name("Bianchi");
  mv1::UpdateMyProfileResponse saved;
  st = profiles_->UpdateMyProfile(M(giulia).get(), mine, &saved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(saved.profile().state(), mv1::PROFILE_STATE_TO_VALIDATE);
  ASSERT_EQ(saved.profile().cpi_code(), cpi) << "the vacancy's and Giulia's CPI should agree";
  const std::string giulia_id = giulia.subject;
  // Someone else may not read her profile; a citizen may not validate.
  mv1::ValidateProfileRequest validate;
  validate.set_person_id(giulia_id);
  mv1::ValidateProfileResponse validated;
  EXPECT_EQ(profiles_->ValidateProfile(M(giulia).get(), validate, &validated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const Caller elsewhere{
      .subject = "op-far", .role = Role::kOperator, .cpi_code = "CPI-NO-01", .spid_level = 2};
  EXPECT_EQ(profiles_->ValidateProfile(M(elsewhere).get(), validate, &validated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  st = profiles_->ValidateProfile(M(op).get(), validate, &validated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(validated.profile().state(), mv1::PROFILE_STATE_VALIDATED);
  EXPECT_EQ(validated.profile().expires_on(), absl::FormatCivilTime(today + 365));
  const Caller other = Citizen(kOther);
  mv1::UpdateMyProfileRequest theirs;
  *theirs.mutable_content() = ProfileIn("5.1.2.2.0");
  theirs.set_given_name("Luigi");
  theirs.set_family_name("Verdi");
  st = profiles_->UpdateMyProfile(M(other).get(), theirs, &saved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  validate.set_person_id(other.subject);
  ASSERT_TRUE(profiles_->ValidateProfile(M(op).get(), validate, &validated).ok());

  // The operator matches once the vacancy has reached matching's replica.
  mv1::MatchCandidatesRequest match;
  match.set_vacancy_id(vacancy);
  mv1::MatchCandidatesResponse found;
  for (int i = 0; i < 150; ++i) {
    found.Clear();
    st = matching_->MatchCandidates(M(op).get(), match, &found);
    if (st.ok() && found.candidates_size() > 0) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_TRUE(st.ok()) << st.error_message();
  const mv1::CandidateMatch* her = nullptr;
  for (const mv1::CandidateMatch& m : found.candidates()) {
    if (m.person_id() == giulia_id) her = &m;
    EXPECT_NE(m.person_id(), other.subject);
    int sum = 0;
    for (const mv1::Contribution& x : m.explanation()) sum += x.points();
    EXPECT_EQ(sum, m.score()) << "the explanation adds up to the score";
  }
  ASSERT_NE(her, nullptr);
  EXPECT_EQ(her->given_name(), "Giulia");
  EXPECT_GT(her->score(), 0);
  // The other replica's index learnt the vacancy and Giulia's validated profile from events.
  bool on_replica = false;
  for (int i = 0; i < 150 && !on_replica; ++i) {
    mv1::MatchCandidatesResponse there;
    if (replica_->MatchCandidates(M(op).get(), match, &there).ok()) {
      for (const mv1::CandidateMatch& m : there.candidates()) {
        on_replica |= m.person_id() == giulia_id && m.score() == her->score();
      }
    }
    if (!on_replica) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(on_replica) << "the second replica never matched Giulia with the same score";
  // Why not the other person: the profession filter.
  mv1::ExplainCandidateRequest why;
  why.set_vacancy_id(vacancy);
  why.set_person_id(other.subject);
  mv1::ExplainCandidateResponse because;
  ASSERT_TRUE(matching_->ExplainCandidate(M(op).get(), why, &because).ok());
  EXPECT_FALSE(because.matches());
  EXPECT_EQ(because.excluded_by(), "PROFESSION");
  // An operator of another CPI cannot match this vacancy.
  EXPECT_EQ(matching_->MatchCandidates(M(elsewhere).get(), match, &found).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Shortlist, propose, accept, send.
  mv1::ShortlistCandidateRequest shortlist;
  shortlist.set_vacancy_id(vacancy);
  shortlist.set_person_id(giulia_id);
  shortlist.set_note("profilo coerente");
  shortlist.set_request_id("short-" + vacancy);
  mv1::ShortlistCandidateResponse listed;
  st = proposals_->ShortlistCandidate(M(op).get(), shortlist, &listed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string proposal = listed.proposal().proposal_id();
  EXPECT_EQ(listed.proposal().score(), her->score());
  mv1::ShortlistCandidateResponse again;  // the same request again: the same proposal
  ASSERT_TRUE(proposals_->ShortlistCandidate(M(op).get(), shortlist, &again).ok());
  EXPECT_EQ(again.proposal().proposal_id(), proposal);
  auto step = [&](const Caller& who, mv1::ProposalAction action,
                  const std::function<void(mv1::TransitionProposalRequest&)>& fill = nullptr) {
    mv1::TransitionProposalRequest t;
    t.set_proposal_id(proposal);
    t.set_action(action);
    if (fill) fill(t);
    mv1::TransitionProposalResponse out;
    grpc::Status s = proposals_->TransitionProposal(M(who).get(), t, &out);
    return std::make_pair(s, out.proposal());
  };
  // The company sees nothing before it is sent; the citizen cannot accept before it is proposed.
  mv1::ListCompanyCandidatesRequest sent_req;
  sent_req.set_vacancy_id(vacancy);
  mv1::ListCompanyCandidatesResponse sent;
  ASSERT_TRUE(proposals_->ListCompanyCandidates(M(rep).get(), sent_req, &sent).ok());
  EXPECT_EQ(sent.candidates_size(), 0);
  EXPECT_EQ(step(giulia, mv1::PROPOSAL_ACTION_ACCEPT).first.error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  auto proposed = step(op, mv1::PROPOSAL_ACTION_PROPOSE,
                       [&](auto& t) { t.set_deadline(absl::FormatCivilTime(today + 7)); });
  ASSERT_TRUE(proposed.first.ok()) << proposed.first.error_message();
  mv1::ListMyProposalsRequest my_req;
  mv1::ListMyProposalsResponse my;
  ASSERT_TRUE(proposals_->ListMyProposals(M(giulia).get(), my_req, &my).ok());
  ASSERT_EQ(my.proposals_size(), 1);
  EXPECT_EQ(my.proposals(0).vacancy_title(), "Tecnico di laboratorio");
  mv1::GetProposalRequest get;
  get.set_proposal_id(proposal);
  mv1::GetProposalResponse got;
  EXPECT_EQ(proposals_->GetProposal(M(other).get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(step(giulia, mv1::PROPOSAL_ACTION_ACCEPT).first.ok());
  auto sent_step = step(op, mv1::PROPOSAL_ACTION_SEND,
                        [&](auto& t) { t.set_visible_from(absl::FormatCivilTime(today)); });
  ASSERT_TRUE(sent_step.first.ok()) << sent_step.first.error_message();
  ASSERT_TRUE(proposals_->ListCompanyCandidates(M(rep).get(), sent_req, &sent).ok());
  ASSERT_EQ(sent.candidates_size(), 1);
  EXPECT_EQ(sent.candidates(0).proposal().family_name(), "Bianchi");
  EXPECT_EQ(sent.candidates(0).profile().desired_professions(0).profession_code(), "2.1.1.4.1");
  const Caller stranger{.subject = rep.subject,
                        .role = Role::kCompany,
                        .acting_for = FreshCompanyCode(),
                        .scopes = {"vacancies"},
                        .spid_level = 2};
  EXPECT_EQ(proposals_->ListCompanyCandidates(M(stranger).get(), sent_req, &sent).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The company hires her through communications: the loop closes the proposal.
  co::testing::CommunicationGenerator gen({.seed = 5, .invalid_share = 0, .today = today});
  co::Communication hire;
  for (;;) {
    hire = gen.Next().communication;
    if (hire.form == co::Form::kUnilav && hire.event == co::EventKind::kHire &&
        hire.contract.contract_type == "A.02.00" && !hire.employer.public_administration) {
      break;
    }
  }
  hire.employer.fiscal_code = company;
  hire.employer.name = "INCONTRO SRL";
  hire.worker = co::Worker{};
  hire.worker.fiscal_code = kGiulia;
  hire.worker.surname = "Bianchi";
  hire.worker.name = "Giulia";
  hire.worker.sex = reference::Sex::kFemale;
  hire.worker.birth_date = absl::CivilDay(1992, 7, 24);
  hire.worker.birth_place_code = "D205";
  hire.worker.citizenship = "000";
  hire.worker.education_level = "40";
  hire.worker.domicile = {"L219", "10121", "Via Po 2"};
  cv1::FileCommunicationRequest file;
  file.set_request_id("hire-" + vacancy);
  *file.mutable_content() = co::api::ContentToProto(hire);
  cv1::FileCommunicationResponse filed;
  absl::Time accepted_at;
  for (int i = 0; i < 150; ++i) {
    st = communications_->FileCommunication(As(rep, "communications").get(), file, &filed);
    accepted_at = absl::Now();
    if (st.error_code() != grpc::StatusCode::PERMISSION_DENIED) break;
    absl::SleepFor(absl::Milliseconds(200));  // the delegation is still on its way
  }
  ASSERT_TRUE(st.ok()) << st.error_message();
  absl::Time hired_at;
  for (int i = 0; i < 500; ++i) {
    got.Clear();
    ASSERT_TRUE(proposals_->GetProposal(M(op).get(), get, &got).ok());
    if (got.proposal().state() == mv1::PROPOSAL_STATE_HIRED) {
      hired_at = absl::Now();
      break;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ(got.proposal().state(), mv1::PROPOSAL_STATE_HIRED) << "the loop did not close";
  const double latency_ms = absl::ToDoubleMilliseconds(hired_at - accepted_at);
  std::printf("loop latency: communication accepted -> proposal HIRED in %.0f ms\n", latency_ms);
  EXPECT_LT(latency_ms, 5000);
  EXPECT_EQ(got.proposal().history().rbegin()->actor_role(), "system");
  // The position is filled (one of one): the vacancy is out of matching; Giulia is employed.
  // Either replica may have applied the hire; the other learns it from VacancyPositionFilled.
  for (auto* replica : {matching_.get(), replica_.get()}) {
    mv1::MatchCandidatesResponse after;
    for (int i = 0; i < 100; ++i) {
      st = replica->MatchCandidates(M(op).get(), match, &after);
      if (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION) break;
      absl::SleepFor(absl::Milliseconds(50));
    }
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  }
  mv1::GetMyProfileRequest me;
  mv1::GetMyProfileResponse profile;
  ASSERT_TRUE(profiles_->GetMyProfile(M(giulia).get(), me, &profile).ok());
  EXPECT_EQ(profile.profile().content().availability(), mv1::AVAILABILITY_EMPLOYED);

  // Enterprise closes the vacancy as filled (VacancyPositionFilled, all positions).
  ev1::GetVacancyRequest get_vacancy;
  get_vacancy.set_vacancy_id(vacancy);
  ev1::GetVacancyResponse closed;
  for (int i = 0; i < 300; ++i) {
    closed.Clear();
    ASSERT_TRUE(vacancies_->GetVacancy(As(rep, "enterprise").get(), get_vacancy, &closed).ok());
    if (closed.vacancy().state() == ev1::VACANCY_STATE_CLOSED) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(closed.vacancy().state(), ev1::VACANCY_STATE_CLOSED);
  EXPECT_EQ(closed.vacancy().closure_reason(), ev1::CLOSURE_REASON_FILLED);

  // Every step of the proposal reached Kafka once: shortlist, propose, accept, send, hired.
  std::vector<mv1::ProposalState> states;
  std::set<std::string> ids;
  ConsumeAfter(kafka_, "sisl.matching.proposals.v1", marker, 6, std::chrono::seconds(60),
               [&](const platform::bus::Message& m) {
                 events::v1::Event e;
                 if (!e.ParseFromString(m.payload)) return absl::InternalError("not an Event");
                 mv1::ProposalChanged changed;
                 if (!e.data().UnpackTo(&changed) || changed.proposal_id() != proposal) {
                   return absl::OkStatus();
                 }
                 if (ids.insert(e.id()).second) states.push_back(changed.to_state());
                 return absl::OkStatus();
               });
  EXPECT_EQ(states, (std::vector<mv1::ProposalState>{
                        mv1::PROPOSAL_STATE_SHORTLISTED, mv1::PROPOSAL_STATE_PROPOSED,
                        mv1::PROPOSAL_STATE_ACCEPTED, mv1::PROPOSAL_STATE_SENT,
                        mv1::PROPOSAL_STATE_HIRED}));
}

}  // namespace
}  // namespace sisl::testing_env
