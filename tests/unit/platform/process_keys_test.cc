// The keys of a process: standalone processes refuse, outside development, a missing, short,
// known or exposed key; the all-in-one creates its key pair and person-id secret (0600) and keeps
// the person ids of installations made before the person-id key had its own secret. Service
// tokens (ADR 0022): a process's own service key and the services it trusts come from config;
// the all-in-one's modules trust each other with its one key.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/auth/keys.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/embedded_mode.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/service_token.h"
#include "services/platform/ids.h"
#include "services/platform/module_host.h"
#include "services/platform/process.h"
#include "services/platform/testing/source_dir.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::platform {
namespace {

using ::sisl::platform::testing::HasReason;
using ::sisl::platform::testing::IsOk;
using ::testing::HasSubstr;

std::string TempDir() {
  const std::string dir =
      (std::filesystem::temp_directory_path() / absl::StrCat("sisl-keys-", NewUuidV7())).string();
  std::filesystem::create_directories(dir);
  return dir;
}

int ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

class ServiceKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    auto files = auth::GenerateDeploymentKeys(dir_);
    ASSERT_TRUE(files.ok()) << files.status();
    files_ = *files;
    std::ifstream in(files_.person_id_key);
    std::getline(in, person_id_key_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  absl::StatusOr<std::unique_ptr<ProcessKeys>> Load(const std::string& yaml,
                                                    const std::string& service = "") {
    auto config = Config::LoadString(yaml, ServiceConfigKeys(),
                                     [](const std::string&) { return std::nullopt; });
    if (!config.ok()) return config.status();
    return LoadServiceKeys(*config, SystemClock::Get(), service);
  }
  std::string Service(const std::string& person_id_key, const std::string& extra = "") {
    return absl::StrCat("database: {url: 'sqlite::memory:'}\nauth:\n  token_public_key: ",
                        files_.public_key, "\n  person_id_key: '", person_id_key, "'\n", extra);
  }

  std::string dir_;
  auth::DeploymentKeyFiles files_;
  std::string person_id_key_;
};

TEST_F(ServiceKeysTest, GeneratedKeysStartAServiceAndAGateway) {
  EXPECT_EQ(ModeOf(files_.private_key), 0600);
  EXPECT_EQ(ModeOf(files_.person_id_key), 0600);
  ASSERT_OK_AND_ASSIGN(auto service, Load(Service(person_id_key_)));
  EXPECT_FALSE(service->signer.has_value()) << "a service holds the public key only";
  ASSERT_OK_AND_ASSIGN(auto gateway,
                       Load(absl::StrCat(Service(person_id_key_),
                                         "  token_private_key: ", files_.private_key, "\n")));
  ASSERT_TRUE(gateway->signer.has_value());
  auth::Caller caller{.subject = "s", .spid_level = 2};
  EXPECT_TRUE(service->verifier.ForAudiences({"booking"})
                  .Verify(gateway->signer->Sign(caller, "booking"))
                  .ok());
}

TEST_F(ServiceKeysTest, ProductionRefusesKnownShortOrMissingPersonIdKeys) {
  EXPECT_THAT(Load(Service("local-development-key-not-for-production")),
              HasReason("AUTH_KEY_KNOWN"));
  EXPECT_THAT(Load(Service("integration-test-key-0123456789abcdef")), HasReason("AUTH_KEY_KNOWN"));
  EXPECT_THAT(Load(Service(std::string(40, 'k'))), HasReason("AUTH_KEY_KNOWN"));
  EXPECT_THAT(Load(Service("short-secret")), HasReason("AUTH_KEY_TOO_SHORT"));
  EXPECT_THAT(Load(Service("")), HasReason("AUTH_KEY_MISSING"));
  // Development accepts a weak secret (never a missing one).
  EXPECT_THAT(Load(Service("short-secret", "environment: development\n")), IsOk());
  EXPECT_THAT(Load(Service("", "environment: development\n")), HasReason("AUTH_KEY_MISSING"));
}

TEST_F(ServiceKeysTest, ProductionRefusesMissingMismatchedOrExposedTokenKeys) {
  const std::string no_public = absl::StrCat(
      "database: {url: 'sqlite::memory:'}\nauth:\n  person_id_key: '", person_id_key_, "'\n");
  EXPECT_THAT(Load(no_public), HasReason("AUTH_KEY_MISSING"));
  EXPECT_THAT(Load(absl::StrCat(no_public, "  token_public_key: /nonexistent.pem\n")),
              HasReason("AUTH_KEY_MISSING"));
  const std::string not_a_key = absl::StrCat(dir_, "/not-a-key.pem");
  Write(not_a_key, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  EXPECT_THAT(Load(absl::StrCat(no_public, "  token_public_key: ", not_a_key, "\n")),
              HasReason("TOKEN_KEY_INVALID"));

  // A private key that does not match the public key.
  const std::string other_dir = absl::StrCat(dir_, "/other");
  ASSERT_OK_AND_ASSIGN(auth::DeploymentKeyFiles other, auth::GenerateDeploymentKeys(other_dir));
  EXPECT_THAT(
      Load(absl::StrCat(Service(person_id_key_), "  token_private_key: ", other.private_key, "\n")),
      HasReason("AUTH_KEY_MISMATCH"));

  // A private key others can read.
  ASSERT_EQ(::chmod(files_.private_key.c_str(), 0644), 0);
  const std::string gateway =
      absl::StrCat(Service(person_id_key_), "  token_private_key: ", files_.private_key, "\n");
  EXPECT_THAT(Load(gateway), HasReason("AUTH_KEY_FILE_EXPOSED"));
  EXPECT_THAT(Load(absl::StrCat(gateway, "environment: development\n")), IsOk());
}

TEST_F(ServiceKeysTest, TheOldSharedKeyIsRefusedWithAnExplanation) {
  EXPECT_THAT(Load(Service(person_id_key_, "  token_key: 0123456789abcdef0123456789abcdef\n")),
              HasReason("AUTH_KEY_OBSOLETE"));
}

TEST_F(ServiceKeysTest, TheGatewaysOwnEnvironmentKeyCountsAsDevelopment) {
  std::vector<ConfigKey> schema = ServiceConfigKeys();
  schema.push_back({"gateway.environment", ConfigKey::Type::kString, "production"});
  auto config =
      Config::LoadString(Service("short-secret", "gateway:\n  environment: development\n"), schema,
                         [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(IsDevelopment(*config));
  EXPECT_THAT(LoadServiceKeys(*config), IsOk());
}

TEST_F(ServiceKeysTest, AServiceSignsItsOwnCallsAndItsCalleeTrustsItByConfig) {
  EXPECT_EQ(ModeOf(files_.service_private_key), 0600);
  EXPECT_EQ(ModeOf(files_.service_public_key), 0644);
  // notifications holds its own key; booking trusts its public half.
  ASSERT_OK_AND_ASSIGN(
      auto notifications,
      Load(Service(person_id_key_,
                   absl::StrCat("  service_token_private_key: ", files_.service_private_key, "\n")),
           "notifications"));
  ASSERT_TRUE(notifications->service_signer.has_value());
  EXPECT_EQ(notifications->service_signer->issuer(), "sisl-service:notifications");
  EXPECT_FALSE(notifications->signer.has_value()) << "a service signs no gateway token";
  ASSERT_OK_AND_ASSIGN(
      auto booking,
      Load(Service(person_id_key_, absl::StrCat("  trusted_service_keys: ' notifications = ",
                                                files_.service_public_key, " '\n")),
           "booking"));
  EXPECT_FALSE(booking->service_signer.has_value()) << "no auth.service_token_private_key";
  EXPECT_EQ(booking->verifier.trusted_services(), std::vector<std::string>{"notifications"});
  const std::string token = notifications->service_signer->Sign(ServiceCaller("notifications"),
                                                                "booking", kServiceTokenTtl);
  ASSERT_OK_AND_ASSIGN(auth::Caller caller,
                       booking->verifier.ForAudiences({"booking"}).Verify(token));
  EXPECT_EQ(caller.subject, "service:notifications");
  EXPECT_EQ(caller.role, auth::Role::kNotifier);
  // A process that does not list notifications refuses it.
  ASSERT_OK_AND_ASSIGN(auto enterprise, Load(Service(person_id_key_), "enterprise"));
  EXPECT_THAT(enterprise->verifier.ForAudiences({"booking"}).Verify(token),
              HasReason("TOKEN_INVALID"));
}

TEST_F(ServiceKeysTest, BadTrustedServiceKeysNameTheEntry) {
  for (const std::string& bad :
       {std::string("notifications"), std::string("=/etc/sisl/a.pem"),
        std::string("notifications="), std::string("Notifications=/etc/sisl/a.pem"),
        std::string("notif ications=/a.pem"), std::string("a=/x.pem,a=/y.pem")}) {
    auto keys =
        Load(Service(person_id_key_, absl::StrCat("  trusted_service_keys: '", bad, "'\n")));
    EXPECT_THAT(keys, HasReason("INVALID_CONFIG")) << bad;
    if (!keys.ok()) {
      EXPECT_EQ(keys.status().code(), absl::StatusCode::kInvalidArgument) << bad;
      EXPECT_THAT(std::string(keys.status().message()), HasSubstr("auth.trusted_service_keys"));
    }
  }
  auto keys = Load(Service(person_id_key_, "  trusted_service_keys: 'ok=/a.pem,broken'\n"));
  ASSERT_FALSE(keys.ok());
  EXPECT_THAT(std::string(keys.status().message()), HasSubstr("'broken'"));

  ASSERT_OK_AND_ASSIGN(auto parsed,
                       auth::ParseTrustedServiceKeys(" notifications=/a.pem , other-1=/b.pem,"));
  EXPECT_EQ(parsed, (std::map<std::string, std::string>{{"notifications", "/a.pem"},
                                                        {"other-1", "/b.pem"}}));
  ASSERT_OK_AND_ASSIGN(auto none, auth::ParseTrustedServiceKeys(""));
  EXPECT_TRUE(none.empty());

  // Well formed, but the file is missing or holds no Ed25519 public key: the service is named.
  keys = Load(Service(person_id_key_, "  trusted_service_keys: notifications=/nonexistent.pem\n"));
  EXPECT_THAT(keys, HasReason("AUTH_KEY_MISSING"));
  EXPECT_THAT(std::string(keys.status().message()), HasSubstr("notifications"));
  keys = Load(Service(person_id_key_, absl::StrCat("  trusted_service_keys: notifications=",
                                                   files_.service_private_key, "\n")));
  EXPECT_THAT(keys, HasReason("TOKEN_KEY_INVALID")) << "a private key is not a public key";
  EXPECT_THAT(std::string(keys.status().message()), HasSubstr("notifications"));
}

TEST_F(ServiceKeysTest, AServiceKeyIsKeptLikeAPrivateKeyAndIsNeverTheGateways) {
  const std::string with_key =
      absl::StrCat(Service(person_id_key_), "  service_token_private_key: ");
  EXPECT_THAT(Load(absl::StrCat(with_key, "/nonexistent.pem\n"), "notifications"),
              HasReason("AUTH_KEY_MISSING"));
  // A public key where the private one belongs (in a 0600 file, so the content is what fails).
  const std::string public_only = absl::StrCat(dir_, "/public-only.pem");
  std::ifstream public_in(files_.service_public_key);
  ASSERT_THAT(auth::WriteNewKeyFile(public_only,
                                    std::string(std::istreambuf_iterator<char>(public_in), {})),
              IsOk());
  EXPECT_THAT(Load(absl::StrCat(with_key, public_only, "\n"), "notifications"),
              HasReason("TOKEN_KEY_INVALID"));
  // The gateway's private key as a service key: it could sign any role for anyone.
  EXPECT_THAT(Load(absl::StrCat(with_key, files_.private_key, "\n"), "notifications"),
              HasReason("AUTH_KEY_REUSED"));
  ASSERT_EQ(::chmod(files_.service_private_key.c_str(), 0640), 0);
  const std::string exposed = absl::StrCat(with_key, files_.service_private_key, "\n");
  EXPECT_THAT(Load(exposed, "notifications"), HasReason("AUTH_KEY_FILE_EXPOSED"));
  EXPECT_THAT(Load(absl::StrCat(exposed, "environment: development\n"), "notifications"), IsOk());
}

TEST_F(ServiceKeysTest, TheSampleServiceConfigDoesNotStartWithoutKeysOfItsOwn) {
  // deploy/config/booking.yaml as committed, nothing provided by the environment: it holds no
  // usable secret, so the service refuses to start. (gateway.yaml: gateway_module_test.cc.)
  const std::string path = (platform::testing::SourceDir() / "deploy/config/booking.yaml").string();
  auto config =
      Config::LoadFile(path, ServiceConfigKeys(), [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(config.ok()) << path << ": " << config.status();
  EXPECT_THAT(LoadServiceKeys(*config), HasReason("AUTH_KEY_MISSING"));
}

TEST(LevelConfigTest, PolicyComesFromConfig) {
  auto config = Config::LoadString(
      "database: {url: x}\nauth:\n  minimum_level: 3\n  minimum_level_by_role: citizen=2\n",
      ServiceConfigKeys(), [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_OK_AND_ASSIGN(auth::LevelPolicy policy, LevelPolicyFromConfig(*config));
  EXPECT_EQ(policy.MinimumFor(auth::Role::kAdmin), 3);
  EXPECT_EQ(policy.MinimumFor(auth::Role::kCitizen), 2);
  auto bad =
      Config::LoadString("database: {url: x}\nauth:\n  minimum_level_by_role: root=1\n",
                         ServiceConfigKeys(), [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(bad.ok());
  EXPECT_THAT(LevelPolicyFromConfig(*bad), HasReason("INVALID_CONFIG"));
}

TEST(EmbeddedKeysTest, FirstStartCreatesAKeyPairAndAPersonIdSecretOfItsOwn) {
  const std::string dir = TempDir();
  ASSERT_OK_AND_ASSIGN(auto keys, LoadOrCreateEmbeddedKeys(dir));
  const std::string token_key = absl::StrCat(dir, "/", kEmbeddedTokenKeyFile);
  const std::string person_key = absl::StrCat(dir, "/", kEmbeddedPersonIdKeyFile);
  EXPECT_EQ(ModeOf(token_key), 0600);
  EXPECT_EQ(ModeOf(person_key), 0600);
  EXPECT_EQ(ModeOf(absl::StrCat(dir, "/", kEmbeddedTokenPublicKeyFile)), 0600);
  EXPECT_FALSE(std::filesystem::exists(absl::StrCat(dir, "/", kLegacyTokenKeyFile)));
  ASSERT_TRUE(keys->signer.has_value());
  const std::string cf = "RSSMRA85T10L219G";
  const std::string person = keys->person_ids.PersonId(cf);

  // A restart reads the same keys: tokens still verify, person ids do not change.
  ASSERT_OK_AND_ASSIGN(auto again, LoadOrCreateEmbeddedKeys(dir));
  EXPECT_EQ(again->person_ids.PersonId(cf), person);
  auth::Caller caller{.subject = "s", .spid_level = 2};
  EXPECT_TRUE(
      again->verifier.ForAudiences({"booking"}).Verify(keys->signer->Sign(caller, "booking")).ok());
  ASSERT_OK_AND_ASSIGN(EmbeddedKeyMaterial material, LoadOrCreateEmbeddedKeyMaterial(dir));
  EXPECT_FALSE(material.legacy_person_id_key);
  EXPECT_EQ(material.person_id_key.size(), 32u);
  std::filesystem::remove_all(dir);
}

class NoModule final : public Module {
 public:
  absl::Status Initialize() override { return absl::OkStatus(); }
  absl::Status Register(ServerHost&) override { return absl::OkStatus(); }
};

// A module that keeps the service signer its context gave it.
ModuleSpec SpecKeepingSigner(const std::string& name, const auth::TokenSigner** signer) {
  return ModuleSpec{
      .name = name,
      .config_keys = [](bool) { return std::vector<ConfigKey>{}; },
      .create = [signer](const ModuleContext& context) -> absl::StatusOr<std::unique_ptr<Module>> {
        *signer = context.service_signer;
        return std::make_unique<NoModule>();
      }};
}

TEST(EmbeddedKeysTest, HostedModulesCallEachOtherWithServiceTokensOfTheOneKey) {
  const std::string dir = TempDir();
  ASSERT_OK_AND_ASSIGN(auto keys, LoadOrCreateEmbeddedKeys(dir));
  ASSERT_TRUE(keys->service_signer.has_value());
  keys->TrustOwnServices({"booking", "notifications"});
  EXPECT_EQ(keys->verifier.trusted_services(),
            (std::vector<std::string>{"booking", "notifications"}));

  ASSERT_OK_AND_ASSIGN(Config config, Config::LoadString("", {}));
  bus::InProcessBus bus;
  cache::MemoryCache cache;
  ProcessResources process{config, bus, cache, SystemClock::Get(), *keys, true, dir};
  ASSERT_OK_AND_ASSIGN(auto db, db::OpenDatabase({.url = "sqlite::memory:"}));
  const auth::TokenSigner* signer = nullptr;
  ASSERT_OK_AND_ASSIGN(
      auto hosted, HostedModule::Create(SpecKeepingSigner("notifications", &signer), *db, process));
  ASSERT_NE(signer, nullptr);
  EXPECT_EQ(signer->issuer(), "sisl-service:notifications");
  EXPECT_EQ(keys->signer->issuer(), auth::kTokenIssuer) << "the gateway's signer is unchanged";
  ASSERT_OK_AND_ASSIGN(auth::Caller caller, keys->verifier.ForAudiences({"booking"})
                                                .Verify(signer->Sign(ServiceCaller("notifications"),
                                                                     "booking", kServiceTokenTtl)));
  EXPECT_EQ(caller.subject, "service:notifications");
  // A module the process does not host is no trusted service.
  const auth::TokenSigner stranger = keys->service_signer->WithIssuer(auth::ServiceIssuer("x"));
  EXPECT_THAT(
      keys->verifier.ForAudiences({"booking"}).Verify(stranger.Sign(ServiceCaller("x"), "booking")),
      HasReason("TOKEN_INVALID"));
  hosted.reset();
  std::filesystem::remove_all(dir);
}

TEST(EmbeddedKeysTest, AnOlderInstallationKeepsItsPersonIds) {
  // Before: one HMAC key in internal-token.key; person ids under "sisl-person-id:" + that key.
  const std::string dir = TempDir();
  const std::string old_key(32, '\x5a');
  Write(absl::StrCat(dir, "/", kLegacyTokenKeyFile), absl::Base64Escape(old_key));
  const std::string cf = "RSSMRA85T10L219G";
  const std::string before = auth::PersonIdHasher("sisl-person-id:" + old_key).PersonId(cf);

  ASSERT_OK_AND_ASSIGN(auto keys, LoadOrCreateEmbeddedKeys(dir));
  EXPECT_EQ(keys->person_ids.PersonId(cf), before);
  ASSERT_OK_AND_ASSIGN(EmbeddedKeyMaterial material, LoadOrCreateEmbeddedKeyMaterial(dir));
  EXPECT_TRUE(material.legacy_person_id_key);
  EXPECT_EQ(ModeOf(absl::StrCat(dir, "/", kEmbeddedPersonIdKeyFile)), 0600);
  std::filesystem::remove_all(dir);
}

TEST(EmbeddedKeysTest, APersonIdSecretIsNotDerivedFromTheTokenKey) {
  // Two installations: different person-id secrets, and the token key is not the secret.
  const std::string a = TempDir();
  const std::string b = TempDir();
  ASSERT_OK_AND_ASSIGN(EmbeddedKeyMaterial ka, LoadOrCreateEmbeddedKeyMaterial(a));
  ASSERT_OK_AND_ASSIGN(EmbeddedKeyMaterial kb, LoadOrCreateEmbeddedKeyMaterial(b));
  EXPECT_NE(ka.person_id_key, kb.person_id_key);
  EXPECT_EQ(ka.token_private_key_pem.find(ka.person_id_key), std::string::npos);
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

}  // namespace
}  // namespace sisl::platform
