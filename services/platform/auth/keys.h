#ifndef SISL_PLATFORM_AUTH_KEYS_H_
#define SISL_PLATFORM_AUTH_KEYS_H_

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
// reads, and the person-id secret. Names inside `dir`.
struct DeploymentKeyFiles {
  std::string private_key;    // internal-token.pem (0600): the gateway's auth.token_private_key
  std::string public_key;     // internal-token.pub.pem: every process's auth.token_public_key
  std::string person_id_key;  // person-id.key (0600): the value of auth.person_id_key
};
inline constexpr char kPrivateKeyFile[] = "internal-token.pem";
inline constexpr char kPublicKeyFile[] = "internal-token.pub.pem";
inline constexpr char kPersonIdKeyFile[] = "person-id.key";

// Writes a fresh Ed25519 key pair and person-id secret into `dir` (created if needed); refuses
// to overwrite existing files.
absl::StatusOr<DeploymentKeyFiles> GenerateDeploymentKeys(const std::string& dir);

}  // namespace sisl::platform::auth

#endif  // SISL_PLATFORM_AUTH_KEYS_H_
