#include "tests/integration/booking_fixture.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "tests/integration/test_databases.h"
#include "google/protobuf/field_mask.pb.h"

namespace sisl::testing_env {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

void BookingServiceFixture::SetUp() {
  pg_url_ = Env("SISL_TEST_PG_URL");
  kafka_ = Env("SISL_TEST_KAFKA");
  redis_ = Env("SISL_TEST_REDIS");
  ASSERT_FALSE(pg_url_.empty() || kafka_.empty() || redis_.empty())
      << "SISL_TEST_PG_URL, SISL_TEST_KAFKA and SISL_TEST_REDIS must be set: run "
         "deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
  if (!fresh_database_.empty()) {
    shared_pg_url_ = pg_url_;
    pg_url_ = FreshDatabase(shared_pg_url_, fresh_database_, "sisl");
    ASSERT_FALSE(pg_url_.empty()) << "cannot create the " << fresh_database_ << " database";
  }
  grpc_address_ = absl::StrCat("127.0.0.1:", FreePort());
  http_address_ = absl::StrCat("127.0.0.1:", FreePort());
  ASSERT_TRUE(StartBooking()) << "sisl-booking did not start; see " << booking_->log_path();
  platform::db::DatabaseOptions options{.url = pg_url_, .pool_size = 2, .schema = "booking"};
  auto db = platform::db::OpenDatabase(options);
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *std::move(db);
}

void BookingServiceFixture::TearDown() {
  if (booking_) booking_->Kill();
  db_.reset();
  if (!fresh_database_.empty() && !shared_pg_url_.empty()) {
    DropDatabase(shared_pg_url_, fresh_database_);
  }
}

bool BookingServiceFixture::StartBooking() {
  if (booking_) booking_->Kill();
  std::map<std::string, std::string> env = {{"SISL_DATABASE_URL", pg_url_},
                                            {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
                                            {"SISL_CACHE_ADDRESS", redis_},
                                            {"SISL_SERVICE_GRPC_ADDRESS", grpc_address_},
                                            {"SISL_SERVICE_HTTP_ADDRESS", http_address_}};
  env.merge(keys_->Env(/*gateway=*/false));
  for (const auto& [k, v] : booking_env_) env[k] = v;
  booking_ = std::make_unique<ChildProcess>(
      BinaryPath("services/booking/sisl-booking"),
      std::vector<std::string>{"--config", SourcePath("deploy/config/booking.yaml")}, env,
      (std::filesystem::temp_directory_path() / "sisl-it-booking.log").string());
  return booking_->Start() && booking_->WaitForGrpc(grpc_address_, std::chrono::seconds(60));
}

std::unique_ptr<booking::v1::OfficesService::Stub> BookingServiceFixture::Stub() {
  return booking::v1::OfficesService::NewStub(
      grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials()));
}

std::unique_ptr<grpc::ClientContext> BookingServiceFixture::AdminContext() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata(platform::auth::kTokenMetadataKey,
                   keys_->Token({.subject = "admin-1", .role = platform::auth::Role::kAdmin},
                                "booking"));
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

grpc::Status BookingServiceFixture::SetPhone(const std::string& site, const std::string& phone,
                                             booking::v1::Office* out) {
  booking::v1::UpdateOfficeRequest req;
  req.mutable_office()->set_site_code(site);
  req.mutable_office()->set_phone(phone);
  req.mutable_update_mask()->add_paths("phone");
  booking::v1::UpdateOfficeResponse resp;
  auto ctx = AdminContext();
  grpc::Status st = Stub()->UpdateOffice(ctx.get(), req, &resp);
  if (out) *out = resp.office();
  return st;
}

int BookingServiceFixture::HttpGet(const std::string& path) {
  const std::string cmd = absl::StrCat("curl -s -o /dev/null -w '%{http_code}' http://",
                                       http_address_, path);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[16] = {0};
  const size_t n = std::fread(buf, 1, sizeof(buf) - 1, pipe);
  pclose(pipe);
  return n > 0 ? std::atoi(buf) : -1;
}

}  // namespace sisl::testing_env
