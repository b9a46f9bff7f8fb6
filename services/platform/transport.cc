#include "services/platform/transport.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/tls.h"
#include "services/platform/log.h"
#include "services/platform/process.h"

namespace sisl::platform {
namespace {

absl::Status BadConfig(const std::string& message) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG", message);
}

std::string PercentEncode(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

bool UsesTls(const Config& config, const std::string& protocol_key) {
  const std::string p = config.GetString(protocol_key);
  return p == "ssl" || p == "sasl_ssl";
}

}  // namespace

std::vector<ConfigKey> RedisConfigKeys() {
  using T = ConfigKey::Type;
  return {
      {"cache.username", T::kString, "", false, {}, "Redis ACL user; empty: AUTH with password"},
      {"cache.password", T::kString, "", false, {}, "Redis password; empty: no AUTH"},
      {"cache.tls.enabled", T::kBool, "false", false, {}, "Redis over TLS"},
      {"cache.tls.ca_file",
       T::kString,
       "",
       false,
       {},
       "PEM CA bundle verifying the Redis server; empty: the system's trust store"},
      {"cache.tls.cert_file", T::kString, "", false, {}, "PEM client certificate (mTLS)"},
      {"cache.tls.key_file", T::kString, "", false, {}, "PEM key of the client certificate"},
      {"cache.tls.server_name",
       T::kString,
       "",
       false,
       {},
       "name or IP the server certificate must carry; empty: the host of cache.address"},
  };
}

std::string DatabaseConnectionString(const Config& config) {
  std::vector<std::pair<std::string, std::string>> params;
  auto add = [&](const std::string& libpq_key, const std::string& config_key) {
    std::string value = config.GetString(config_key);
    if (!value.empty()) params.emplace_back(libpq_key, std::move(value));
  };
  add("password", "database.password");
  add("sslmode", "database.tls.mode");
  add("sslrootcert", "database.tls.ca_file");
  add("sslcert", "database.tls.cert_file");
  add("sslkey", "database.tls.key_file");
  std::string url = config.GetString("database.url");
  if (params.empty() || absl::StartsWith(url, "sqlite:")) return url;
  char separator = absl::StrContains(url, '?') ? '&' : '?';
  for (const auto& [key, value] : params) {
    absl::StrAppend(&url, std::string(1, separator), key, "=", PercentEncode(value));
    separator = '&';
  }
  return url;
}

absl::StatusOr<std::map<std::string, std::string>> KafkaSecurityProperties(const Config& config) {
  std::map<std::string, std::string> p;
  const std::string protocol = config.GetString("bus.security_protocol");
  p["security.protocol"] = protocol;
  if (absl::StartsWith(protocol, "sasl_")) {
    const std::string user = config.GetString("bus.sasl.username");
    const std::string password = config.GetString("bus.sasl.password");
    if (user.empty() || password.empty()) {
      return BadConfig(absl::StrCat("config key 'bus.security_protocol' is ", protocol,
                                    ": set bus.sasl.username and bus.sasl.password"));
    }
    p["sasl.mechanisms"] = config.GetString("bus.sasl.mechanism");
    p["sasl.username"] = user;
    p["sasl.password"] = password;
  }
  if (UsesTls(config, "bus.security_protocol")) {
    p["ssl.endpoint.identification.algorithm"] = "https";  // the broker's name or IP is checked
    if (const std::string ca = config.GetString("bus.tls.ca_file"); !ca.empty()) {
      p["ssl.ca.location"] = ca;
    }
    const std::string cert = config.GetString("bus.tls.cert_file");
    const std::string key = config.GetString("bus.tls.key_file");
    if (cert.empty() != key.empty()) {
      return BadConfig("config keys 'bus.tls.cert_file' and 'bus.tls.key_file' go together");
    }
    if (!cert.empty()) {
      p["ssl.certificate.location"] = cert;
      p["ssl.key.location"] = key;
    }
  } else if (!config.GetString("bus.tls.ca_file").empty()) {
    return BadConfig("config key 'bus.tls.ca_file' needs bus.security_protocol ssl or sasl_ssl");
  }
  return p;
}

absl::StatusOr<cache::RedisPool::Options> RedisPoolOptionsFromConfig(const Config& config) {
  const std::string address = config.GetString("cache.address");
  const size_t colon = address.rfind(':');
  cache::RedisPool::Options options;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(absl::string_view(address).substr(colon + 1), &options.port)) {
    return BadConfig("config key 'cache.address': expected host:port");
  }
  options.host = address.substr(0, colon);
  options.connect_timeout = config.GetDuration("cache.timeout");
  options.command_timeout = config.GetDuration("cache.timeout");
  if (const std::string user = config.GetString("cache.username"); !user.empty()) {
    options.username = user;
  }
  if (const std::string password = config.GetString("cache.password"); !password.empty()) {
    options.password = password;
  } else if (options.username.has_value()) {
    return BadConfig("config key 'cache.username' needs cache.password");
  }
  options.tls.enabled = config.GetBool("cache.tls.enabled");
  options.tls.ca_file = config.GetString("cache.tls.ca_file");
  options.tls.cert_file = config.GetString("cache.tls.cert_file");
  options.tls.key_file = config.GetString("cache.tls.key_file");
  options.tls.server_name = config.GetString("cache.tls.server_name");
  if (!options.tls.enabled && (!options.tls.ca_file.empty() || !options.tls.cert_file.empty())) {
    return BadConfig("config keys 'cache.tls.*' need cache.tls.enabled: true");
  }
  return options;
}

void LogTransportSecurity(const Config& config) {
  std::vector<std::string> plain;
  if (!ServerTlsConfigured(config)) plain.push_back("gRPC server");
  if (!ClientTlsConfigured(config)) plain.push_back("gRPC clients");
  const std::string sslmode = config.GetString("database.tls.mode");
  if (sslmode != "require" && sslmode != "verify-ca" && sslmode != "verify-full" &&
      !absl::StrContains(config.GetString("database.url"), "sslmode=verify") &&
      !absl::StrContains(config.GetString("database.url"), "sslmode=require")) {
    plain.push_back("database");
  }
  if (config.GetString("bus.kind") == "kafka" && !UsesTls(config, "bus.security_protocol")) {
    plain.push_back("bus");
  }
  if (config.GetString("cache.kind") == "redis" && !config.GetBool("cache.tls.enabled")) {
    plain.push_back("cache");
  }
  if (plain.empty()) {
    log::Info("transport security: every link encrypted", {});
  } else if (IsDevelopment(config)) {
    log::Info("transport security: plaintext links", {{"links", absl::StrJoin(plain, ", ")}});
  } else {
    log::Warn(
        "transport security: plaintext links outside development (docs/transport-security.md)",
        {{"links", absl::StrJoin(plain, ", ")}});
  }
}

}  // namespace sisl::platform
