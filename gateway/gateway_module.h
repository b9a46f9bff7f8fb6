#ifndef SISL_GATEWAY_GATEWAY_MODULE_H_
#define SISL_GATEWAY_GATEWAY_MODULE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/gateway_config.h"
#include "gateway/ratelimit/rate_limiter.h"
#include "grpcpp/security/credentials.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/module.h"

namespace sisl::gateway {

// The gateway as the kit hosts it, alone (sisl-gateway) or in the all-in-one. Its keys are
// GatewayConfigKeys(embedded) (gateway.*, spid.*, rate_limits.*). Its store is the module's
// database (PostgreSQL schema "gateway" / gateway.db), sessions live in the process cache, rate
// limits in Redis when the process's cache.kind is redis (standalone) and in memory otherwise.
platform::ModuleSpec GatewayModuleSpec();

// The rate limiter for a process: Redis at cache.address when a standalone process runs with
// cache.kind redis (shared by every replica), in memory otherwise.
absl::StatusOr<std::unique_ptr<ratelimit::RateLimiter>> RateLimiterFor(
    const platform::ModuleContext& context);

struct GatewayDeps {
  platform::cache::Cache& cache;  // sessions and SAML request state
  std::unique_ptr<ratelimit::RateLimiter> limiter;
  platform::db::Database& db;  // the staff directory
  const platform::Clock& clock;
  const platform::auth::TokenVerifier& tokens;  // its own gRPC service (audience "gateway")
  const platform::auth::TokenSigner& signer;     // tokens to the services behind it
  const platform::auth::PersonIdHasher& person_ids;
  GatewayOptions options;
  // Where a development installation keeps generated keys (SPID SP key and certificate).
  std::string data_dir;
  // Channels to the services (mTLS when grpc_client.tls.* is configured).
  std::shared_ptr<grpc::ChannelCredentials> channel_credentials = nullptr;
};

// The gateway: the staff directory (a gRPC service of its own) and the public HTTP entry with
// REST/JSON over gRPC, SPID/CIE login, sessions, rate limits and OpenAPI. The HTTP front starts
// once the gRPC services it fronts are listening (Started) and stops first (Stopping).
class GatewayModule final : public platform::Module {
 public:
  static absl::StatusOr<std::unique_ptr<GatewayModule>> Create(GatewayDeps deps);
  ~GatewayModule() override;

  // Migrates the store (the platform's tables and the staff directory) and applies the bootstrap
  // staff list.
  absl::Status Initialize() override;
  // The staff directory's gRPC service, and the gateway's readiness checks on the host's ops port
  // (gateway-sessions, gateway-upstreams): the public HTTP port serves neither /readyz nor
  // /metrics.
  absl::Status Register(platform::ServerHost& host) override;
  // Starts the HTTP front; services without an upstream of their own (gateway.upstream_default
  // empty) are called on this process's gRPC server, 127.0.0.1:<host.grpc_port()>.
  absl::Status Started(const platform::ServerHost& host) override;
  // Stops taking HTTP requests (before the host drains the gRPC services). Idempotent.
  void Stopping() override;

  // Starts the HTTP front with `fallback_upstream` as the gRPC address of services not listed in
  // gateway.upstreams when gateway.upstream_default is empty.
  absl::Status StartHttp(const std::string& fallback_upstream);
  int http_port() const;

  struct State;

 private:
  explicit GatewayModule(std::unique_ptr<State> state);
  absl::Status RegisterOpenApi();
  absl::Status StartSpid();
  std::unique_ptr<State> state_;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_GATEWAY_MODULE_H_
