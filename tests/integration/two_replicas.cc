#include "tests/integration/two_replicas.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::testing_env {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

TwoBookingReplicas::TwoBookingReplicas() : tokens_(token_key_) {}

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
    const std::string log = (temp / absl::StrCat("sisl-it-booking-replica-", i, ".log")).string();
    std::filesystem::remove(log);
    processes_[i] = std::make_unique<ChildProcess>(
        BinaryPath("services/booking/sisl-booking"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/booking.yaml")},
        std::map<std::string, std::string>{{"SISL_DATABASE_URL", pg_url_},
                                           {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
                                           {"SISL_CACHE_ADDRESS", redis_},
                                           {"SISL_AUTH_TOKEN_KEY", token_key_},
                                           {"SISL_LOG_LEVEL", "warn"},
                                           {"SISL_SERVICE_GRPC_ADDRESS", grpc_[i]},
                                           {"SISL_SERVICE_HTTP_ADDRESS", http_[i]}},
        log);
    if (!processes_[i]->Start()) {
      return absl::InternalError(absl::StrCat("cannot fork sisl-booking replica ", i));
    }
  }
  for (int i = 0; i < kReplicas; ++i) {
    if (!processes_[i]->WaitForGrpc(grpc_[i], std::chrono::seconds(60))) {
      return absl::UnavailableError(absl::StrCat("sisl-booking replica ", i,
                                                 " did not start; see ", log_path(i)));
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
  ctx->AddMetadata(platform::auth::kTokenMetadataKey, tokens_.Mint(caller));
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  return ctx;
}

}  // namespace sisl::testing_env
