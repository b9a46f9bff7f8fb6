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

namespace sisl::platform {

// The configuration keys every distributed service process accepts (service.*, log.*,
// database.*, bus.*, cache.*, auth.*). See deploy/config/*.yaml for examples.
std::vector<ConfigKey> ServiceConfigKeys();

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
