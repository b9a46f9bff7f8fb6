// The transport-security config keys (ADR 0015): how each becomes a libpq parameter, a
// librdkafka property, a Redis connection option or gRPC credentials, and the specific errors
// for half-given or contradictory settings. The real encrypted links are proven by
// tests/integration/encrypted_transport_test.cc.
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/grpc/tls.h"
#include "services/platform/process.h"
#include "services/platform/testing/status_matchers.h"
#include "services/platform/transport.h"

namespace sisl::platform {
namespace {

using ::sisl::platform::testing::HasReason;
using ::testing::HasSubstr;

Config Load(std::map<std::string, std::string> env) {
  env.emplace("SISL_DATABASE_URL", "postgresql://sisl@db.example:5432/sisl");
  auto config = Config::LoadString("", ServiceConfigKeys(),
                                   [env](const std::string& name) -> std::optional<std::string> {
                                     auto it = env.find(name);
                                     if (it == env.end()) return std::nullopt;
                                     return it->second;
                                   });
  EXPECT_TRUE(config.ok()) << config.status();
  return *std::move(config);
}

TEST(DatabaseConnectionString, LeavesAUrlWithoutTlsKeysAsItIs) {
  EXPECT_EQ(DatabaseConnectionString(Load({})), "postgresql://sisl@db.example:5432/sisl");
}

TEST(DatabaseConnectionString, AddsPasswordAndTlsAsEncodedParameters) {
  const Config c = Load({{"SISL_DATABASE_PASSWORD", "p&ss word"},
                         {"SISL_DATABASE_TLS_MODE", "verify-full"},
                         {"SISL_DATABASE_TLS_CA_FILE", "/etc/sisl/ca.crt"},
                         {"SISL_DATABASE_TLS_CERT_FILE", "/etc/sisl/c.crt"},
                         {"SISL_DATABASE_TLS_KEY_FILE", "/etc/sisl/c.key"}});
  EXPECT_EQ(DatabaseConnectionString(c),
            "postgresql://sisl@db.example:5432/sisl?password=p%26ss%20word&sslmode=verify-full"
            "&sslrootcert=/etc/sisl/ca.crt&sslcert=/etc/sisl/c.crt&sslkey=/etc/sisl/c.key");
  const Config with_query = Load({{"SISL_DATABASE_URL", "postgresql://h/d?application_name=x"},
                                  {"SISL_DATABASE_TLS_MODE", "require"}});
  EXPECT_EQ(DatabaseConnectionString(with_query),
            "postgresql://h/d?application_name=x&sslmode=require");
}

TEST(KafkaSecurityProperties, SaslSslNeedsUserAndPasswordAndChecksTheBrokerName) {
  EXPECT_THAT(KafkaSecurityProperties(Load({{"SISL_BUS_SECURITY_PROTOCOL", "sasl_ssl"}})),
              HasReason("INVALID_CONFIG"));
  auto p = KafkaSecurityProperties(Load({{"SISL_BUS_SECURITY_PROTOCOL", "sasl_ssl"},
                                         {"SISL_BUS_SASL_USERNAME", "sisl"},
                                         {"SISL_BUS_SASL_PASSWORD", "secret"},
                                         {"SISL_BUS_TLS_CA_FILE", "/ca.crt"}}));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p)["security.protocol"], "sasl_ssl");
  EXPECT_EQ((*p)["sasl.mechanisms"], "SCRAM-SHA-512");
  EXPECT_EQ((*p)["sasl.username"], "sisl");
  EXPECT_EQ((*p)["ssl.ca.location"], "/ca.crt");
  EXPECT_EQ((*p)["ssl.endpoint.identification.algorithm"], "https");
}

TEST(KafkaSecurityProperties, RefusesTlsFilesWithoutTlsAndAHalfClientCertificate) {
  EXPECT_THAT(KafkaSecurityProperties(Load({{"SISL_BUS_TLS_CA_FILE", "/ca.crt"}})),
              HasReason("INVALID_CONFIG"));
  EXPECT_THAT(KafkaSecurityProperties(Load(
                  {{"SISL_BUS_SECURITY_PROTOCOL", "ssl"}, {"SISL_BUS_TLS_CERT_FILE", "/c.crt"}})),
              HasReason("INVALID_CONFIG"));
  auto plain = KafkaSecurityProperties(Load({}));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)["security.protocol"], "plaintext");
  EXPECT_FALSE(plain->contains("sasl.password"));
}

TEST(RedisPoolOptionsFromConfig, CarriesTheAclUserAndTls) {
  auto o = RedisPoolOptionsFromConfig(Load({{"SISL_CACHE_ADDRESS", "redis.example:6380"},
                                            {"SISL_CACHE_USERNAME", "sisl"},
                                            {"SISL_CACHE_PASSWORD", "secret"},
                                            {"SISL_CACHE_TLS_ENABLED", "true"},
                                            {"SISL_CACHE_TLS_CA_FILE", "/ca.crt"}}));
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->host, "redis.example");
  EXPECT_EQ(o->port, 6380);
  EXPECT_EQ(o->username, "sisl");
  EXPECT_EQ(o->password, "secret");
  EXPECT_TRUE(o->tls.enabled);
  EXPECT_EQ(o->tls.ca_file, "/ca.crt");
}

TEST(RedisPoolOptionsFromConfig, RefusesAUserWithoutPasswordTlsFilesWithoutTlsAndABadAddress) {
  EXPECT_THAT(RedisPoolOptionsFromConfig(Load({{"SISL_CACHE_USERNAME", "sisl"}})),
              HasReason("INVALID_CONFIG"));
  EXPECT_THAT(RedisPoolOptionsFromConfig(Load({{"SISL_CACHE_TLS_CA_FILE", "/ca.crt"}})),
              HasReason("INVALID_CONFIG"));
  EXPECT_THAT(RedisPoolOptionsFromConfig(Load({{"SISL_CACHE_ADDRESS", "redis.example"}})),
              HasReason("INVALID_CONFIG"));
}

TEST(GrpcTls, PlaintextWithoutKeysAndSpecificErrorsForHalfGivenOnes) {
  EXPECT_TRUE(ServerCredentialsFromConfig(Load({})).ok());
  EXPECT_TRUE(ChannelCredentialsFromConfig(Load({})).ok());
  EXPECT_FALSE(ServerTlsConfigured(Load({})));
  auto missing = ServerCredentialsFromConfig(Load(
      {{"SISL_SERVICE_TLS_CERT_FILE", "/nope.crt"}, {"SISL_SERVICE_TLS_KEY_FILE", "/nope.key"}}));
  EXPECT_THAT(missing, HasReason("TLS_CONFIG_INVALID"));
  EXPECT_THAT(missing.status().message(), HasSubstr("service.tls.cert_file"));
  EXPECT_THAT(ServerCredentialsFromConfig(Load({{"SISL_SERVICE_TLS_CLIENT_CA_FILE", "/ca.crt"}})),
              HasReason("TLS_CONFIG_INVALID"));
  EXPECT_THAT(ChannelCredentialsFromConfig(Load({{"SISL_GRPC_CLIENT_TLS_CERT_FILE", "/c.crt"}})),
              HasReason("TLS_CONFIG_INVALID"));
}

TEST(GrpcTls, ReadPemFileRefusesAFileThatIsNotPem) {
  const std::string path = ::testing::TempDir() + "/not-pem.txt";
  std::ofstream(path) << "hello";
  EXPECT_THAT(ReadPemFile("service.tls.cert_file", path), HasReason("TLS_CONFIG_INVALID"));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace sisl::platform
