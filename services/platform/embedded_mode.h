#ifndef SISL_PLATFORM_EMBEDDED_MODE_H_
#define SISL_PLATFORM_EMBEDDED_MODE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/config.h"
#include "services/platform/db/database.h"
#include "services/platform/module_host.h"

namespace sisl::platform {

// Configuration keys of the all-in-one process: data_dir, grpc_address, http_address, log.level,
// auth.minimum_level(_by_role).
std::vector<ConfigKey> EmbeddedConfigKeys();

// Opens (creating it if needed) <data_dir>/<service>.db.
absl::StatusOr<std::unique_ptr<db::Database>> OpenEmbeddedDatabase(const std::string& data_dir,
                                                                   const std::string& service);

// The key files of an embedded installation, in its data directory, each created mode 0600 at
// first start: the Ed25519 key that signs (and verifies) internal tokens, and the person-id
// secret (base64). The HMAC key of older installations is read only to keep their person ids.
inline constexpr char kEmbeddedTokenKeyFile[] = "internal-token-ed25519.pem";
inline constexpr char kEmbeddedTokenPublicKeyFile[] = "internal-token-ed25519.pub.pem";
inline constexpr char kEmbeddedPersonIdKeyFile[] = "person-id.key";
inline constexpr char kLegacyTokenKeyFile[] = "internal-token.key";

struct EmbeddedKeyMaterial {
  std::string token_private_key_pem;
  std::string person_id_key;
  // The person-id secret is the one older installations derived from their HMAC token key
  // (kept so that stored person ids stay valid; docs/keys.md tells how to re-key).
  bool legacy_person_id_key = false;
};

// Reads the key files of `data_dir`, creating what is missing. An installation that has only
// the legacy internal-token.key gets person-id.key holding the secret it used to derive
// ("sisl-person-id:" + that key), so person ids do not change.
absl::StatusOr<EmbeddedKeyMaterial> LoadOrCreateEmbeddedKeyMaterial(const std::string& data_dir);
// The process keys of the all-in-one: its key signs the gateway's tokens and, as the service
// signer, its modules' calls to each other (ProcessKeys::TrustOwnServices makes the verifier
// accept those for the hosted module names).
absl::StatusOr<std::unique_ptr<ProcessKeys>> LoadOrCreateEmbeddedKeys(
    const std::string& data_dir, auth::LevelPolicy levels = {},
    const Clock& clock = SystemClock::Get());

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_EMBEDDED_MODE_H_
