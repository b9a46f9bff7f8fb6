#ifndef SISL_PLATFORM_MODULE_H_
#define SISL_PLATFORM_MODULE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/config.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/outbox/committer.h"

namespace sisl::platform {

// What a process gives each module it hosts. Everything outlives the module.
struct ModuleContext {
  const Config& config;  // validated; holds the module's own keys too
  db::Database& db;      // the module's own store (PostgreSQL schema / SQLite file)
  bus::EventBus& bus;
  cache::Cache& cache;
  const Clock& clock;
  // Verifies internal tokens addressed to this module (`aud` == its name) with the gateway's
  // public key, under the process's SPID level policy.
  const auth::TokenVerifier& tokens;
  const auth::PersonIdHasher& person_ids;
  // Commits a change with its events through this module's outbox (the runner relays it).
  outbox::Committer& committer;
  // The all-in-one on embedded adapters (development defaults), or its own process.
  bool embedded = false;
  // Where an installation keeps generated files (embedded: the data directory).
  std::string data_dir;
  // Signs internal tokens: only in the process holding the private key (the gateway's, or the
  // all-in-one); null elsewhere, so a service cannot mint tokens for another.
  const auth::TokenSigner* token_signer = nullptr;
  // For channels to other services: TLS with this process's client certificate when
  // grpc_client.tls.* is configured, plaintext otherwise (the all-in-one).
  std::shared_ptr<grpc::ChannelCredentials> channel_credentials = nullptr;
  // Signs this module's own calls to other services: service tokens with issuer
  // auth::ServiceIssuer(<module name>), role notifier (ADR 0022; attach one with
  // AttachServiceToken, grpc/service_token.h). The all-in-one's own key there; in a standalone
  // process auth.service_token_private_key, null when unset. The callee accepts them only when
  // it trusts this service (auth.trusted_service_keys).
  const auth::TokenSigner* service_signer = nullptr;
};

// One service as the runner hosts it, alone (sisl-<name>) or beside others (the all-in-one).
// The runner calls, in order: Initialize, Register, [host starts], Started; on SIGTERM:
// Stopping, [host drains and runs its shutdown steps], destruction.
class Module {
 public:
  virtual ~Module() = default;
  // Migrations and seeds; idempotent and safe with several replicas starting together.
  virtual absl::Status Initialize() = 0;
  // gRPC services, readiness checks, consumers, background tasks and their shutdown steps.
  virtual absl::Status Register(ServerHost& host) = 0;
  // After the host serves (e.g. the gateway's HTTP front, which calls the services).
  virtual absl::Status Started(const ServerHost& host) { return absl::OkStatus(); }
  // Before the host drains: stop taking outside work.
  virtual void Stopping() {}
};

// How to build a module, for the runner.
struct ModuleSpec {
  // "booking": the process sisl-booking, the PostgreSQL schema, the SQLite file booking.db,
  // the Redis key prefix and the error domain.
  std::string name;
  // The module's own configuration keys; `embedded` selects the all-in-one's defaults.
  std::function<std::vector<ConfigKey>(bool embedded)> config_keys;
  std::function<absl::StatusOr<std::unique_ptr<Module>>(const ModuleContext&)> create;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_MODULE_H_
