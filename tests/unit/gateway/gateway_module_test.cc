// The gateway as the kit hosts it: GatewayModuleSpec's keys, its rate limiter choice, the
// development IdP's guard in standalone mode, and the module served by the kit's ModuleFixture
// (the staff directory over gRPC in the gateway's error domain, the HTTP front after Started).
#include "gateway/gateway_module.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/redis_rate_limiter.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/grpc/call.h"
#include "services/platform/grpc/status.h"
#include "services/platform/ids.h"
#include "services/platform/module_host.h"
#include "services/platform/process.h"
#include "services/platform/testing/module_fixture.h"
#include "services/platform/testing/source_dir.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/gateway/v1/staff.grpc.pb.h"
#include "tests/support/http_client.h"

namespace sisl::gateway {
namespace {

using platform::ConfigKey;
using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::StatusIs;

std::optional<std::string> NoEnvironment(const std::string&) { return std::nullopt; }

// What a process gives the module, built by hand so that a test picks `embedded` and the keys.
class ContextFixture {
 public:
  ContextFixture(const std::string& yaml, bool embedded, bool with_signer = true) {
    std::vector<ConfigKey> keys = GatewayConfigKeys(embedded);
    if (!embedded) {  // the service keys the gateway reads in standalone mode
      keys.push_back({"cache.kind", ConfigKey::Type::kString, "redis", false, {"redis", "memory"}});
      keys.push_back({"cache.address", ConfigKey::Type::kString, "127.0.0.1:6379"});
    }
    auto config = platform::Config::LoadString(yaml, keys, NoEnvironment);
    EXPECT_TRUE(config.ok()) << config.status();
    config_ = std::make_unique<platform::Config>(*std::move(config));
    db_ = *platform::db::OpenDatabase({.url = "sqlite::memory:"});
    committer_ =
        std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-gateway", nullptr);
    context_ = std::make_unique<platform::ModuleContext>(platform::ModuleContext{
        *config_, *db_, bus_, cache_, clock_, verifier_, keys_->person_ids, *committer_,
        embedded, "", with_signer ? &*keys_->signer : nullptr});
  }

  const platform::ModuleContext& context() const { return *context_; }

