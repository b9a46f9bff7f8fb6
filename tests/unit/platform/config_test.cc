// Config: schema validation, precedence (default < YAML < SISL_<PATH>), ${VAR} expansion and
// the error messages that must name the offending key. The environment is always injected.

#include "services/platform/config.h"

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::platform {
namespace {

using ::testing::HasSubstr;
using Type = ConfigKey::Type;

EnvLookup Env(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::vector<ConfigKey> Schema() {
  return {
      {.path = "database.url", .type = Type::kString, .required = true},
      {.path = "grpc.port", .type = Type::kInt, .default_value = "8080"},
      {.path = "debug", .type = Type::kBool, .default_value = "false"},
      {.path = "timeout", .type = Type::kDuration, .default_value = "5s"},
      {.path = "mode", .type = Type::kString, .default_value = "embedded",
       .allowed = {"embedded", "distributed"}},
      {.path = "optional.note", .type = Type::kString},
  };
}

// Expects an INVALID_ARGUMENT naming `key` in the message and in the metadata.
void ExpectBadKey(const absl::StatusOr<Config>& config, const std::string& key,
                  const std::string& what) {
  ASSERT_FALSE(config.ok()) << "expected a failure about " << key;
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(config.status()), "INVALID_CONFIG");
  EXPECT_THAT(std::string(config.status().message()), HasSubstr("'" + key + "'"));
  EXPECT_THAT(std::string(config.status().message()), HasSubstr(what));
  EXPECT_EQ(ErrorMetadata(config.status())["key"], key);
}

TEST(ConfigTest, DefaultsApplyWhenYamlIsSilent) {
  auto config = Config::LoadString("database:\n  url: postgres://db/sisl\n", Schema(), Env());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetString("database.url"), "postgres://db/sisl");
  EXPECT_EQ(config->GetInt("grpc.port"), 8080);
  EXPECT_FALSE(config->GetBool("debug"));
  EXPECT_EQ(config->GetDuration("timeout"), absl::Seconds(5));
  EXPECT_EQ(config->GetString("mode"), "embedded");
  // An optional key without default stays unset.
  EXPECT_FALSE(config->Has("optional.note"));
  EXPECT_TRUE(config->Has("grpc.port"));
  EXPECT_EQ(config->GetString("optional.note"), "");
}

TEST(ConfigTest, YamlValuesOverrideDefaults) {
  auto config = Config::LoadString(
      "database: {url: x}\ngrpc:\n  port: 9090\ndebug: true\ntimeout: 250ms\n"
      "mode: distributed\noptional:\n  note: hello\n",
      Schema(), Env());
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetInt("grpc.port"), 9090);
  EXPECT_TRUE(config->GetBool("debug"));
  EXPECT_EQ(config->GetDuration("timeout"), absl::Milliseconds(250));
  EXPECT_EQ(config->GetString("mode"), "distributed");
  EXPECT_EQ(config->GetString("optional.note"), "hello");
}

TEST(ConfigTest, UnknownKeyFailsNamingTheKey) {
  auto config =
      Config::LoadString("database:\n  url: x\n  pasword: secret\n", Schema(), Env());
  ExpectBadKey(config, "database.pasword", "unknown key");
}

TEST(ConfigTest, MissingRequiredKeyFails) {
  ExpectBadKey(Config::LoadString("grpc:\n  port: 1\n", Schema(), Env()), "database.url",
               "required");
  // An empty document is a valid (empty) mapping, but the required key is still missing.
  ExpectBadKey(Config::LoadString("", Schema(), Env()), "database.url", "required");
}

TEST(ConfigTest, IllTypedIntFails) {
  ExpectBadKey(Config::LoadString("database: {url: x}\ngrpc: {port: eighty}\n", Schema(), Env()),
               "grpc.port", "integer");
  ExpectBadKey(Config::LoadString("database: {url: x}\ngrpc: {port: 80.5}\n", Schema(), Env()),
               "grpc.port", "integer");
}

TEST(ConfigTest, IllTypedBoolFails) {
  ExpectBadKey(Config::LoadString("database: {url: x}\ndebug: maybe\n", Schema(), Env()),
               "debug", "true or false");
}

TEST(ConfigTest, IllTypedOrNegativeDurationFails) {
  ExpectBadKey(Config::LoadString("database: {url: x}\ntimeout: 5 seconds\n", Schema(), Env()),
               "timeout", "duration");
  ExpectBadKey(Config::LoadString("database: {url: x}\ntimeout: -1s\n", Schema(), Env()),
               "timeout", "duration");
}

TEST(ConfigTest, ValueOutsideEnumFailsListingAllowedValues) {
  auto config = Config::LoadString("database: {url: x}\nmode: clustered\n", Schema(), Env());
  ExpectBadKey(config, "mode", "embedded, distributed");
}

