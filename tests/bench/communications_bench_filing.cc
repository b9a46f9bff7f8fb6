// communications_bench, single filings: the consultant's delegation through the gateway (as
// tests/integration/communications_test.cc makes it), then FileCommunication for valid hires of
// ACME, each a new worker, over gRPC with a minted token (the baseline) and through the gateway
// (REST POST /api/v1/communications with sessions logged in through the development IdP's SAML
// flow), with the same client threads.
//
// The gateway allows a session 5 writes a second (burst 20; RateLimitPolicyConfig, not a
// configuration key): one browser session of a consultant cannot file faster. So that the limit
// does not turn the measure into a measure of the limiter, each client thread spreads its
// filings over --sessions sessions of the consultant and keeps, per session, a mirror of that
// budget a little below it (4.5/s, burst 18): a request waits (paced_s in the LAT line) only
// when every session of its thread has spent its budget; a 429 still counts as an error.
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "nlohmann/json.hpp"
#include "services/communications/api/content_mapping.h"
#include "sisl/communications/v1/communications.grpc.pb.h"
#include "tests/bench/bench_pg.h"
#include "tests/bench/communications_bench.h"
#include "tests/support/co_generator.h"
#include "tests/support/http_client.h"

namespace sisl::bench::co {
namespace {

using nlohmann::json;
using testing_env::Browser;
using testing_env::HttpHeaders;
using testing_env::HttpRequest;
using testing_env::HttpResponse;
namespace cv1 = ::sisl::communications::v1;
namespace comms = ::sisl::communications;

constexpr double kSessionWritesPerSecond = 4.5;  // the gateway's: 5
constexpr double kSessionWriteBurst = 18;        // the gateway's: 20

// "http://host:port/path?q" -> "/path?q".
std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

absl::Status Failed(const std::string& what, const absl::StatusOr<HttpResponse>& r) {
  if (!r.ok()) return absl::UnavailableError(absl::StrCat(what, ": ", r.status().ToString()));
  return absl::FailedPreconditionError(
      absl::StrCat(what, ": HTTP ", r->status, " ", r->body.substr(0, 300)));
}

json Json(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

// A browser session of a demo user on the gateway.
struct WebSession {
  std::unique_ptr<Browser> browser;
  std::string csrf;
  double tokens = kSessionWriteBurst;
  absl::Time refilled = absl::Now();

  absl::StatusOr<HttpResponse> Post(const std::string& target, const std::string& body,
                                    const std::string& idempotency_key = "") {
    HttpRequest r;
    r.method = "POST";
    r.target = target;
    r.body = body;
    r.headers = {{"Content-Type", "application/json"}};
    if (!csrf.empty()) r.headers.emplace_back("X-CSRF-Token", csrf);
    if (!idempotency_key.empty()) r.headers.emplace_back("Idempotency-Key", idempotency_key);
    return browser->Send(std::move(r));
  }
};

// /spid/login with the development IdP, its SSO form, the user's choice, /spid/acs: the SAML
// path of GatewayFixture::Login.
absl::StatusOr<WebSession> Login(const Env& env, const std::string& demo_user) {
  WebSession u;
  u.browser = std::make_unique<Browser>(env.http);
  const std::string idp = "http://" + env.http + "/dev-idp";
  auto login = u.browser->Get("/spid/login?idp=" + testing_env::UrlEncode(idp) + "&return_to=/");
  if (!login.ok() || login->status != 200) return Failed("/spid/login", login);
  const std::optional<std::string> sso = testing_env::FormAction(login->body);
  if (!sso) return absl::FailedPreconditionError("/spid/login: no SSO form");
  auto idp_page = u.browser->PostForm(PathOf(*sso), testing_env::HiddenInputs(login->body));
  if (!idp_page.ok() || idp_page->status != 200) return Failed("the IdP's page", idp_page);
  HttpHeaders choice = testing_env::HiddenInputs(idp_page->body);
  choice.emplace_back("user", demo_user);
  auto answer = u.browser->PostForm(
      PathOf(testing_env::FormAction(idp_page->body).value_or("/dev-idp/login")), choice);
  if (!answer.ok() || answer->status != 200) return Failed("the IdP's answer", answer);
  auto acs =
      u.browser->PostForm(PathOf(testing_env::FormAction(answer->body).value_or("/spid/acs")),
                          testing_env::HiddenInputs(answer->body));
  if (!acs.ok() || acs->status != 200) return Failed("/spid/acs", acs);
  auto session = u.browser->Get("/api/session");
  if (!session.ok() || session->status != 200) return Failed("/api/session", session);
  const json j = Json(*session);
  if (!j.is_object() || !j.value("authenticated", false)) {
    return absl::FailedPreconditionError("/api/session: not authenticated after the login");
  }
  u.csrf = j.value("csrfToken", "");
  return u;
}

absl::Status Choose(WebSession& s, const std::string& role, const std::string& company) {
  auto r = s.Post("/api/session/role", json{{"role", role}, {"actingFor", company}}.dump());
  if (!r.ok() || r->status != 200) return Failed(absl::StrCat("choosing the role ", role), r);
  const json j = Json(*r);
  if (j.is_object() && j.contains("csrfToken") && j["csrfToken"].is_string()) {
    s.csrf = j["csrfToken"];
  }
  return absl::OkStatus();
}

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

// `n` valid UNILAV hires of private employers from the generator, made ACME's (each a new
// worker: the generator never reuses a fiscal code within a stream).
std::vector<comms::Communication> AcmeHires(const Env& env, size_t n) {
  comms::testing::CommunicationGenerator gen({.seed = static_cast<uint64_t>(env.Int("seed")) + 1000,
                                              .invalid_share = 0,
                                              .today = env.today});
  std::vector<comms::Communication> out;
  while (out.size() < n) {
    comms::testing::GeneratedRecord r = gen.Next();
    comms::Communication& c = r.communication;
    if (!r.valid || c.form != comms::Form::kUnilav || c.event != comms::EventKind::kHire ||
        c.nature != comms::Nature::kOrdinary || c.employer.public_administration) {
      continue;
    }
    c.employer.fiscal_code = kAcme;
    c.employer.name = "ACME SRL";
    out.push_back(std::move(c));
  }
  return out;
}

// Runs requests [begin, end) over `threads` threads, each calling `call(thread, index)`, which
// returns the request's latency in microseconds or -1 for an error.
Latencies Drive(int threads, size_t begin, size_t end,
                const std::function<int64_t(int, size_t, double*)>& call) {
  std::atomic<size_t> next{begin};
  std::vector<Latencies> per(threads);
  const absl::Time t0 = absl::Now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (;;) {
        const size_t i = next++;
        if (i >= end) break;
        const int64_t us = call(t, i, &per[t].paced_seconds);
        if (us < 0) {
          ++per[t].errors;
        } else {
          per[t].micros.push_back(us);
        }
      }
    });
  }
  for (std::thread& th : pool) th.join();
  Latencies all;
  all.seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  for (Latencies& l : per) {
    all.micros.insert(all.micros.end(), l.micros.begin(), l.micros.end());
    all.errors += l.errors;
    all.paced_seconds += l.paced_seconds;
  }
  return all;
}

}  // namespace

