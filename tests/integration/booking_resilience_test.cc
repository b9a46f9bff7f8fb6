// sisl-booking against real PostgreSQL, Kafka and Redis: the outbox survives a crash, and the
// service behaves when Redis or PostgreSQL is down.
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "services/platform/grpc/status.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "tests/integration/booking_fixture.h"
#include "tests/integration/event_reader.h"

namespace sisl::testing_env {
namespace {

using platform::db::InTransaction;
using platform::db::Transaction;

// Starts the named component again even when the test fails half-way.
class InfraGuard final {
 public:
  explicit InfraGuard(std::string name) : name_(std::move(name)) {}
  ~InfraGuard() { Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " start ", name_)); }
  bool Stop() { return Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " stop ", name_)) == 0; }

 private:
  std::string name_;
};

class BookingResilienceTest : public BookingServiceFixture {};

TEST_F(BookingResilienceTest, OutboxDeliversExactlyTheCommittedEventsAcrossACrash) {
  const std::string marker = platform::NewUuidV7();
  std::vector<std::string> committed;
  {
    // With Kafka away the relay cannot publish: every change commits with its outbox row, then
    // the service dies between commit and publish.
    InfraGuard kafka("kafka");
    ASSERT_TRUE(kafka.Stop());
    for (int i = 0; i < 20; ++i) {
      grpc::Status st = SetPhone("TO-01", absl::StrCat("011 ", 5550000 + i));
      ASSERT_TRUE(st.ok()) << st.error_message();
    }
    CrashBooking();
    committed = OutboxIdsAfter(Db(), marker);
    ASSERT_EQ(committed.size(), 20u);
    EXPECT_EQ(UnsentAfter(Db(), marker), 20);
  }  // Kafka is started again here
  ASSERT_TRUE(StartBooking());
  const auto received = ReadEventIds(kafka_, "sisl.booking.offices.v1", marker, committed.size(),
                                     std::chrono::seconds(90));
  EXPECT_EQ(received, std::set<std::string>(committed.begin(), committed.end()));
  EXPECT_EQ(UnsentAfter(Db(), marker), 0);
}

TEST_F(BookingResilienceTest, WithRedisStoppedReadsFallBackToTheStoreAndStayReady) {
  auto stub = Stub();
  InfraGuard redis("redis");
  ASSERT_TRUE(redis.Stop());
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext ctx;
    booking::v1::GetOfficeRequest req;
    req.set_site_code("CN-01");
    booking::v1::GetOfficeResponse resp;
    grpc::Status st = stub->GetOffice(&ctx, req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(resp.office().province(), "Cuneo");
  }
  grpc::ClientContext ctx;
  booking::v1::ListOfficesResponse list;
  ASSERT_TRUE(stub->ListOffices(&ctx, booking::v1::ListOfficesRequest(), &list).ok());
  EXPECT_EQ(list.total_size(), 44);
  EXPECT_EQ(HttpGet("/readyz"), 200);
  // A change still commits; the cache generation bump is skipped and entries expire by TTL.
  EXPECT_TRUE(SetPhone("CN-01", "0171 000111").ok());
}

TEST_F(BookingResilienceTest, WithPostgresStoppedCallsFailUnavailableAndNothingIsHalfWritten) {
  booking::v1::Office before;
  ASSERT_TRUE(SetPhone("AT-01", "0141 123456", &before).ok());
  const std::string marker = platform::NewUuidV7();
  {
    InfraGuard postgres("postgres");
    ASSERT_TRUE(postgres.Stop());
    grpc::Status st = SetPhone("AT-01", "0141 999999");
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
    EXPECT_EQ(platform::ErrorReason(platform::FromGrpcStatus(st)), "DB_UNAVAILABLE");
    grpc::ClientContext ctx;
    booking::v1::ListCpisResponse cpis;
    st = Stub()->ListCpis(&ctx, booking::v1::ListCpisRequest(), &cpis);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(HttpGet("/readyz"), 503);
  }  // PostgreSQL is started again here
  ASSERT_EQ(Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " status postgres >/dev/null")), 0);
  // Nothing of the failed change exists: same version, no event.
  auto db = platform::db::OpenDatabase({.url = pg_url_, .pool_size = 1, .schema = "booking"});
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(OutboxIdsAfter(**db, marker).size(), 0u);
  booking::v1::Office after;
  grpc::Status st = SetPhone("AT-01", "0141 654321", &after);
  ASSERT_TRUE(st.ok()) << "the pool did not recover: " << st.error_message();
  EXPECT_EQ(after.version(), before.version() + 1);
  EXPECT_EQ(HttpGet("/readyz"), 200);
}