 private:
  platform::SystemClock clock_;
  std::unique_ptr<platform::ProcessKeys> keys_ = platform::ProcessKeys::Generate();
  platform::auth::TokenVerifier verifier_ = keys_->verifier.ForAudiences({"gateway"});
  platform::bus::InProcessBus bus_;
  platform::cache::MemoryCache cache_;
  std::unique_ptr<platform::Config> config_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<platform::outbox::Committer> committer_;
  std::unique_ptr<platform::ModuleContext> context_;
};

template <typename T>
bool IsA(const std::unique_ptr<ratelimit::RateLimiter>& limiter) {
  return dynamic_cast<T*>(limiter.get()) != nullptr;
}

TEST(GatewayModuleSpecTest, NamesTheModuleAndItsKeys) {
  const platform::ModuleSpec spec = GatewayModuleSpec();
  EXPECT_EQ(spec.name, "gateway");
  for (bool embedded : {false, true}) {
    const std::vector<ConfigKey> keys = spec.config_keys(embedded);
    const std::vector<ConfigKey> expected = GatewayConfigKeys(embedded);
    ASSERT_EQ(keys.size(), expected.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      EXPECT_EQ(keys[i].path, expected[i].path);
      EXPECT_EQ(keys[i].default_value, expected[i].default_value) << keys[i].path;
    }
  }
}

TEST(GatewayModuleSpecTest, RateLimitsInRedisOnlyForAStandaloneGatewayOnRedis) {
  ContextFixture embedded("", /*embedded=*/true);
  ASSERT_OK_AND_ASSIGN(auto limiter, RateLimiterFor(embedded.context()));
  EXPECT_TRUE(IsA<ratelimit::MemoryRateLimiter>(limiter));

  ContextFixture memory("cache:\n  kind: memory\n", /*embedded=*/false);
  ASSERT_OK_AND_ASSIGN(limiter, RateLimiterFor(memory.context()));
  EXPECT_TRUE(IsA<ratelimit::MemoryRateLimiter>(limiter));

  // Nothing connects before the first request.
  ContextFixture redis("cache:\n  kind: redis\n  address: 127.0.0.1:1\n", /*embedded=*/false);
  ASSERT_OK_AND_ASSIGN(limiter, RateLimiterFor(redis.context()));
  EXPECT_TRUE(IsA<ratelimit::RedisRateLimiter>(limiter));

  ContextFixture bad("cache:\n  kind: redis\n  address: no-port\n", /*embedded=*/false);
  EXPECT_THAT(RateLimiterFor(bad.context()), HasReason("INVALID_CONFIG"));
}

TEST(GatewayModuleSpecTest, StandaloneDevelopmentIdpNeedsALoopbackUrl) {
  ContextFixture exposed(
      "gateway:\n  dev_mode: true\n  public_url: https://sisl.example.it\n"
      "cache:\n  kind: memory\n",
      /*embedded=*/false);
  auto module = GatewayModuleSpec().create(exposed.context());
  EXPECT_THAT(module, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_NE(module.status().message().find("gateway.dev_mode"), std::string::npos);

  ContextFixture production(
      "gateway:\n  public_url: https://sisl.example.it\ncache:\n  kind: memory\n",
      /*embedded=*/false);
  EXPECT_THAT(GatewayModuleSpec().create(production.context()), IsOk());
}

TEST(GatewayModuleSpecTest, TheDevelopmentIdpNeedsTheDevelopmentEnvironmentAndLoopback) {
  const char* kRefused[] = {
      // Production refuses it whatever dev_mode says, even on loopback.
      "gateway:\n  dev_mode: true\n  environment: production\n",
      // A public URL someone else could reach.
      "gateway:\n  dev_mode: true\n  environment: development\n"
      "  public_url: https://sisl.example.it\n",
      // Bound to every interface although the URL says localhost.
      "gateway:\n  dev_mode: true\n  environment: development\n  http_address: 0.0.0.0:8080\n",
  };
  for (const char* yaml : kRefused) {
    for (bool embedded : {false, true}) {
      ContextFixture fixture(absl::StrCat(yaml, embedded ? "" : "cache:\n  kind: memory\n"),
                             embedded);
      EXPECT_THAT(GatewayModuleSpec().create(fixture.context()), HasReason("DEV_IDP_REFUSED"))
          << yaml << (embedded ? " (all-in-one)" : " (sisl-gateway)");
    }
  }
  ContextFixture development(
      "gateway:\n  dev_mode: true\n  environment: development\ncache:\n  kind: memory\n",
      /*embedded=*/false);
  EXPECT_THAT(GatewayModuleSpec().create(development.context()), IsOk());
}

// The module on the kit's in-process fixture: its development defaults (dev IdP, demo staff),
// its SP key and certificate in a temporary directory, the HTTP front on a free port.
class ServedGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sisl-gateway-module-", platform::NewUuidV7());
    std::filesystem::create_directories(dir_);
    platform::testing::ModuleFixture::Options options;
    options.config_yaml = absl::StrCat(
        "gateway:\n  http_address: 127.0.0.1:0\n  web_dir: \"\"\n  access_log: false\n"
        "spid:\n  key_file: ",
        (dir_ / "sp.key").string(), "\n  cert_file: ", (dir_ / "sp.crt").string(), "\n");
    ASSERT_OK_AND_ASSIGN(served_,
                         platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options));
  }
  void TearDown() override {
    served_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  int HttpPort() { return dynamic_cast<GatewayModule&>(served_->module()).http_port(); }

  std::filesystem::path dir_;
  std::unique_ptr<platform::testing::ModuleFixture> served_;
};

TEST_F(ServedGatewayTest, ServesTheStaffDirectoryInTheGatewayErrorDomain) {
  auto stub = v1::StaffDirectoryService::NewStub(served_->channel());
  v1::GetStaffMemberRequest request;
  request.set_id("missing");
  request.set_access_reason("verifica");
  v1::GetStaffMemberResponse response;
  const grpc::Status missing = stub->GetStaffMember(
      served_->ContextAs({.subject = "admin-1", .role = platform::auth::Role::kAdmin}).get(),
      request, &response);
  ASSERT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(missing.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "STAFF_MEMBER_NOT_FOUND");
  EXPECT_EQ(info.domain(), "gateway.sisl.regione.piemonte.it");
  EXPECT_EQ(info.domain(), platform::ErrorDomainOf("gateway"));

  // Initialize() seeded the development IdP's demo staff.
  v1::ListStaffMembersRequest list;
  list.set_access_reason("verifica");
  v1::ListStaffMembersResponse listed;
  ASSERT_TRUE(
      stub->ListStaffMembers(
              served_->ContextAs({.subject = "admin-1", .role = platform::auth::Role::kAdmin})
                  .get(),
              list, &listed)
          .ok());
  EXPECT_GT(listed.staff_members_size(), 0);

  grpc::ClientContext anonymous;
  EXPECT_EQ(stub->GetStaffMember(&anonymous, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ServedGatewayTest, StaffReadsNeedAnAccessReasonOverGrpcAndRest) {
  auto stub = v1::StaffDirectoryService::NewStub(served_->channel());
  v1::ListStaffMembersRequest list;
  v1::ListStaffMembersResponse listed;
  EXPECT_THAT(
      platform::FromGrpcStatus(stub->ListStaffMembers(
          served_->ContextAs({.subject = "admin-1", .role = platform::auth::Role::kAdmin}).get(),
          list, &listed)),
      HasReason("ACCESS_REASON_REQUIRED"));
  // Over REST the reason is a required query parameter of both GET routes.
  testing_env::HttpClient client(absl::StrCat("127.0.0.1:", HttpPort()));
  ASSERT_OK_AND_ASSIGN(testing_env::HttpResponse openapi, client.Get("/api/openapi.json"));
  const nlohmann::json doc = nlohmann::json::parse(openapi.body);
  for (const char* path : {"/api/v1/staff-members", "/api/v1/staff-members/{id}"}) {
    bool required = false;
    for (const nlohmann::json& p : doc["paths"][path]["get"]["parameters"]) {
      if (p["name"] == "accessReason" && p["in"] == "query") required = p.value("required", false);
    }
    EXPECT_TRUE(required) << path;
  }
}

TEST(GatewayDemoStaffTest, DemoStaffLeaveTheDirectoryWhenDevelopmentModeIsTurnedOff) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    absl::StrCat("sisl-gateway-demo-", platform::NewUuidV7());
  std::filesystem::create_directories(dir);
  platform::testing::ModuleFixture::Options options;
  options.db_url = absl::StrCat("sqlite:", (dir / "gateway.db").string());
  const std::string common = absl::StrCat(
      "  http_address: 127.0.0.1:0\n  web_dir: \"\"\n  access_log: false\n"
      "  staff_bootstrap: \"RSSMRA85T10A562S:admin::Real Admin\"\n"
      "spid:\n  key_file: ", (dir / "sp.key").string(), "\n  cert_file: ",
      (dir / "sp.crt").string(), "\n");
  auto members = [](platform::testing::ModuleFixture& served) {
    auto stub = v1::StaffDirectoryService::NewStub(served.channel());
    v1::ListStaffMembersRequest list;
    list.set_page_size(100);
    list.set_access_reason("verifica");
    v1::ListStaffMembersResponse listed;
    EXPECT_TRUE(stub->ListStaffMembers(
                        served.ContextAs({.subject = "a", .role = platform::auth::Role::kAdmin})
                            .get(),
                        list, &listed)
                    .ok());
    return listed.staff_members_size();
  };
  int with_demo = 0;
  {
    options.config_yaml = absl::StrCat("gateway:\n  dev_mode: true\n", common);
    ASSERT_OK_AND_ASSIGN(auto served,
                         platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options));
    with_demo = members(*served);
    EXPECT_GT(with_demo, 1);
  }
  {
    options.config_yaml = absl::StrCat("gateway:\n  dev_mode: false\n", common);
    ASSERT_OK_AND_ASSIGN(auto served,
                         platform::testing::ModuleFixture::Start(GatewayModuleSpec(), options));
    EXPECT_EQ(members(*served), 1) << "only the configured administrator is left";
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

TEST_F(ServedGatewayTest, StartedOpensTheHttpFrontAndStoppingClosesIt) {
  const int port = HttpPort();
  ASSERT_GT(port, 0);
  testing_env::HttpClient client(absl::StrCat("127.0.0.1:", port));
  ASSERT_OK_AND_ASSIGN(testing_env::HttpResponse health, client.Get("/healthz"));
  EXPECT_EQ(health.status, 200);
  ASSERT_OK_AND_ASSIGN(testing_env::HttpResponse openapi, client.Get("/api/openapi.json"));
  EXPECT_EQ(openapi.status, 200);
  EXPECT_NE(openapi.body.find("/api/session"), std::string::npos);
  ASSERT_OK_AND_ASSIGN(testing_env::HttpResponse idps, client.Get("/spid/idps"));
  EXPECT_EQ(idps.status, 200);
  EXPECT_NE(idps.body.find("\"development\":true"), std::string::npos);

  served_->module().Stopping();
  EXPECT_EQ(HttpPort(), 0);
  served_->module().Stopping();  // idempotent
}

TEST(GatewayModuleSpecTest, TheGatewayNeedsThePrivateKeyToSign) {
  ContextFixture no_signer("", /*embedded=*/true, /*with_signer=*/false);
  EXPECT_THAT(GatewayModuleSpec().create(no_signer.context()), HasReason("AUTH_KEY_MISSING"));
}

TEST_F(ServedGatewayTest, TheStaffDirectoryRefusesTokensForAnotherServiceOrBelowLevel2) {
  auto stub = v1::StaffDirectoryService::NewStub(served_->channel());
  v1::ListStaffMembersRequest list;
  list.set_access_reason("verifica");
  v1::ListStaffMembersResponse listed;
  const platform::auth::Caller admin{.subject = "admin-1", .role = platform::auth::Role::kAdmin};
  auto call = [&](const std::string& token) {
    grpc::ClientContext context;
    context.AddMetadata(platform::auth::kTokenMetadataKey, token);
    return platform::FromGrpcStatus(stub->ListStaffMembers(&context, list, &listed));
  };
  EXPECT_THAT(call(served_->TokenFor(admin, "gateway")), IsOk());
  EXPECT_THAT(call(served_->TokenFor(admin, "booking")), HasReason("TOKEN_AUDIENCE_MISMATCH"));
  platform::auth::Caller level1 = admin;
  level1.spid_level = 1;
  EXPECT_THAT(call(served_->TokenFor(level1, "gateway")), HasReason("TOKEN_LEVEL_TOO_LOW"));
}

TEST(GatewayModuleSpecTest, TheSampleConfigDoesNotStartWithoutKeysOfItsOwn) {
  // deploy/config/gateway.yaml as committed, nothing from the environment: no usable secret.
  const std::string root = platform::testing::SourceDir().string();
  std::vector<ConfigKey> keys = platform::ServiceConfigKeys();
  for (ConfigKey& key : GatewayConfigKeys(/*embedded=*/false)) keys.push_back(std::move(key));
  auto config = platform::Config::LoadFile(root + "/deploy/config/gateway.yaml", keys,
                                           NoEnvironment);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(platform::IsDevelopment(*config));
  EXPECT_THAT(platform::LoadServiceKeys(*config), HasReason("AUTH_KEY_MISSING"));
}

}  // namespace
}  // namespace sisl::gateway
