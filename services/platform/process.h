#ifndef SISL_PLATFORM_PROCESS_H_
#define SISL_PLATFORM_PROCESS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/cache/cache.h"
#include "services/platform/config.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/module_host.h"

namespace sisl::platform {

// The configuration keys every distributed service process accepts (service.*, log.*,
// database.*, bus.*, cache.*, auth.*). See deploy/config/*.yaml for examples.
std::vector<ConfigKey> ServiceConfigKeys();

// auth.minimum_level (default 2) and auth.minimum_level_by_role ("admin=3,operator=2"): the SPID
// level every internal token must carry, per role. In both process kinds' schemas.
std::vector<ConfigKey> LevelConfigKeys();
absl::StatusOr<auth::LevelPolicy> LevelPolicyFromConfig(const Config& config);

// `environment: development` (or, in the gateway's process, `gateway.environment: development`).
// Standalone processes are production otherwise.
bool IsDevelopment(const Config& config);

// The keys of a standalone process: auth.token_public_key (PEM file; the gateway may give only
// auth.token_private_key), auth.token_private_key (the gateway), auth.person_id_key, and for
// service tokens (ADR 0022) auth.service_token_private_key (this process's own key: the service
// signer, issuer auth::ServiceIssuer(`service`)) and auth.trusted_service_keys (the services
// whose tokens the verifier accepts). Outside development refuses a missing, short or known
// secret and a private key file readable by others (FAILED_PRECONDITION, reasons AUTH_KEY_*);
// a service key that is the gateway's key is refused everywhere (AUTH_KEY_REUSED). A malformed
// auth.trusted_service_keys is INVALID_ARGUMENT (INVALID_CONFIG) naming the bad entry; a listed
// key file that is missing or not Ed25519 is AUTH_KEY_MISSING or TOKEN_KEY_INVALID naming its
// service.
absl::StatusOr<std::unique_ptr<ProcessKeys>> LoadServiceKeys(
    const Config& config, const Clock& clock = SystemClock::Get(), absl::string_view service = "");

// Parses "--config FILE" from argv (or SISL_CONFIG), loads and validates it, and sets up logging
// for `service`. Errors name the offending key.
absl::StatusOr<Config> LoadProcessConfig(int argc, char** argv, const std::string& service,
                                         const std::vector<ConfigKey>& schema);

// The three ports, built from configuration.
struct Adapters {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<bus::EventBus> bus;
  std::unique_ptr<cache::Cache> cache;
  // Flushes the bus; pools close when the adapters are destroyed.
  void Close();
};

// `service` names the PostgreSQL schema and the Redis key prefix.
absl::StatusOr<Adapters> OpenAdapters(const Config& config, const std::string& service);

// /readyz checks that the bus is reachable (each module checks its own database; the cache is
// optional: reads fall back to the store when it is down).
void AddAdapterReadiness(ServerHost& host, Adapters& adapters);

// Logs `status` with `what` and returns the process exit code for a failed start.
int ExitWithError(const std::string& what, const absl::Status& status);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_PROCESS_H_
