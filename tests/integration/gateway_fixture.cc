#include "tests/integration/gateway_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "tests/integration/test_databases.h"

namespace sisl::testing_env {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

bool WaitForHttp(const std::string& address, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    HttpClient client(address, {absl::Seconds(2)});
    auto r = client.Get("/healthz");
    if (r.ok() && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The settings that put both processes on the encrypted side of the test servers.
std::map<std::string, std::string> EncryptedEnv(const std::string& database_url) {
  auto file = [](const char* name) { return absl::StrCat(Env("SISL_TEST_TLS_DIR"), "/", name); };
  const std::string password = Env("SISL_TEST_TLS_PASSWORD");
  return {
      {"SISL_DATABASE_URL", database_url},
      {"SISL_DATABASE_PASSWORD", password},
      {"SISL_DATABASE_TLS_MODE", "verify-full"},
      {"SISL_DATABASE_TLS_CA_FILE", file("ca.crt")},
      {"SISL_DATABASE_TLS_CERT_FILE", file("client.crt")},
      {"SISL_DATABASE_TLS_KEY_FILE", file("client.key")},
      {"SISL_BUS_BOOTSTRAP_SERVERS", Env("SISL_TEST_KAFKA_SASL_SSL")},
      {"SISL_BUS_SECURITY_PROTOCOL", "sasl_ssl"},
      {"SISL_BUS_SASL_USERNAME", "sisl"},
      {"SISL_BUS_SASL_PASSWORD", password},
      {"SISL_BUS_TLS_CA_FILE", file("ca.crt")},
      {"SISL_CACHE_ADDRESS", Env("SISL_TEST_REDIS_TLS")},
      {"SISL_CACHE_USERNAME", "sisl"},
      {"SISL_CACHE_PASSWORD", password},
      {"SISL_CACHE_TLS_ENABLED", "true"},
      {"SISL_CACHE_TLS_CA_FILE", file("ca.crt")},
      {"SISL_CACHE_TLS_CERT_FILE", file("client.crt")},
      {"SISL_CACHE_TLS_KEY_FILE", file("client.key")},
      {"SISL_SERVICE_TLS_CERT_FILE", file("server.crt")},
      {"SISL_SERVICE_TLS_KEY_FILE", file("server.key")},
      {"SISL_SERVICE_TLS_CLIENT_CA_FILE", file("ca.crt")},
      {"SISL_GRPC_CLIENT_TLS_CA_FILE", file("ca.crt")},
      {"SISL_GRPC_CLIENT_TLS_CERT_FILE", file("client.crt")},
      {"SISL_GRPC_CLIENT_TLS_KEY_FILE", file("client.key")},
  };
}

}  // namespace

bool GatewayFixture::encrypted_ = false;
std::string GatewayFixture::role_recheck_;
std::string GatewayFixture::database_;
std::string GatewayFixture::database_url_;

std::string GatewayFixture::TlsFile(const std::string& name) {
  return absl::StrCat(Env("SISL_TEST_TLS_DIR"), "/", name);
}

std::shared_ptr<grpc::ChannelCredentials> GatewayFixture::ClientTlsCredentials(
    bool with_certificate) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(TlsFile("ca.crt"));
  if (with_certificate) {
    options.pem_cert_chain = ReadFile(TlsFile("client.crt"));
    options.pem_private_key = ReadFile(TlsFile("client.key"));
  }
  return grpc::SslCredentials(options);
}

std::string GatewayFixture::gateway_http_;
std::string GatewayFixture::booking_grpc_;
std::string GatewayFixture::enterprise_grpc_;
std::string GatewayFixture::communications_grpc_;
std::string GatewayFixture::matching_grpc_;
std::string GatewayFixture::notifications_grpc_;
std::string GatewayFixture::observatory_grpc_;
std::unique_ptr<platform::testing::TestKeys> GatewayFixture::keys_;
std::unique_ptr<ChildProcess> GatewayFixture::booking_;
std::unique_ptr<ChildProcess> GatewayFixture::enterprise_;
std::unique_ptr<ChildProcess> GatewayFixture::communications_;
std::unique_ptr<ChildProcess> GatewayFixture::matching_;
std::unique_ptr<ChildProcess> GatewayFixture::notifications_;
std::unique_ptr<ChildProcess> GatewayFixture::observatory_;
std::unique_ptr<ChildProcess> GatewayFixture::gateway_;

std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

void GatewayFixture::StartProcesses(bool encrypted) {
  encrypted_ = encrypted;
  const std::string shared_pg = Env("SISL_TEST_PG_URL"), kafka = Env("SISL_TEST_KAFKA"),
                    redis = Env("SISL_TEST_REDIS");
  ASSERT_FALSE(shared_pg.empty() || kafka.empty() || redis.empty())
      << "run deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
  ASSERT_FALSE(encrypted &&
               (Env("SISL_TEST_TLS_DIR").empty() || Env("SISL_TEST_PG_TLS_URL").empty()))
      << "the encrypted side of deploy/infra.sh is missing: run deploy/infra.sh up again";
  database_ = encrypted ? "sisl_it_tls" : "sisl_it_gateway";
  database_url_ = FreshDatabase(encrypted ? Env("SISL_TEST_PG_TLS_URL") : shared_pg, database_,
                                encrypted ? "sisl_tls" : "sisl");
  const std::string& pg = database_url_;
  ASSERT_FALSE(pg.empty()) << "cannot create the " << database_ << " database";
  const std::map<std::string, std::string> transport =
      encrypted ? EncryptedEnv(pg)
                : std::map<std::string, std::string>{{"SISL_DATABASE_URL", pg},
                                                     {"SISL_BUS_BOOTSTRAP_SERVERS", kafka},
                                                     {"SISL_CACHE_ADDRESS", redis}};
  const std::shared_ptr<grpc::ChannelCredentials> probe =
      encrypted ? ClientTlsCredentials(true) : grpc::InsecureChannelCredentials();
  booking_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  const std::string tmp = std::filesystem::temp_directory_path().string();
  keys_ = platform::testing::TestKeys::Create();
  ASSERT_NE(keys_, nullptr) << "cannot generate the test keys";
  // The services, each its own process on the same database (a schema each).
  const std::string group_prefix =
      absl::StrCat(database_, ".", absl::ToUnixMicros(absl::Now()), ".");
  auto start_service = [&](const std::string& name, const std::string& grpc) {
    std::map<std::string, std::string> env = {
        {"SISL_SERVICE_GRPC_ADDRESS", grpc},
        {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())}};
    env.insert(transport.begin(), transport.end());
    env.merge(keys_->Env(/*gateway=*/false));
    // Consumer groups of this run only: a killed process of an earlier run still holds its
    // groups' partitions until the broker's session timeout.
    env["SISL_BUS_GROUP_PREFIX"] = group_prefix;
    // Booking answers notifications' contact reads (its own service key, ADR 0022).
    env["SISL_AUTH_TRUSTED_SERVICE_KEYS"] =
        absl::StrCat("notifications=", keys_->files().service_public_key);
    return std::make_unique<ChildProcess>(
        BinaryPath(absl::StrCat("services/", name, "/sisl-", name)),
        std::vector<std::string>{"--config",
                                 SourcePath(absl::StrCat("deploy/config/", name, ".yaml"))},
        env, absl::StrCat(tmp, "/sisl-it-", database_, "-", name, ".log"));
  };
  booking_ = start_service("booking", booking_grpc_);
  enterprise_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  enterprise_ = start_service("enterprise", enterprise_grpc_);
  communications_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  communications_ = start_service("communications", communications_grpc_);
  matching_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  matching_ = start_service("matching", matching_grpc_);
  notifications_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  notifications_ = start_service("notifications", notifications_grpc_);
  notifications_->SetEnv("SISL_AUTH_SERVICE_TOKEN_PRIVATE_KEY", keys_->files().service_private_key);
  notifications_->SetEnv("SISL_NOTIFICATIONS_BOOKING_ADDRESS", booking_grpc_);
  notifications_->SetEnv("SISL_NOTIFICATIONS_SMTP_CA_FILE", Env("SISL_TEST_TLS_DIR") + "/ca.crt");
  observatory_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  observatory_ = start_service("observatory", observatory_grpc_);
  ASSERT_TRUE(booking_->Start() && enterprise_->Start() && communications_->Start() &&
              matching_->Start() && notifications_->Start() && observatory_->Start());
  ASSERT_TRUE(booking_->WaitForGrpc(booking_grpc_, std::chrono::seconds(60), probe))
      << "sisl-booking did not start; see " << booking_->log_path();
  ASSERT_TRUE(enterprise_->WaitForGrpc(enterprise_grpc_, std::chrono::seconds(60), probe))
      << "sisl-enterprise did not start; see " << enterprise_->log_path();
  ASSERT_TRUE(communications_->WaitForGrpc(communications_grpc_, std::chrono::seconds(60), probe))
      << "sisl-communications did not start; see " << communications_->log_path();
  ASSERT_TRUE(matching_->WaitForGrpc(matching_grpc_, std::chrono::seconds(60), probe))
      << "sisl-matching did not start; see " << matching_->log_path();
  ASSERT_TRUE(notifications_->WaitForGrpc(notifications_grpc_, std::chrono::seconds(60), probe))
      << "sisl-notifications did not start; see " << notifications_->log_path();
  ASSERT_TRUE(observatory_->WaitForGrpc(observatory_grpc_, std::chrono::seconds(60), probe))
      << "sisl-observatory did not start; see " << observatory_->log_path();