absl::Status SetUpConsultant(const Env& env) {
  // Mario (cittadino-1) registers ACME and grants Chiara, the consultant, the communications
  // scope; she accepts (as in tests/integration/communications_test.cc).
  absl::StatusOr<WebSession> mario = Login(env, "cittadino-1");
  if (!mario.ok()) return mario.status();
  if (absl::Status st = Choose(*mario, "citizen", ""); !st.ok()) return st;
  auto made = mario->Post("/api/v1/companies", json{{"company", Company()}}.dump(), "reg-acme");
  if (!made.ok() || made->status != 200) return Failed("registering ACME", made);
  mario = Login(env, "cittadino-1");
  if (!mario.ok()) return mario.status();
  if (absl::Status st = Choose(*mario, "company", kAcme); !st.ok()) return st;
  auto grant = mario->Post(absl::StrCat("/api/v1/companies/", kAcme, "/delegations"),
                           json{{"kind", "DELEGATION_KIND_CONSULTANT"},
                                {"holderFiscalCode", kConsultant},
                                {"scopes", {"DELEGATION_SCOPE_COMMUNICATIONS"}},
                                {"validFrom", absl::FormatCivilTime(env.today)},
                                {"reason", "incarico"},
                                {"consultant", {{"orderNumber", "1234"}, {"orderProvince", "TO"}}}}
                               .dump(),
                           "grant-chiara");
  if (!grant.ok() || grant->status != 200) return Failed("granting the delegation", grant);
  const json granted = Json(*grant);
  if (!granted.is_object() || !granted.contains("delegation")) {
    return absl::FailedPreconditionError("the grant's answer names no delegation");
  }
  const std::string delegation = granted["delegation"].value("delegationId", "");
  absl::StatusOr<WebSession> chiara = Login(env, kConsultantDemoUser);
  if (!chiara.ok()) return chiara.status();
  if (absl::Status st = Choose(*chiara, "citizen", ""); !st.ok()) return st;
  auto accepted = chiara->Post(absl::StrCat("/api/v1/delegations/", delegation, ":accept"), "{}");
  if (!accepted.ok() || accepted->status != 200) return Failed("accepting", accepted);
  // sisl-communications learns it from enterprise's events (Kafka).
  absl::StatusOr<PgConn> db = PgConn::Connect(env.db_url, "communications");
  if (!db.ok()) return db.status();
  const absl::Time t0 = absl::Now();
  for (;;) {
    absl::StatusOr<int64_t> n = db->Int(
        "SELECT COUNT(*) FROM delegation_replica WHERE company = $1 AND"
        " holder_person_id = $2 AND state = 'active'",
        {kAcme, env.consultant});
    if (n.ok() && *n > 0) break;
    if (absl::Now() - t0 > absl::Seconds(120)) {
      return absl::DeadlineExceededError(
          "the delegation did not reach sisl-communications' replica within 120 s");
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  KvDouble("delegation_replicated_s", absl::ToDoubleSeconds(absl::Now() - t0), 2);
  return absl::OkStatus();
}

bool RunFilings(const Env& env) {
  const int threads = env.Int("threads"), sessions = env.Int("sessions");
  const size_t hires = env.Int("hires"), warmup = env.Int("warmup");
  const size_t per_path = hires + warmup;
  absl::Time t0 = absl::Now();
  const std::vector<comms::Communication> all = AcmeHires(env, 2 * per_path);
  // gRPC takes the first half, the gateway the second.
  std::vector<cv1::FileCommunicationRequest> grpc_requests(per_path);
  std::vector<std::string> rest_bodies(per_path);
  google::protobuf::util::JsonPrintOptions print;
  for (size_t i = 0; i < per_path; ++i) {
    grpc_requests[i].set_request_id(absl::StrCat("bench-grpc-", i));
    *grpc_requests[i].mutable_content() = comms::api::ContentToProto(all[i]);
    std::string content;
    (void)google::protobuf::util::MessageToJsonString(comms::api::ContentToProto(all[per_path + i]),
                                                      &content, print);
    rest_bodies[i] =
        json{{"requestId", absl::StrCat("bench-gw-", i)}, {"content", json::parse(content)}}.dump();
  }
  Phase("filings: generating the hires", absl::Now() - t0);

  // The consultant's gateway sessions, acting for ACME.
  t0 = absl::Now();
  std::vector<WebSession> web;
  for (int i = 0; i < threads * sessions; ++i) {
    absl::StatusOr<WebSession> s = Login(env, kConsultantDemoUser);
    absl::Status st = s.ok() ? Choose(*s, "consultant", kAcme) : s.status();
    if (!st.ok()) {
      std::fprintf(stderr, "communications_bench: consultant session %d: %s\n", i,
                   st.ToString().c_str());
      Kv("filings_error", std::string(st.message()));
      return false;
    }
    web.push_back(*std::move(s));
  }
  Kv("gateway_sessions", static_cast<int64_t>(web.size()));
  Phase("filings: logging the consultant's sessions in", absl::Now() - t0);

  // One gRPC channel per client thread (its own connection), one token each.
  std::vector<std::unique_ptr<cv1::CommunicationsService::Stub>> stubs;
  std::vector<std::string> tokens;
  for (int t = 0; t < threads; ++t) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    stubs.push_back(cv1::CommunicationsService::NewStub(
        grpc::CreateCustomChannel(env.grpc, grpc::InsecureChannelCredentials(), args)));
    tokens.push_back(ConsultantToken(env, kAcme, absl::Hours(1)));
  }
  std::atomic<int> printed{0};
  auto grpc_call = [&](int t, size_t i, double*) -> int64_t {
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey, tokens[t]);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    cv1::FileCommunicationResponse resp;
    const absl::Time start = absl::Now();
    const grpc::Status st = stubs[t]->FileCommunication(&ctx, grpc_requests[i], &resp);
    const int64_t us = absl::ToInt64Microseconds(absl::Now() - start);
    if (!st.ok() || resp.communication().code().size() != 16) {
      if (printed++ < 5) {
        std::fprintf(stderr, "communications_bench: gRPC filing %zu: %d %s\n", i,
                     static_cast<int>(st.error_code()), st.error_message().substr(0, 300).c_str());
      }
      return -1;
    }
    return us;
  };
  std::vector<size_t> next_session(threads, 0);
  auto gateway_call = [&](int t, size_t i, double* paced) -> int64_t {
    // The next session of this thread with write budget left (waiting when none has).
    WebSession* s = nullptr;
    while (s == nullptr) {
      const absl::Time now = absl::Now();
      double soonest = 1e9;
      for (int k = 0; k < sessions && s == nullptr; ++k) {
        WebSession& c = web[t * sessions + (next_session[t] + k) % sessions];
        c.tokens =
            std::min(kSessionWriteBurst,
                     c.tokens + kSessionWritesPerSecond * absl::ToDoubleSeconds(now - c.refilled));
        c.refilled = now;
        if (c.tokens >= 1) {
          c.tokens -= 1;
          s = &c;
          next_session[t] = (next_session[t] + k + 1) % sessions;
        } else {
          soonest = std::min(soonest, (1 - c.tokens) / kSessionWritesPerSecond);
        }
      }
      if (s == nullptr) {
        *paced += soonest;
        absl::SleepFor(absl::Seconds(soonest));
      }
    }
    const absl::Time start = absl::Now();
    absl::StatusOr<HttpResponse> r = s->Post("/api/v1/communications", rest_bodies[i]);
    const int64_t us = absl::ToInt64Microseconds(absl::Now() - start);
    if (!r.ok() || r->status != 200 ||
        r->body.find("COMMUNICATION_STATE_ACCEPTED") == std::string::npos) {
      if (printed++ < 5) {
        std::fprintf(stderr, "communications_bench: gateway filing %zu: %s\n", i,
                     r.ok() ? absl::StrCat(r->status, " ", r->body.substr(0, 300)).c_str()
                            : r.status().ToString().c_str());
      }
      return -1;
    }
    return us;
  };

  const int idle_wait = env.Int("idle-wait");
  CpuMeter cpu(env.Flag("cpu-groups"));
  Kv("filing_threads", threads);
  Kv("filing_hires", static_cast<int64_t>(hires));
  struct PathRun {
    std::string name;
    std::function<int64_t(int, size_t, double*)> call;
  };
  bool ok = true;
  for (const PathRun& p : {PathRun{"grpc", grpc_call}, PathRun{"gateway", gateway_call}}) {
    t0 = absl::Now();
    Drive(threads, 0, warmup, p.call);  // connections, the service's pools, the page cache
    Kv(absl::StrCat("filing_", p.name, "_idle"), WaitIdle(idle_wait) ? "1" : "0");
    printed = 0;
    cpu.Start();
    Latencies l = Drive(threads, warmup, per_path, p.call);
    cpu.Stop(absl::StrCat("filing-", p.name));
    PrintLatencies(p.name, l);
    ok = ok && l.errors == 0;
    Phase(absl::StrCat("filings: ", p.name), absl::Now() - t0);
  }
  return ok;
}

}  // namespace sisl::bench::co
