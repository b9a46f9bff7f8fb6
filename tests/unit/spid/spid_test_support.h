#ifndef SISL_TESTS_UNIT_SPID_SPID_TEST_SUPPORT_H_
#define SISL_TESTS_UNIT_SPID_SPID_TEST_SUPPORT_H_

// Shared fixtures for the SPID tests: one SP and two IdP key pairs per test binary (RSA 2048,
// generated once), an SP configuration and a builder of valid Responses to tamper with.

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gateway/spid/certificates.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/levels.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/response_builder.h"
#include "gateway/spid/response_validator.h"
#include "gateway/spid/sp_config.h"
#include "gtest/gtest.h"

namespace sisl::gateway::spid::testing {

inline const Credentials& Generated(const char* cn) {
  CertificateProfile profile;
  profile.common_name = cn;
  profile.organization_name = "Test";
  profile.key_bits = 2048;
  profile.spid_public_sp_policies = false;
  absl::StatusOr<Credentials> creds = GenerateSelfSigned(profile);
  if (!creds.ok()) std::abort();
  return *new Credentials(*std::move(creds));
}

inline const Credentials& SpCredentials() {
  static const Credentials& creds = Generated("sp");
  return creds;
}
inline const Credentials& IdpCredentials() {
  static const Credentials& creds = Generated("idp");
  return creds;
}
inline const Credentials& AttackerCredentials() {
  static const Credentials& creds = Generated("attacker");
  return creds;
}

inline std::string TestData(const std::string& name) {
  const char* dir = std::getenv("SISL_SPID_TESTDATA");
  return absl::StrCat(dir != nullptr ? dir : "tests/unit/spid/testdata", "/", name);
}

inline constexpr char kIdpEntity[] = "https://idp.example.test";
inline constexpr char kRequestId[] = "_0123456789abcdef0123456789abcdef";

inline SpConfig TestSpConfig() {
  SpConfig config;
  config.public_base_url = "http://127.0.0.1:8080";
  config.key_file = "unused.key";
  config.cert_file = "unused.crt";
  return config;
}

inline IdpMetadata TestIdp() {
  IdpMetadata idp;
  idp.entity_id = kIdpEntity;
  idp.sso_post_url = absl::StrCat(kIdpEntity, "/sso");
  idp.slo_post_url = absl::StrCat(kIdpEntity, "/slo");
  idp.slo_post_response_url = idp.slo_post_url;
  idp.signing_keys = {IdpCredentials().public_key()};
  return idp;
}

inline absl::Time RequestTime() { return absl::FromUnixSeconds(1767268800); }  // 2026-01-01

// A valid Response to kRequestId, issued 10 s after the request.
inline ResponseParams ValidParams() {
  SpConfig sp = TestSpConfig();
  ResponseParams p;
  p.idp_entity_id = kIdpEntity;
  p.destination = sp.AcsUrl();
  p.in_response_to = kRequestId;
  p.audience = sp.SpidEntityId();
  p.now = RequestTime() + absl::Seconds(10);
  p.level = kSpidL2;
  p.name_id = "_transient-name-id";
  p.session_index = "_session-index";
  p.attributes = {{"fiscalNumber", "TINIT-RSSMRA85C12L219B"}, {"name", "Mario"},
                  {"familyName", "Rossi"}, {"dateOfBirth", "1985-03-12"}};
  return p;
}

inline ResponseExpectations Expectations() {
  SpConfig sp = TestSpConfig();
  ResponseExpectations e;
  e.request_id = kRequestId;
  e.request_issue_instant = RequestTime();
  e.acs_url = sp.AcsUrl();
  e.sp_entity_id = sp.SpidEntityId();
  e.requested_level = 2;
  e.now = RequestTime() + absl::Seconds(20);
  return e;
}

inline std::string Build(const ResponseParams& params,
                         const Credentials& idp = IdpCredentials()) {
  absl::StatusOr<std::string> xml = BuildResponse(params, idp);
  EXPECT_TRUE(xml.ok()) << xml.status();
  return xml.value_or("");
}

// Parses and validates; the parse error is returned as the status when parsing fails.
inline absl::StatusOr<ResponseOutcome> Check(const std::string& xml,
                                             const ResponseExpectations& e = Expectations(),
                                             const IdpMetadata& idp = TestIdp()) {
  absl::StatusOr<SamlResponse> response = SamlResponse::Parse(xml);
  if (!response.ok()) return response.status();
  return response->Validate(e, idp);
}

}  // namespace sisl::gateway::spid::testing

#endif  // SISL_TESTS_UNIT_SPID_SPID_TEST_SUPPORT_H_
