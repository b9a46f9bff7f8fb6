#ifndef SISL_PLATFORM_TRANSPORT_H_
#define SISL_PLATFORM_TRANSPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/cache/redis_pool.h"
#include "services/platform/config.h"

namespace sisl::platform {

// Transport security of a standalone process towards its infrastructure (ADR 0015), one group of
// config keys per server kind; every secret is meant to come from the environment:
//   database.tls.*, database.password        PostgreSQL over TLS (libpq sslmode and files)
//   bus.security_protocol, bus.sasl.*, bus.tls.*  Kafka SASL_SSL (or SSL with a client certificate)
//   cache.username, cache.password, cache.tls.*   Redis ACL AUTH and TLS
// gRPC between processes is in grpc/tls.h.

// cache.* keys beyond kind/address/timeout (they are in ServiceConfigKeys()).
std::vector<ConfigKey> RedisConfigKeys();

// database.url with database.password and database.tls.* added as libpq URI query parameters
// (an sqlite: URL is returned as is).
std::string DatabaseConnectionString(const Config& config);

// librdkafka properties for bus.security_protocol, bus.sasl.* and bus.tls.*. INVALID_ARGUMENT
// (reason INVALID_CONFIG) when a SASL protocol has no user or password.
absl::StatusOr<std::map<std::string, std::string>> KafkaSecurityProperties(const Config& config);

// The Redis connection of cache.address, cache.timeout, cache.username, cache.password and
// cache.tls.*. INVALID_ARGUMENT (reason INVALID_CONFIG) on a malformed address.
absl::StatusOr<cache::RedisPool::Options> RedisPoolOptionsFromConfig(const Config& config);

// Logs, once at start, which links are encrypted; outside development a warning names each
// plaintext link (gRPC server and clients, database, bus, cache).
void LogTransportSecurity(const Config& config);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_TRANSPORT_H_