TEST(ConfigTest, EnvironmentOverridesYamlAndDefaults) {
  auto config = Config::LoadString(
      "database: {url: from-yaml}\ngrpc: {port: 9090}\n", Schema(),
      Env({{"SISL_DATABASE_URL", "from-env"}, {"SISL_GRPC_PORT", "7070"}, {"SISL_DEBUG", "true"}}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetString("database.url"), "from-env");
  EXPECT_EQ(config->GetInt("grpc.port"), 7070);
  EXPECT_TRUE(config->GetBool("debug"));
}

TEST(ConfigTest, EnvironmentCanSatisfyRequiredKeyAndIsTypeChecked) {
  auto ok = Config::LoadString("", Schema(), Env({{"SISL_DATABASE_URL", "postgres://x"}}));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->GetString("database.url"), "postgres://x");

  ExpectBadKey(Config::LoadString("", Schema(),
                                  Env({{"SISL_DATABASE_URL", "x"}, {"SISL_GRPC_PORT", "abc"}})),
               "grpc.port", "integer");
}

TEST(ConfigTest, ExpandsEnvironmentReferences) {
  auto config = Config::LoadString(
      "database:\n  url: postgres://${DB_USER}:${DB_PASS}@db/sisl\n", Schema(),
      Env({{"DB_USER", "app"}, {"DB_PASS", "s3cret"}}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetString("database.url"), "postgres://app:s3cret@db/sisl");
}

TEST(ConfigTest, FallbackUsedOnlyWhenVariableIsUnset) {
  const std::string yaml = "database: {url: \"${DB_URL:-sqlite://local.db}\"}\n";
  auto unset = Config::LoadString(yaml, Schema(), Env());
  ASSERT_TRUE(unset.ok()) << unset.status();
  EXPECT_EQ(unset->GetString("database.url"), "sqlite://local.db");

  auto set = Config::LoadString(yaml, Schema(), Env({{"DB_URL", "postgres://db"}}));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->GetString("database.url"), "postgres://db");
}

TEST(ConfigTest, ExpansionResultIsTypeChecked) {
  auto ok = Config::LoadString("database: {url: x}\ngrpc: {port: \"${PORT:-8443}\"}\n", Schema(),
                               Env());
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->GetInt("grpc.port"), 8443);

  ExpectBadKey(Config::LoadString("database: {url: x}\ngrpc: {port: \"${PORT}\"}\n", Schema(),
                                  Env({{"PORT", "http"}})),
               "grpc.port", "integer");
}

TEST(ConfigTest, UnsetVariableWithoutFallbackFailsNamingKeyAndVariable) {
  auto config = Config::LoadString("database: {url: \"${NOT_THERE}\"}\n", Schema(), Env());
  ExpectBadKey(config, "database.url", "NOT_THERE");
}

TEST(ConfigTest, UnterminatedReferenceFails) {
  auto config = Config::LoadString("database: {url: \"postgres://${DB_HOST/x\"}\n", Schema(),
                                   Env({{"DB_HOST", "h"}}));
  ExpectBadKey(config, "database.url", "unterminated ${");
}

TEST(ConfigTest, InvalidYamlFails) {
  auto config = Config::LoadString("database: {url: x\ngrpc: [\n", Schema(), Env());
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(config.status()), "INVALID_CONFIG");
  EXPECT_THAT(std::string(config.status().message()), HasSubstr("not valid YAML"));
}

TEST(ConfigTest, NonMappingRootFails) {
  ExpectBadKey(Config::LoadString("just a string\n", Schema(), Env()), "(root)", "mapping");
}

TEST(ConfigTest, ListsAreRefused) {
  ExpectBadKey(Config::LoadString("database: {url: x}\nmode: [embedded, distributed]\n",
                                  Schema(), Env()),
               "mode", "lists are not supported");
  ExpectBadKey(Config::LoadString("database:\n  url:\n    - a\n    - b\n", Schema(), Env()),
               "database.url", "lists are not supported");
}

TEST(ConfigTest, LoadFileReadsFileAndNamesItInErrors) {
  const std::string dir = ::testing::TempDir();
  const std::string missing = dir + "/sisl_config_test_missing.yaml";
  auto not_found = Config::LoadFile(missing, Schema(), Env());
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(not_found.status()), "CONFIG_NOT_FOUND");
  EXPECT_THAT(std::string(not_found.status().message()), HasSubstr(missing));

  const std::string path = dir + "/sisl_config_test.yaml";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("database:\n  url: x\nbogus: 1\n", f);
    std::fclose(f);
  }
  auto bad = Config::LoadFile(path, Schema(), Env());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr(path));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("'bogus'"));
  EXPECT_EQ(ErrorReason(bad.status()), "INVALID_CONFIG");  // Annotate keeps the payloads
  std::remove(path.c_str());
}

}  // namespace
}  // namespace sisl::platform
