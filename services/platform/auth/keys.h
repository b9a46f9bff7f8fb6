#ifndef SISL_PLATFORM_AUTH_KEYS_H_
#define SISL_PLATFORM_AUTH_KEYS_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::platform::auth {

// 32 random bytes, base64url (43 characters): a fresh person-id secret.
std::string RandomSecret();

// Whether `value` is a secret someone else also knows: one committed to this repository (the old
// sample configs' fallback), or shaped like a placeholder ("not-for-production", "changeme"...).
bool IsKnownSecret(absl::string_view value);

// Refuses, outside development, a secret that is missing, shorter than 32 characters or known
// (reasons AUTH_KEY_MISSING, AUTH_KEY_TOO_SHORT, AUTH_KEY_KNOWN, naming config key `name`).
// In development only a missing secret is refused.
absl::Status CheckSecret(absl::string_view name, absl::string_view value, bool development);

// Reads the key file named by config key `name`. FAILED_PRECONDITION with AUTH_KEY_MISSING
// (unset or unreadable). Outside development a private key file readable by group or others is
// refused (AUTH_KEY_FILE_EXPOSED).
absl::StatusOr<std::string> ReadKeyFile(absl::string_view name, const std::string& path,
                                        bool private_key, bool development);

// Creates `path` with `contents`, mode 0600 from the start; fails if it exists.
absl::Status WriteNewKeyFile(const std::string& path, absl::string_view contents);

// The files of a distributed deployment, made by GenerateDeploymentKeys (or
// `sisl-allinone keys --dir DIR`): the gateway's private key, the public key every service
// reads, the person-id secret, and one service key pair (ADR 0022). Names inside `dir`.
struct DeploymentKeyFiles {
  std::string private_key;    // internal-token.pem (0600): the gateway's auth.token_private_key
  std::string public_key;     // internal-token.pub.pem: every process's auth.token_public_key
  std::string person_id_key;  // person-id.key (0600): the value of auth.person_id_key
  // service-token.pem (0600): one calling service's auth.service_token_private_key;
  // service-token.pub.pem: named for that service in its callees' auth.trusted_service_keys.
  // One pair per calling service: never shared between services, never the gateway's.
  std::string service_private_key;
  std::string service_public_key;
};
inline constexpr char kPrivateKeyFile[] = "internal-token.pem";
inline constexpr char kPublicKeyFile[] = "internal-token.pub.pem";
inline constexpr char kPersonIdKeyFile[] = "person-id.key";
inline constexpr char kServicePrivateKeyFile[] = "service-token.pem";
inline constexpr char kServicePublicKeyFile[] = "service-token.pub.pem";

// Writes a fresh Ed25519 key pair, person-id secret and service key pair into `dir` (created if
// needed); refuses to overwrite existing files.
absl::StatusOr<DeploymentKeyFiles> GenerateDeploymentKeys(const std::string& dir);

// Parses auth.trusted_service_keys: "notifications=/etc/sisl/notifications.pub.pem,other=/p"
// (module name -> PEM public key file; whitespace around entries ignored; empty: none).
// INVALID_ARGUMENT (INVALID_CONFIG) naming the bad entry: no '=', an empty or malformed name
// (lower-case letters, digits, '-', '_'), an empty path, a name given twice.
absl::StatusOr<std::map<std::string, std::string>> ParseTrustedServiceKeys(absl::string_view value);

}  // namespace sisl::platform::auth

#endif  // SISL_PLATFORM_AUTH_KEYS_H_
