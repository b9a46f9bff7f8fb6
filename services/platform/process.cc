#include "services/platform/process.h"

#include <cstdlib>
#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/auth/keys.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/bus/kafka_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/cache/redis_cache.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/tls.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"
#include "services/platform/transport.h"

namespace sisl::platform {

std::vector<ConfigKey> ServiceConfigKeys() {
  using T = ConfigKey::Type;
  std::vector<ConfigKey> keys = {
      {"service.grpc_address", T::kString, "127.0.0.1:50051", false, {}, "gRPC listen address"},
      {"service.http_address", T::kString, "127.0.0.1:9091", false, {}, "ops HTTP address"},
      {"log.level", T::kString, "info", false, {"debug", "info", "warn", "error"}, "log level"},
      {"database.url", T::kString, "", true, {}, "postgresql://user:pass@host:port/db or sqlite:"},
      {"database.password",
       T::kString,
       "",
       false,
       {},
       "added to database.url, so the URL holds no secret (pass it by environment)"},
      {"database.pool_size", T::kInt, "8", false, {}, "connections in the pool"},
      {"database.connect_timeout", T::kDuration, "3s", false, {}, "connect and pool wait"},
      {"database.tls.mode",
       T::kString,
       "",
       false,
       {"", "disable", "prefer", "require", "verify-ca", "verify-full"},
       "libpq sslmode; empty: what database.url says (libpq's default is prefer)"},
      {"database.tls.ca_file", T::kString, "", false, {}, "PEM CA bundle (libpq sslrootcert)"},
      {"database.tls.cert_file", T::kString, "", false, {}, "PEM client certificate (sslcert)"},
      {"database.tls.key_file", T::kString, "", false, {}, "PEM client key, mode 0600 (sslkey)"},
      {"bus.kind", T::kString, "kafka", false, {"kafka", "inproc"}, "event bus adapter"},
      {"bus.bootstrap_servers", T::kString, "", false, {}, "Kafka brokers host:port,..."},
      {"bus.group_prefix",
       T::kString,
       "",
       false,
       {},
       "prefix of every consumer group (one deployment's groups apart from another's on a "
       "shared cluster, e.g. test runs)"},
      {"bus.topic_prefix",
       T::kString,
       "",
       false,
       {},
       "prefix of every topic name on the cluster (one deployment's events apart from "
       "another's, e.g. an environment or a test run; empty in production)"},
      {"bus.security_protocol",
       T::kString,
       "plaintext",
       false,
       {"plaintext", "ssl", "sasl_plaintext", "sasl_ssl"},
       "Kafka security.protocol"},
      {"bus.sasl.mechanism",
       T::kString,
       "SCRAM-SHA-512",
       false,
       {"SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"},
       "SASL mechanism (sasl_* protocols)"},
      {"bus.sasl.username", T::kString, "", false, {}, "SASL user"},
      {"bus.sasl.password", T::kString, "", false, {}, "SASL password (pass it by environment)"},
      {"bus.tls.ca_file", T::kString, "", false, {}, "PEM CA bundle verifying the brokers"},
      {"bus.tls.cert_file", T::kString, "", false, {}, "PEM client certificate (ssl mTLS)"},
      {"bus.tls.key_file", T::kString, "", false, {}, "PEM key of the client certificate"},
      {"cache.kind", T::kString, "redis", false, {"redis", "memory"}, "cache adapter"},
      {"cache.address", T::kString, "127.0.0.1:6379", false, {}, "Redis host:port"},
      {"cache.timeout", T::kDuration, "200ms", false, {}, "Redis connect and command timeout"},
      {"environment",
       T::kString,
       "production",
       false,
       {"production", "development"},
       "development relaxes the key checks; production refuses short, known or exposed keys"},
      {"auth.token_public_key",
       T::kString,
       "",
       false,
       {},
       "PEM file: the gateway's Ed25519 public key, to verify internal tokens"},
      {"auth.token_private_key",
       T::kString,
       "",
       false,
       {},
       "PEM file (mode 0600): the Ed25519 private key that signs internal tokens (gateway only)"},
      {"auth.service_token_private_key",
       T::kString,
       "",
       false,
       {},
       "PEM file (mode 0600): this service's own Ed25519 key, signing the service tokens of its "
       "calls to other services (one key per calling service, never the gateway's)"},
      {"auth.trusted_service_keys",
       T::kString,
       "",
       false,
       {},
       "services whose service tokens this process accepts, each with its PEM public key file: "
       "notifications=/etc/sisl/keys/notifications.pub.pem,other=/path"},
      {"auth.person_id_key",
       T::kString,
       "",
       false,
       {},
       "secret of the pseudonymous person ids (>= 32 chars, not derived from any other key)"},
      // Kept in the schema only to explain, at start, what replaced it.
      {"auth.token_key", T::kString, "", false, {}, "removed: see auth.token_public_key"},
  };
  for (ConfigKey& key : LevelConfigKeys()) keys.push_back(std::move(key));
  for (ConfigKey& key : GrpcTlsConfigKeys()) keys.push_back(std::move(key));
  for (ConfigKey& key : RedisConfigKeys()) keys.push_back(std::move(key));
  return keys;
}

std::vector<ConfigKey> LevelConfigKeys() {
  using T = ConfigKey::Type;
  return {
      {"auth.minimum_level",
       T::kInt,
       "2",
       false,
       {},
       "lowest SPID level (1-3) of the login behind an internal token, for every role"},
      {"auth.minimum_level_by_role",
       T::kString,
       "",
       false,
       {},
       "per-role overrides of auth.minimum_level, e.g. admin=3,operator=2"},
  };
}

absl::StatusOr<auth::LevelPolicy> LevelPolicyFromConfig(const Config& config) {
  return auth::LevelPolicy::Parse(static_cast<int>(config.GetInt("auth.minimum_level")),
                                  config.GetString("auth.minimum_level_by_role"));
}

bool IsDevelopment(const Config& config) {
  if (config.Has("environment") && config.GetString("environment") == "development") return true;
  // The gateway's own switch (gateway.environment) says the same for its process.
  return config.Has("gateway.environment") &&
         config.GetString("gateway.environment") == "development";
}

namespace {

// auth.trusted_service_keys, read into a verifier's service keys.
absl::StatusOr<std::map<std::string, auth::KeyHandle>> TrustedServiceKeys(const Config& config,
                                                                          bool development) {
  ASSIGN_OR_RETURN(auto paths,
                   auth::ParseTrustedServiceKeys(config.GetString("auth.trusted_service_keys")));
  std::map<std::string, auth::KeyHandle> keys;
  for (const auto& [service, path] : paths) {
    const std::string context =
        absl::StrCat("auth.trusted_service_keys, service '", service, "': ");
    auto pem =
        auth::ReadKeyFile("auth.trusted_service_keys", path, /*private_key=*/false, development);
    if (!pem.ok()) return Annotate(pem.status(), context);
    auto key = auth::PublicKeyFromPem(*pem);
    if (!key.ok()) return Annotate(key.status(), context);
    keys.emplace(service, *std::move(key));
  }
  return keys;
}

// auth.service_token_private_key: the signer of this process's own calls, or none.
absl::StatusOr<std::optional<auth::TokenSigner>> ServiceSigner(const Config& config,
                                                               absl::string_view service,
                                                               bool development,
                                                               const Clock& clock) {
  const std::string path = config.GetString("auth.service_token_private_key");
  if (path.empty()) return std::nullopt;
  ASSIGN_OR_RETURN(std::string pem, auth::ReadKeyFile("auth.service_token_private_key", path,
                                                      /*private_key=*/true, development));
  ASSIGN_OR_RETURN(auth::TokenSigner signer, auth::TokenSigner::FromPrivateKeyPem(pem, clock));
  if (service.empty()) return signer;
  return signer.WithIssuer(auth::ServiceIssuer(service));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ProcessKeys>> LoadServiceKeys(const Config& config,
                                                             const Clock& clock,
                                                             absl::string_view service) {
  const bool development = IsDevelopment(config);
  if (!config.GetString("auth.token_key").empty()) {
    return Error(absl::StatusCode::kFailedPrecondition, "AUTH_KEY_OBSOLETE",
                 "config key 'auth.token_key': the shared HMAC key is gone; the gateway signs "
                 "with auth.token_private_key, services verify with auth.token_public_key and "
                 "person ids use auth.person_id_key (docs/keys.md)");
  }
  ASSIGN_OR_RETURN(auth::LevelPolicy levels, LevelPolicyFromConfig(config));
  const std::string person_id_key = config.GetString("auth.person_id_key");
  RETURN_IF_ERROR(auth::CheckSecret("auth.person_id_key", person_id_key, development));
  ASSIGN_OR_RETURN(auto trusted, TrustedServiceKeys(config, development));
  ASSIGN_OR_RETURN(std::optional<auth::TokenSigner> service_signer,
                   ServiceSigner(config, service, development, clock));

  std::optional<auth::TokenSigner> signer;
  const std::string private_path = config.GetString("auth.token_private_key");
  if (!private_path.empty()) {
    ASSIGN_OR_RETURN(std::string pem, auth::ReadKeyFile("auth.token_private_key", private_path,
                                                        /*private_key=*/true, development));
    ASSIGN_OR_RETURN(signer, auth::TokenSigner::FromPrivateKeyPem(pem, clock));
  }
  const std::string public_path = config.GetString("auth.token_public_key");
  std::optional<auth::TokenVerifier> verifier;
  if (public_path.empty() && signer.has_value()) {
    // The process that signs can verify with its own public half.
    verifier = auth::TokenVerifier::For(*signer, {}, std::move(levels), clock);
  } else {
    ASSIGN_OR_RETURN(std::string pem, auth::ReadKeyFile("auth.token_public_key", public_path,
                                                        /*private_key=*/false, development));
    ASSIGN_OR_RETURN(verifier,
                     auth::TokenVerifier::FromPublicKeyPem(pem, {}, std::move(levels), clock));
  }
  auth::Caller probe{.subject = "probe", .spid_level = 3};
  const auth::TokenVerifier probe_verifier = verifier->ForAudiences({"probe"});
  if (signer.has_value() && !probe_verifier.Verify(signer->Sign(probe, "probe")).ok()) {
    // Both given: they must be the two halves of one key pair.
    return Error(absl::StatusCode::kFailedPrecondition, "AUTH_KEY_MISMATCH",
                 "auth.token_public_key is not the public half of auth.token_private_key");
  }
  if (service_signer.has_value() &&
      probe_verifier.Verify(service_signer->WithIssuer(auth::kTokenIssuer).Sign(probe, "probe"))
          .ok()) {
    // A service holding the gateway's key could sign any role for anyone.
    return Error(absl::StatusCode::kFailedPrecondition, "AUTH_KEY_REUSED",
                 "auth.service_token_private_key is the gateway's key; give each calling "
                 "service a key pair of its own (docs/keys.md)",
                 {{"key", "auth.service_token_private_key"}});
  }
  auto keys = std::make_unique<ProcessKeys>(
      std::move(signer), verifier->WithTrustedServices(std::move(trusted)), person_id_key);
  keys->service_signer = std::move(service_signer);
  return keys;
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
      return Error(
          absl::StatusCode::kInvalidArgument, "INVALID_ARGUMENT",
          absl::StrCat("unknown argument '", arg, "'; usage: ", service, " [--config FILE]"));
    }
  }
  if (path.empty()) {
    if (const char* env = std::getenv("SISL_CONFIG")) path = env;
  }
  ASSIGN_OR_RETURN(Config config,
                   path.empty() ? Config::LoadString("", schema) : Config::LoadFile(path, schema));
  log::Level level = log::Level::kInfo;
  log::ParseLevel(config.GetString("log.level"), &level);
  log::Init(service, level);
  return config;
}

absl::StatusOr<Adapters> OpenAdapters(const Config& config, const std::string& service) {
  Adapters a;
  ASSIGN_OR_RETURN(
      a.db, db::OpenDatabase({.url = DatabaseConnectionString(config),
                              .pool_size = static_cast<int>(config.GetInt("database.pool_size")),
                              .connect_timeout_seconds = static_cast<int>(absl::ToInt64Seconds(
                                  config.GetDuration("database.connect_timeout"))),
                              .schema = service}));

  if (config.GetString("bus.kind") == "kafka") {
    ASSIGN_OR_RETURN(auto security, KafkaSecurityProperties(config));
    ASSIGN_OR_RETURN(a.bus, bus::KafkaBus::Create(
                                {.bootstrap_servers = config.GetString("bus.bootstrap_servers"),
                                 .client_id = absl::StrCat("sisl-", service),
                                 .extra_config = std::move(security),
                                 .group_prefix = config.GetString("bus.group_prefix"),
                                 .topic_prefix = config.GetString("bus.topic_prefix")}));
  } else {
    a.bus = std::make_unique<bus::InProcessBus>();
  }

  if (config.GetString("cache.kind") == "redis") {
    ASSIGN_OR_RETURN(cache::RedisPool::Options connection, RedisPoolOptionsFromConfig(config));
    connection.pool_size = 4;
    a.cache = std::make_unique<cache::RedisCache>(std::move(connection),
                                                  absl::StrCat("sisl:", service, ":"));
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
