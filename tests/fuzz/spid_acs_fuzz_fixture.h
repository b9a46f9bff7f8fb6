#ifndef SISL_TESTS_FUZZ_SPID_ACS_FUZZ_FIXTURE_H_
#define SISL_TESTS_FUZZ_SPID_ACS_FUZZ_FIXTURE_H_

// The fixed world of the spid_acs_fuzz harness: one trusted IdP (key pair in
// tests/unit/spid/testdata/fuzz-idp.*) and one pending AuthnRequest. spid_unit_test uses it to
// write the seed corpus (SISL_SPID_FUZZ_CORPUS_DIR), so seeds validate in the harness.
// Depends on the SAML core only.

#include <cstdlib>
#include <string>

#include "absl/time/time.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/response_validator.h"

namespace sisl::gateway::spid::fuzz {

inline constexpr char kIdpEntity[] = "https://idp.fuzz.test";
inline constexpr char kRequestId[] = "_f0220000000000000000000000000001";
inline constexpr char kAcsUrl[] = "http://127.0.0.1:8080/spid/acs";
inline constexpr char kSpEntity[] = "http://127.0.0.1:8080/spid/metadata";

inline std::string TestDataPath(const char* name) {
  const char* dir = std::getenv("SISL_SPID_TESTDATA");
  return std::string(dir != nullptr ? dir : "tests/unit/spid/testdata") + "/" + name;
}

inline absl::Time RequestInstant() { return absl::FromUnixSeconds(1767268800); }  // 2026-01-01

inline ResponseExpectations Expectations() {
  ResponseExpectations e;
  e.request_id = kRequestId;
  e.request_issue_instant = RequestInstant();
  e.acs_url = kAcsUrl;
  e.sp_entity_id = kSpEntity;
  e.requested_level = 2;
  e.now = RequestInstant() + absl::Seconds(30);
  return e;
}

// Aborts when the test key is missing: the harness would otherwise only test refusals.
inline IdpMetadata TrustedIdp() {
  absl::StatusOr<std::string> pem = ReadSmallFile(TestDataPath("fuzz-idp.crt"));
  if (!pem.ok()) std::abort();
  absl::StatusOr<PublicKey> key = PublicKeyFromCertificatePem(*pem);
  if (!key.ok()) std::abort();
  IdpMetadata idp;
  idp.entity_id = kIdpEntity;
  idp.sso_post_url = std::string(kIdpEntity) + "/sso";
  idp.signing_keys = {*key};
  return idp;
}

}  // namespace sisl::gateway::spid::fuzz

#endif  // SISL_TESTS_FUZZ_SPID_ACS_FUZZ_FIXTURE_H_