TEST_F(BookingResilienceTest, RejectsMissingAndForgedTokensAndNonAdmins) {
  booking::v1::UpdateOfficeRequest req;
  req.mutable_office()->set_site_code("TO-01");
  req.mutable_update_mask()->add_paths("phone");
  booking::v1::UpdateOfficeResponse resp;
  {
    grpc::ClientContext ctx;
    grpc::Status st = Stub()->UpdateOffice(&ctx, req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(platform::ErrorReason(platform::FromGrpcStatus(st)), "TOKEN_MISSING");
  }
  const platform::auth::Caller admin{.subject = "x", .role = platform::auth::Role::kAdmin};
  auto refused = [&](const std::string& token) {
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
    return platform::FromGrpcStatus(Stub()->UpdateOffice(&ctx, req, &resp));
  };
  {
    // Signed by another key pair (another service's, say): no one but the gateway can mint.
    auto forger = platform::testing::TestKeys::Create();
    const absl::Status st = refused(forger->Token(admin, "booking"));
    EXPECT_EQ(st.code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(platform::ErrorReason(st), "TOKEN_INVALID");
  }
  // The gateway's key, but addressed to the gateway's own service: not a booking token.
  EXPECT_EQ(platform::ErrorReason(refused(keys_->Token(admin, "gateway"))),
            "TOKEN_AUDIENCE_MISMATCH");
  // A SpidL1 login: below the default minimum level.
  platform::auth::Caller level1 = admin;
  level1.spid_level = 1;
  {
    const absl::Status st = refused(keys_->Token(level1, "booking"));
    EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(platform::ErrorReason(st), "TOKEN_LEVEL_TOO_LOW");
  }
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                    keys_->Token({.subject = "op", .role = platform::auth::Role::kOperator},
                                 "booking"));
    grpc::Status st = Stub()->UpdateOffice(&ctx, req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
}

TEST_F(BookingResilienceTest, InProductionAProcessRefusesToStartWithASampleOrMissingKey) {
  // sisl-booking with the committed sample config: its old fallback secret, no secret, or a
  // placeholder is refused before anything is served (exit code 1, the reason in the log).
  const std::string log = (std::filesystem::temp_directory_path() /
                           absl::StrCat("sisl-it-booking-refused-", platform::NewUuidV7(), ".log"))
                              .string();
  const std::map<std::string, std::string> base = {
      {"SISL_DATABASE_URL", pg_url_},
      {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
      {"SISL_CACHE_ADDRESS", redis_},
      {"SISL_SERVICE_GRPC_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
      {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())}};
  struct Case {
    std::string person_id_key;  // "" = not set
    std::string reason;
  };
  for (const Case& c : {Case{"local-development-key-not-for-production", "AUTH_KEY_KNOWN"},
                        Case{"", "AUTH_KEY_MISSING"}, Case{"too-short", "AUTH_KEY_TOO_SHORT"}}) {
    std::map<std::string, std::string> env = base;
    env["SISL_AUTH_TOKEN_PUBLIC_KEY"] = keys_->files().public_key;
    if (!c.person_id_key.empty()) env["SISL_AUTH_PERSON_ID_KEY"] = c.person_id_key;
    std::filesystem::remove(log);
    ChildProcess booking(BinaryPath("services/booking/sisl-booking"),
                         {"--config", SourcePath("deploy/config/booking.yaml")}, env, log);
    ASSERT_TRUE(booking.Start());
    const std::optional<int> status = booking.Wait(std::chrono::seconds(30));
    if (!status.has_value()) booking.Kill();
    ASSERT_TRUE(status.has_value()) << c.reason << ": sisl-booking started anyway";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 1) << c.reason;
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find(c.reason), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace sisl::testing_env
