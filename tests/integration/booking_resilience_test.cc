// sisl-booking against real PostgreSQL, Kafka and Redis: the outbox survives a crash, and the
// service behaves when Redis or PostgreSQL is down.
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
  {
    grpc::ClientContext ctx;
    platform::auth::TokenCodec forger("a-different-key-of-at-least-32-bytes!!");
    ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                    forger.Mint({.subject = "x", .role = platform::auth::Role::kAdmin}));
    grpc::Status st = Stub()->UpdateOffice(&ctx, req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(platform::ErrorReason(platform::FromGrpcStatus(st)), "TOKEN_INVALID");
  }
  {
    grpc::ClientContext ctx;
    platform::auth::TokenCodec codec(token_key_);
    ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                    codec.Mint({.subject = "op", .role = platform::auth::Role::kOperator}));
    grpc::Status st = Stub()->UpdateOffice(&ctx, req, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
}

}  // namespace
}  // namespace sisl::testing_env
