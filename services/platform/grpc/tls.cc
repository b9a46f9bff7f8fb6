#include "services/platform/grpc/tls.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::platform {
namespace {

absl::Status Invalid(const std::string& message) {
  return Error(absl::StatusCode::kFailedPrecondition, "TLS_CONFIG_INVALID", message);
}

// Reads `key` when set; "" when unset.
absl::StatusOr<std::string> OptionalPem(const Config& config, const std::string& key) {
  const std::string path = config.GetString(key);
  if (path.empty()) return std::string();
  return ReadPemFile(key, path);
}

}  // namespace

std::vector<ConfigKey> GrpcTlsConfigKeys() {
  using T = ConfigKey::Type;
  return {
      {"service.tls.cert_file",
       T::kString,
       "",
       false,
       {},
       "PEM certificate chain of this process's gRPC server; empty: plaintext"},
      {"service.tls.key_file", T::kString, "", false, {}, "PEM private key of that certificate"},
      {"service.tls.client_ca_file",
       T::kString,
       "",
       false,
       {},
       "PEM CA bundle: when set, gRPC clients must present a certificate it signed (mTLS)"},
      {"grpc_client.tls.ca_file",
       T::kString,
       "",
       false,
       {},
       "PEM CA bundle verifying the services this process calls; empty: plaintext channels"},
      {"grpc_client.tls.cert_file",
       T::kString,
       "",
       false,
       {},
       "PEM client certificate presented to other services (mTLS)"},
      {"grpc_client.tls.key_file", T::kString, "", false, {}, "PEM key of the client certificate"},
  };
}

absl::StatusOr<std::string> ReadPemFile(const std::string& key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Invalid(absl::StrCat("config key '", key, "': cannot read '", path, "'"));
  std::ostringstream content;
  content << in.rdbuf();
  std::string pem = content.str();
  if (!absl::StrContains(pem, "-----BEGIN ")) {
    return Invalid(absl::StrCat("config key '", key, "': '", path, "' is not a PEM file"));
  }
  return pem;
}

bool ServerTlsConfigured(const Config& config) {
  return !config.GetString("service.tls.cert_file").empty() ||
         !config.GetString("service.tls.key_file").empty();
}

bool ClientTlsConfigured(const Config& config) {
  return !config.GetString("grpc_client.tls.ca_file").empty();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromConfig(
    const Config& config) {
  const bool client_ca = !config.GetString("service.tls.client_ca_file").empty();
  if (!ServerTlsConfigured(config)) {
    if (client_ca) {
      return Invalid(
          "config key 'service.tls.client_ca_file' needs service.tls.cert_file and "
          "service.tls.key_file");
    }
    return grpc::InsecureServerCredentials();
  }
  ASSIGN_OR_RETURN(std::string cert, OptionalPem(config, "service.tls.cert_file"));
  ASSIGN_OR_RETURN(std::string key, OptionalPem(config, "service.tls.key_file"));
  if (cert.empty() || key.empty()) {
    return Invalid("config keys 'service.tls.cert_file' and 'service.tls.key_file' go together");
  }
  grpc::SslServerCredentialsOptions options(
      client_ca ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  ASSIGN_OR_RETURN(options.pem_root_certs, OptionalPem(config, "service.tls.client_ca_file"));
  options.pem_key_cert_pairs.push_back({std::move(key), std::move(cert)});
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFromConfig(
    const Config& config) {
  ASSIGN_OR_RETURN(std::string cert, OptionalPem(config, "grpc_client.tls.cert_file"));
  ASSIGN_OR_RETURN(std::string key, OptionalPem(config, "grpc_client.tls.key_file"));
  if (cert.empty() != key.empty()) {
    return Invalid(
        "config keys 'grpc_client.tls.cert_file' and 'grpc_client.tls.key_file' go together");
  }
  if (!ClientTlsConfigured(config)) {
    if (!cert.empty()) {
      return Invalid("config key 'grpc_client.tls.cert_file' needs grpc_client.tls.ca_file");
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions options;
  ASSIGN_OR_RETURN(options.pem_root_certs, OptionalPem(config, "grpc_client.tls.ca_file"));
  options.pem_private_key = std::move(key);
  options.pem_cert_chain = std::move(cert);
  return grpc::SslCredentials(options);
}

}  // namespace sisl::platform
