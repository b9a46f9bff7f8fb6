#ifndef SISL_PLATFORM_GRPC_TLS_H_
#define SISL_PLATFORM_GRPC_TLS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "services/platform/config.h"

namespace sisl::platform {

// Transport security of gRPC between processes (ADR 0015): every service's server and every
// client channel to another service take their credentials from configuration.
//   service.tls.cert_file / key_file   the server's certificate chain and key (PEM); both or none
//   service.tls.client_ca_file         when set, clients must present a certificate signed by it
//   grpc_client.tls.ca_file            when set, channels to services use TLS verified by this CA
//   grpc_client.tls.cert_file/key_file the client certificate of this process (mTLS)
// Nothing set: plaintext (the all-in-one, whose calls never leave the process's loopback).
std::vector<ConfigKey> GrpcTlsConfigKeys();

// Insecure credentials when no service.tls.* key is set. Errors (FAILED_PRECONDITION,
// reason TLS_CONFIG_INVALID) name the key of a missing, unreadable or half-given file.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFromConfig(
    const Config& config);
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFromConfig(
    const Config& config);

// Whether the credentials above encrypt (for the start-up log and the production warning).
bool ServerTlsConfigured(const Config& config);
bool ClientTlsConfigured(const Config& config);

// Reads a PEM file for config key `key`; errors name the key, never the file's content.
absl::StatusOr<std::string> ReadPemFile(const std::string& key, const std::string& path);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_TLS_H_
