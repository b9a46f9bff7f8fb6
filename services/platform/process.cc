#include "services/platform/process.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/bus/kafka_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/cache/redis_cache.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::platform {

std::vector<ConfigKey> ServiceConfigKeys() {
  using T = ConfigKey::Type;
  return {
      {"service.grpc_address", T::kString, "127.0.0.1:50051", false, {}, "gRPC listen address"},
      {"service.http_address", T::kString, "127.0.0.1:9091", false, {}, "ops HTTP address"},
      {"log.level", T::kString, "info", false, {"debug", "info", "warn", "error"}, "log level"},
      {"database.url", T::kString, "", true, {}, "postgresql://user:pass@host:port/db or sqlite:"},
      {"database.pool_size", T::kInt, "8", false, {}, "connections in the pool"},
      {"database.connect_timeout", T::kDuration, "3s", false, {}, "connect and pool wait"},
      {"bus.kind", T::kString, "kafka", false, {"kafka", "inproc"}, "event bus adapter"},
      {"bus.bootstrap_servers", T::kString, "", false, {}, "Kafka brokers host:port,..."},
      {"cache.kind", T::kString, "redis", false, {"redis", "memory"}, "cache adapter"},
      {"cache.address", T::kString, "127.0.0.1:6379", false, {}, "Redis host:port"},
      {"cache.timeout", T::kDuration, "200ms", false, {}, "Redis connect and command timeout"},
      {"auth.token_key", T::kString, "", true, {}, "shared secret of internal tokens (>= 32 chars)"},
  };
}

absl::StatusOr<Config> LoadProcessConfig(int argc, char** argv, const std::string& service,
                                         const std::vector<ConfigKey>& schema) {
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      path = argv[++i];
    } else if (arg.rfind("--config=", 0) == 0) {
      path = arg.substr(9);
    } else {
      return Error(absl::StatusCode::kInvalidArgument, "INVALID_ARGUMENT",
                   absl::StrCat("unknown argument '", arg, "'; usage: ", service,
                                " [--config FILE]"));
    }
  }
  if (path.empty()) {
    if (const char* env = std::getenv("SISL_CONFIG")) path = env;
  }
  ASSIGN_OR_RETURN(Config config, path.empty() ? Config::LoadString("", schema)
                                                : Config::LoadFile(path, schema));
  if (config.Has("auth.token_key") && config.GetString("auth.token_key").size() < 32) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                 "config key 'auth.token_key': must be at least 32 characters");
  }
  log::Level level = log::Level::kInfo;
  log::ParseLevel(config.GetString("log.level"), &level);
  log::Init(service, level);
  return config;
}

absl::StatusOr<Adapters> OpenAdapters(const Config& config, const std::string& service) {
  Adapters a;
  ASSIGN_OR_RETURN(a.db, db::OpenDatabase({
      .url = config.GetString("database.url"),
      .pool_size = static_cast<int>(config.GetInt("database.pool_size")),
      .connect_timeout_seconds = static_cast<int>(
          absl::ToInt64Seconds(config.GetDuration("database.connect_timeout"))),
      .schema = service}));

  if (config.GetString("bus.kind") == "kafka") {
    ASSIGN_OR_RETURN(a.bus,
                     bus::KafkaBus::Create({.bootstrap_servers =
                                                config.GetString("bus.bootstrap_servers"),
                                            .client_id = absl::StrCat("sisl-", service)}));
  } else {
    a.bus = std::make_unique<bus::InProcessBus>();
  }

  if (config.GetString("cache.kind") == "redis") {
    const std::string address = config.GetString("cache.address");
    std::pair<std::string, std::string> hp = absl::StrSplit(address, absl::MaxSplits(':', 1));
    int port = 0;
    if (!absl::SimpleAtoi(hp.second, &port)) {
      return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                   "config key 'cache.address': expected host:port");
    }
    cache::RedisCache::Options options;
    options.host = hp.first;
    options.port = port;
    options.connect_timeout = config.GetDuration("cache.timeout");
    options.command_timeout = config.GetDuration("cache.timeout");
    options.key_prefix = absl::StrCat("sisl:", service, ":");
    a.cache = std::make_unique<cache::RedisCache>(options);
  } else {
    a.cache = std::make_unique<cache::MemoryCache>();
  }
  return a;
}

void Adapters::Close() {
  if (bus) bus->Flush(absl::Seconds(2));
}

void AddAdapterReadiness(ServerHost& host, Adapters& adapters) {
  host.AddReadinessCheck("bus", [&adapters] { return adapters.bus->Ping(); });
}

int ExitWithError(const std::string& what, const absl::Status& status) {
  log::Error(what, {{"error", status.ToString()}});
  return 1;
}

}  // namespace sisl::platform
