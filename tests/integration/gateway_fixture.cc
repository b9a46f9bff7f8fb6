#include "tests/integration/gateway_fixture.h"

#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"

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

}  // namespace

std::string GatewayFixture::gateway_http_;
std::string GatewayFixture::booking_grpc_;
std::string GatewayFixture::token_key_ = "gateway-integration-key-0123456789abcdef";
std::unique_ptr<ChildProcess> GatewayFixture::booking_;
std::unique_ptr<ChildProcess> GatewayFixture::gateway_;

std::string PathOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

void GatewayFixture::SetUpTestSuite() {
  const std::string pg = Env("SISL_TEST_PG_URL"), kafka = Env("SISL_TEST_KAFKA"),
                    redis = Env("SISL_TEST_REDIS");
  ASSERT_FALSE(pg.empty() || kafka.empty() || redis.empty())
      << "run deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
  booking_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  const std::string tmp = std::filesystem::temp_directory_path().string();
  booking_ = std::make_unique<ChildProcess>(
      BinaryPath("services/booking/sisl-booking"),
      std::vector<std::string>{"--config", SourcePath("deploy/config/booking.yaml")},
      std::map<std::string, std::string>{
          {"SISL_DATABASE_URL", pg}, {"SISL_BUS_BOOTSTRAP_SERVERS", kafka},
          {"SISL_CACHE_ADDRESS", redis}, {"SISL_AUTH_TOKEN_KEY", token_key_},
          {"SISL_SERVICE_GRPC_ADDRESS", booking_grpc_},
          {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())}},
      tmp + "/sisl-it-gw-booking.log");
  ASSERT_TRUE(booking_->Start() && booking_->WaitForGrpc(booking_grpc_, std::chrono::seconds(60)))
      << "sisl-booking did not start; see " << booking_->log_path();

  const int http_port = FreePort();
  gateway_http_ = absl::StrCat("127.0.0.1:", http_port);
  const std::string gateway_grpc = absl::StrCat("127.0.0.1:", FreePort());
  const std::string keys = tmp + "/sisl-it-gw-keys";
  std::filesystem::create_directories(keys);
  gateway_ = std::make_unique<ChildProcess>(
      BinaryPath("gateway/sisl-gateway"),
      std::vector<std::string>{"--config", SourcePath("deploy/config/gateway.yaml")},
      std::map<std::string, std::string>{
          {"SISL_DATABASE_URL", pg}, {"SISL_BUS_BOOTSTRAP_SERVERS", kafka},
          {"SISL_CACHE_ADDRESS", redis}, {"SISL_AUTH_TOKEN_KEY", token_key_},
          {"SISL_SERVICE_GRPC_ADDRESS", gateway_grpc},
          {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
          {"SISL_GATEWAY_HTTP_ADDRESS", gateway_http_},
          {"SISL_GATEWAY_PUBLIC_URL", "http://" + gateway_http_},
          {"SISL_GATEWAY_UPSTREAMS", absl::StrCat("sisl.booking.v1=", booking_grpc_,
                                                  ",sisl.gateway.v1=", gateway_grpc)},
          {"SISL_GATEWAY_DEV_MODE", "true"},
          {"SISL_GATEWAY_ENVIRONMENT", "development"},
          {"SISL_GATEWAY_ACCESS_LOG", "true"},
          {"SISL_SPID_KEY_FILE", keys + "/sp.key"},
          {"SISL_SPID_CERT_FILE", keys + "/sp.crt"}},
      tmp + "/sisl-it-gw-gateway.log");
  ASSERT_TRUE(gateway_->Start() && WaitForHttp(gateway_http_, std::chrono::seconds(90)))
      << "sisl-gateway did not start; see " << gateway_->log_path();
}

void GatewayFixture::TearDownTestSuite() {
  if (gateway_) gateway_->Kill();
  if (booking_) booking_->Kill();
  gateway_.reset();
  booking_.reset();
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
  auto answer = u.browser->PostForm(PathOf(FormAction(idp_page->body).value_or("/dev-idp/login")),
                                    choice);
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
