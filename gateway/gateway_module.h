#ifndef SISL_GATEWAY_GATEWAY_MODULE_H_
#define SISL_GATEWAY_GATEWAY_MODULE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/gateway_config.h"
#include "gateway/ratelimit/rate_limiter.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"

namespace sisl::gateway {

struct GatewayDeps {
  platform::cache::Cache& cache;       // sessions and SAML request state
  ratelimit::RateLimiter& limiter;
  platform::db::Database& db;          // the staff directory
  const platform::Clock& clock;
  const platform::auth::TokenCodec& tokens;
  const platform::auth::PersonIdHasher& person_ids;
  GatewayOptions options;
  // Where a development installation keeps generated keys (SPID SP key and certificate).
  std::string data_dir;
};

// The gateway: the staff directory (a gRPC service of its own) and the public HTTP entry with
// REST/JSON over gRPC, SPID/CIE login, sessions, rate limits and OpenAPI. Same shape as the
// service modules: Create, Initialize, Register on a ServerHost; then StartHttp once the gRPC
// services it fronts are listening.
class GatewayModule final {
 public:
  static absl::StatusOr<std::unique_ptr<GatewayModule>> Create(GatewayDeps deps);
  ~GatewayModule();

  // Migrates the staff store and applies the bootstrap staff list.
  absl::Status Initialize();
  absl::Status Register(platform::ServerHost& host);
  // `fallback_upstream`: the gRPC address for services when gateway.upstream_default is empty
  // (the all-in-one passes its own).
  absl::Status StartHttp(const std::string& fallback_upstream);
  void Stop();
  int http_port() const;

  struct State;

 private:
  explicit GatewayModule(std::unique_ptr<State> state);
  absl::Status StartSpid();
  std::unique_ptr<State> state_;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_GATEWAY_MODULE_H_
