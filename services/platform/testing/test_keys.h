#ifndef SISL_PLATFORM_TESTING_TEST_KEYS_H_
#define SISL_PLATFORM_TESTING_TEST_KEYS_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/keys.h"
#include "services/platform/ids.h"

namespace sisl::platform::testing {

// A deployment key set of its own for a test that starts real processes (sisl-booking,
// sisl-gateway): fresh files in a temporary directory, removed at the end, never a committed
// key. The processes run in production mode with them, so the production key checks pass.
//
//   auto keys = TestKeys::Create();
//   env.merge(keys->Env(/*gateway=*/false));   // SISL_AUTH_TOKEN_PUBLIC_KEY, ...
//   context.AddMetadata(auth::kTokenMetadataKey, keys->Token(caller, "booking"));
class TestKeys final {
 public:
  static std::unique_ptr<TestKeys> Create() {
    const std::string dir =
        (std::filesystem::temp_directory_path() / absl::StrCat("sisl-test-keys-", NewUuidV7()))
            .string();
    auto files = auth::GenerateDeploymentKeys(dir);
    if (!files.ok()) return nullptr;
    std::ifstream in(files->person_id_key);
    std::string secret;
    std::getline(in, secret);
    std::ifstream pem_in(files->private_key);
    std::string pem((std::istreambuf_iterator<char>(pem_in)), std::istreambuf_iterator<char>());
    auto signer = auth::TokenSigner::FromPrivateKeyPem(pem);
    if (!signer.ok()) return nullptr;
    return std::unique_ptr<TestKeys>(
        new TestKeys(dir, *std::move(files), std::move(secret), *std::move(signer)));
  }
  ~TestKeys() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // The environment of a process using these keys: the public key and the person-id secret;
  // `gateway` adds the private key.
  std::map<std::string, std::string> Env(bool gateway) const {
    std::map<std::string, std::string> env = {
        {"SISL_AUTH_TOKEN_PUBLIC_KEY", files_.public_key},
        {"SISL_AUTH_PERSON_ID_KEY", person_id_key_}};
    if (gateway) env["SISL_AUTH_TOKEN_PRIVATE_KEY"] = files_.private_key;
    return env;
  }

  // A token as the gateway would mint it for `audience` (SPID level 2 unless the caller has
  // one).
  std::string Token(auth::Caller caller, const std::string& audience,
                    absl::Duration ttl = absl::Minutes(5)) const {
    if (caller.spid_level == 0) caller.spid_level = 2;
    return signer_.Sign(caller, audience, ttl);
  }

  const auth::TokenSigner& signer() const { return signer_; }
  const auth::DeploymentKeyFiles& files() const { return files_; }
  const std::string& person_id_key() const { return person_id_key_; }

 private:
  TestKeys(std::string dir, auth::DeploymentKeyFiles files, std::string person_id_key,
           auth::TokenSigner signer)
      : dir_(std::move(dir)), files_(std::move(files)), person_id_key_(std::move(person_id_key)),
        signer_(std::move(signer)) {}

  std::string dir_;
  auth::DeploymentKeyFiles files_;
  std::string person_id_key_;
  auth::TokenSigner signer_;
};

}  // namespace sisl::platform::testing

#endif  // SISL_PLATFORM_TESTING_TEST_KEYS_H_