  const int http_port = FreePort();
  gateway_http_ = absl::StrCat("127.0.0.1:", http_port);
  const std::string gateway_grpc = absl::StrCat("127.0.0.1:", FreePort());
  const std::string keys = tmp + "/sisl-it-gw-keys";
  std::filesystem::create_directories(keys);
  std::map<std::string, std::string> gateway_env = keys_->Env(/*gateway=*/true);
  std::map<std::string, std::string> env{
      {"SISL_AUTH_TOKEN_PUBLIC_KEY", gateway_env["SISL_AUTH_TOKEN_PUBLIC_KEY"]},
      {"SISL_AUTH_TOKEN_PRIVATE_KEY", gateway_env["SISL_AUTH_TOKEN_PRIVATE_KEY"]},
      {"SISL_AUTH_PERSON_ID_KEY", gateway_env["SISL_AUTH_PERSON_ID_KEY"]},
      {"SISL_SERVICE_GRPC_ADDRESS", gateway_grpc},
      {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
      {"SISL_GATEWAY_HTTP_ADDRESS", gateway_http_},
      {"SISL_GATEWAY_PUBLIC_URL", "http://" + gateway_http_},
      {"SISL_GATEWAY_UPSTREAMS",
       absl::StrCat("sisl.booking.v1=", booking_grpc_, ",sisl.enterprise.v1=", enterprise_grpc_,
                    ",sisl.communications.v1=", communications_grpc_, ",sisl.matching.v1=",
                    matching_grpc_, ",sisl.notifications.v1=", notifications_grpc_,
                    ",sisl.observatory.v1=", observatory_grpc_, ",sisl.gateway.v1=", gateway_grpc)},
      {"SISL_GATEWAY_DEV_MODE", "true"},
      {"SISL_GATEWAY_ENVIRONMENT", "development"},
      {"SISL_GATEWAY_ACCESS_LOG", "true"},
      {"SISL_SPID_KEY_FILE", keys + "/sp.key"},
      {"SISL_SPID_CERT_FILE", keys + "/sp.crt"}};
  env.insert(transport.begin(), transport.end());
  if (!role_recheck_.empty()) env["SISL_GATEWAY_SESSION_ROLE_RECHECK"] = role_recheck_;
  gateway_ = std::make_unique<ChildProcess>(
      BinaryPath("gateway/sisl-gateway"),
      std::vector<std::string>{"--config", SourcePath("deploy/config/gateway.yaml")}, env,
      absl::StrCat(tmp, "/sisl-it-", database_, "-gateway.log"));
  ASSERT_TRUE(gateway_->Start() && WaitForHttp(gateway_http_, std::chrono::seconds(90)))
      << "sisl-gateway did not start; see " << gateway_->log_path();
}

void GatewayFixture::TearDownTestSuite() {
  if (gateway_) gateway_->Kill();
  if (booking_) booking_->Kill();
  if (enterprise_) enterprise_->Kill();
  if (communications_) communications_->Kill();
  if (matching_) matching_->Kill();
  if (notifications_) notifications_->Kill();
  if (observatory_) observatory_->Kill();
  communications_.reset();
  notifications_.reset();
  observatory_.reset();
  matching_.reset();
  gateway_.reset();
  booking_.reset();
  enterprise_.reset();
  keys_.reset();
  DropDatabase(Env("SISL_TEST_PG_URL"), database_);
}

absl::StatusOr<HttpResponse> WebUser::Get(const std::string& target) {
  return browser->Get(target);
}

absl::StatusOr<HttpResponse> WebUser::Post(const std::string& target, const std::string& json,
                                           const std::string& idempotency_key) {
  HttpRequest r;
  r.method = "POST";
  r.target = target;
  r.body = json;
  r.headers = {{"Content-Type", "application/json"}};
  if (!csrf.empty()) r.headers.emplace_back("X-CSRF-Token", csrf);
  if (!idempotency_key.empty()) r.headers.emplace_back("Idempotency-Key", idempotency_key);
  return browser->Send(std::move(r));
}

nlohmann::json GatewayFixture::Json(const HttpResponse& r) {
  return nlohmann::json::parse(r.body, nullptr, false);
}

WebUser GatewayFixture::Anonymous() {
  WebUser u;
  u.browser = std::make_unique<Browser>(gateway_http_);
  return u;
}

WebUser GatewayFixture::Login(const std::string& demo_user) {
  WebUser u = Anonymous();
  const std::string idp = "http://" + gateway_http_ + "/dev-idp";
  auto login = u.browser->Get("/spid/login?idp=" + UrlEncode(idp) + "&return_to=/");
  EXPECT_TRUE(login.ok() && login->status == 200) << (login.ok() ? login->body : "no answer");
  if (!login.ok()) return u;
  auto sso_action = FormAction(login->body);
  EXPECT_TRUE(sso_action.has_value());
  auto idp_page = u.browser->PostForm(PathOf(sso_action.value_or("")), HiddenInputs(login->body));
  EXPECT_TRUE(idp_page.ok() && idp_page->status == 200);
  if (!idp_page.ok()) return u;
  HttpHeaders choice = HiddenInputs(idp_page->body);
  choice.emplace_back("user", demo_user);
  auto answer =
      u.browser->PostForm(PathOf(FormAction(idp_page->body).value_or("/dev-idp/login")), choice);
  EXPECT_TRUE(answer.ok() && answer->status == 200) << (answer.ok() ? answer->body : "");
  if (!answer.ok()) return u;
  auto acs = u.browser->PostForm(PathOf(FormAction(answer->body).value_or("/spid/acs")),
                                 HiddenInputs(answer->body));
  EXPECT_TRUE(acs.ok() && acs->status == 200) << (acs.ok() ? acs->body : "");
  auto session = u.browser->Get("/api/session");
  EXPECT_TRUE(session.ok() && session->status == 200);
  if (session.ok()) {
    auto j = Json(*session);
    EXPECT_EQ(j.value("authenticated", false), true) << session->body;
    u.csrf = j.value("csrfToken", "");
  }
  return u;
}

}  // namespace sisl::testing_env
