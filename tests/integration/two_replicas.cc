#include "tests/integration/two_replicas.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"
#include "sisl/booking/v1/availability.grpc.pb.h"

namespace sisl::testing_env {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

TwoBookingReplicas::TwoBookingReplicas() = default;

absl::Status TwoBookingReplicas::Start() {
  pg_url_ = Env("SISL_TEST_PG_URL");
  kafka_ = Env("SISL_TEST_KAFKA");
  redis_ = Env("SISL_TEST_REDIS");
  if (pg_url_.empty() || kafka_.empty() || redis_.empty()) {
    return absl::FailedPreconditionError(
        "SISL_TEST_PG_URL, SISL_TEST_KAFKA and SISL_TEST_REDIS must be set: run deploy/infra.sh "
        "up and source .run/infra/env (./sisl test does this)");
  }
  const auto temp = std::filesystem::temp_directory_path();
  for (int i = 0; i < kReplicas; ++i) {
    grpc_[i] = absl::StrCat("127.0.0.1:", FreePort());
    http_[i] = absl::StrCat("127.0.0.1:", FreePort());
    // The test process's id in the name: a rerun (./sisl test reruns a failed failover test)
    // keeps the failed run's logs.
    const std::string log =
        (temp / absl::StrCat("sisl-it-booking-replica-", getpid(), "-", i, ".log")).string();
    std::filesystem::remove(log);
    std::map<std::string, std::string> env = {
        {"SISL_DATABASE_URL", pg_url_},          {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
        {"SISL_CACHE_ADDRESS", redis_},          {"SISL_LOG_LEVEL", "warn"},
        {"SISL_SERVICE_GRPC_ADDRESS", grpc_[i]}, {"SISL_SERVICE_HTTP_ADDRESS", http_[i]}};
    env.merge(keys_->Env(/*gateway=*/false));
    processes_[i] = std::make_unique<ChildProcess>(
        BinaryPath("services/booking/sisl-booking"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/booking.yaml")}, env, log);
    if (!processes_[i]->Start()) {
      return absl::InternalError(absl::StrCat("cannot fork sisl-booking replica ", i));
    }
  }
  for (int i = 0; i < kReplicas; ++i) {
    if (!processes_[i]->WaitForGrpc(grpc_[i], std::chrono::seconds(60))) {
      return absl::UnavailableError(
          absl::StrCat("sisl-booking replica ", i, " did not start; see ", log_path(i)));
    }
  }
  auto db = platform::db::OpenDatabase({.url = pg_url_, .pool_size = 2, .schema = "booking"});
  if (!db.ok()) return db.status();
  db_ = *std::move(db);
  return absl::OkStatus();
}

void TwoBookingReplicas::Stop() {
  for (auto& p : processes_) {
    if (p) p->Kill();
  }
}

std::shared_ptr<grpc::Channel> TwoBookingReplicas::NewChannel(int replica) const {
  grpc::ChannelArguments args;
  // A local subchannel pool: this channel gets its own TCP connection, like a separate client.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(grpc_[replica], grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> TwoBookingReplicas::Context(
    const platform::auth::Caller& caller, absl::Duration deadline) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, "booking"));
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  return ctx;
}

int TwoBookingReplicas::FreeSlots(int replica, const std::string& service, const std::string& site,
                                  const std::vector<absl::CivilDay>& days) const {
  auto stub = booking::v1::AvailabilityService::NewStub(NewChannel(replica));
  int free = 0;
  for (absl::CivilDay d : days) {
    booking::v1::GetDayAvailabilityRequest req;
    req.set_service_code(service);
    req.mutable_scope()->set_scope(booking::v1::SEARCH_SCOPE_REGION);
    req.mutable_scope()->add_site_codes(site);
    req.set_date(absl::FormatCivilTime(d));
    booking::v1::GetDayAvailabilityResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    if (!stub->GetDayAvailability(&ctx, req, &resp).ok()) return -1;
    free += resp.slots_size();
  }
  return free;
}

std::string InventFiscalCode(uint64_t n) {
  std::string cf;
  for (int i = 0; i < 6; ++i, n /= 26) cf.push_back(static_cast<char>('A' + n % 26));
  absl::StrAppend(&cf, absl::Dec(50 + n % 50, absl::kZeroPad2));  // born 1950-1999
  n /= 50;
  cf.push_back("ABCDEHLMPRST"[n % 12]);
  n /= 12;
  absl::StrAppend(&cf, absl::Dec(1 + n % 28, absl::kZeroPad2));
  n /= 28;
  cf.push_back(static_cast<char>('A' + n % 26));  // Belfiore code: a letter and three digits
  absl::StrAppend(&cf, absl::Dec(n / 26 % 1000, absl::kZeroPad3));
  cf.push_back(*reference::FiscalCodeCheckCharacter(cf));
  return cf;
}

}  // namespace sisl::testing_env
