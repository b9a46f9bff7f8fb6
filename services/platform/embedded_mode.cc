#include "services/platform/embedded_mode.h"

#include <openssl/rand.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/platform/auth/keys.h"
#include "services/platform/errors.h"
#include "services/platform/process.h"
#include "services/platform/status_macros.h"

namespace sisl::platform {

std::vector<ConfigKey> EmbeddedConfigKeys() {
  using T = ConfigKey::Type;
  std::vector<ConfigKey> keys = {
      {"data_dir", T::kString, "var/data", false, {}, "where the SQLite files live"},
      {"grpc_address", T::kString, "127.0.0.1:50050", false, {}, "gRPC listen address"},
      {"http_address", T::kString, "127.0.0.1:9090", false, {}, "metrics and health address"},
      {"log.level", T::kString, "info", false, {"debug", "info", "warn", "error"}, "log level"},
  };
  for (ConfigKey& key : LevelConfigKeys()) keys.push_back(std::move(key));
  return keys;
}

absl::StatusOr<std::unique_ptr<db::Database>> OpenEmbeddedDatabase(const std::string& data_dir,
                                                                   const std::string& service) {
  db::DatabaseOptions options;
  options.url = absl::StrCat("sqlite:", data_dir, "/", service, ".db");
  return db::OpenDatabase(options);
}

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot read ", path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status BadKeyFile(const std::string& path) {
  return Error(absl::StatusCode::kFailedPrecondition, "TOKEN_KEY_INVALID",
               absl::StrCat(path, " is not a valid key"));
}

}  // namespace

absl::StatusOr<EmbeddedKeyMaterial> LoadOrCreateEmbeddedKeyMaterial(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot create data directory ", data_dir, ": ", ec.message()));
  }
  EmbeddedKeyMaterial keys;
  const std::string private_path = absl::StrCat(data_dir, "/", kEmbeddedTokenKeyFile);
  if (!std::filesystem::exists(private_path)) {
    ASSIGN_OR_RETURN(auth::TokenSigner fresh, auth::TokenSigner::Generate());
    RETURN_IF_ERROR(auth::WriteNewKeyFile(private_path, fresh.PrivateKeyPem()));
    // The public half too, for a tool or a standalone service that should accept this
    // installation's tokens (the process itself derives it from the private key).
    const std::string public_path = absl::StrCat(data_dir, "/", kEmbeddedTokenPublicKeyFile);
    std::filesystem::remove(public_path, ec);
    RETURN_IF_ERROR(auth::WriteNewKeyFile(public_path, fresh.PublicKeyPem()));
  }
  ASSIGN_OR_RETURN(keys.token_private_key_pem, ReadFile(private_path));

  const std::string person_path = absl::StrCat(data_dir, "/", kEmbeddedPersonIdKeyFile);
  if (!std::filesystem::exists(person_path)) {
    const std::string legacy_path = absl::StrCat(data_dir, "/", kLegacyTokenKeyFile);
    std::string secret;
    if (std::filesystem::exists(legacy_path)) {
      // An installation from before the person-id key had its own secret: keep deriving person
      // ids as it did ("sisl-person-id:" + the old HMAC token key), so stored rows and event
      // keys stay valid. The old key signs nothing any more.
      ASSIGN_OR_RETURN(std::string encoded, ReadFile(legacy_path));
      std::string old_key;
      if (!absl::Base64Unescape(absl::StripAsciiWhitespace(encoded), &old_key) ||
          old_key.size() < 32) {
        return BadKeyFile(legacy_path);
      }
      secret = "sisl-person-id:" + old_key;
      keys.legacy_person_id_key = true;
    } else {
      secret.resize(32);
      if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), 32) != 1) {
        return absl::InternalError("no randomness for the person-id key");
      }
    }
    RETURN_IF_ERROR(auth::WriteNewKeyFile(person_path, absl::Base64Escape(secret)));
  }
  ASSIGN_OR_RETURN(std::string encoded, ReadFile(person_path));
  if (!absl::Base64Unescape(absl::StripAsciiWhitespace(encoded), &keys.person_id_key) ||
      keys.person_id_key.size() < 32) {
    return BadKeyFile(person_path);
  }
  keys.legacy_person_id_key =
      keys.legacy_person_id_key || absl::StartsWith(keys.person_id_key, "sisl-person-id:");
  return keys;
}

absl::StatusOr<std::unique_ptr<ProcessKeys>> LoadOrCreateEmbeddedKeys(const std::string& data_dir,
                                                                      auth::LevelPolicy levels,
                                                                      const Clock& clock) {
  ASSIGN_OR_RETURN(EmbeddedKeyMaterial material, LoadOrCreateEmbeddedKeyMaterial(data_dir));
  auto signer = auth::TokenSigner::FromPrivateKeyPem(material.token_private_key_pem, clock);
  if (!signer.ok()) return BadKeyFile(absl::StrCat(data_dir, "/", kEmbeddedTokenKeyFile));
  auth::TokenVerifier verifier = auth::TokenVerifier::For(*signer, {}, std::move(levels), clock);
  auto keys = std::make_unique<ProcessKeys>(*signer, std::move(verifier),
                                            std::move(material.person_id_key));
  // One process, one trust domain: its modules sign their calls to each other with the same key
  // (as ServiceIssuer(<module>)); the runner trusts it for the modules it hosts.
  keys->service_signer = *std::move(signer);
  return keys;
}

}  // namespace sisl::platform
