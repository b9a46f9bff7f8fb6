#ifndef SISL_PLATFORM_EMBEDDED_MODE_H_
#define SISL_PLATFORM_EMBEDDED_MODE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/config.h"
#include "services/platform/db/database.h"

namespace sisl::platform {

// Configuration keys of the all-in-one process: data_dir, grpc_address, http_address, log.level.
std::vector<ConfigKey> EmbeddedConfigKeys();

// Opens (creating it if needed) <data_dir>/<service>.db.
absl::StatusOr<std::unique_ptr<db::Database>> OpenEmbeddedDatabase(const std::string& data_dir,
                                                                   const std::string& service);

// The internal-token key of an embedded installation: read from <data_dir>/internal-token.key,
// created with 32 random bytes (mode 0600) on first start.
absl::StatusOr<std::string> LoadOrCreateTokenKey(const std::string& data_dir);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_EMBEDDED_MODE_H_
