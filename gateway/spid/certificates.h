#ifndef SISL_GATEWAY_SPID_CERTIFICATES_H_
#define SISL_GATEWAY_SPID_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

// Subject and profile of a self-signed signing certificate. The defaults and
// SpCertificateFor() follow AgID's "SPID compliant certificates" profile for a public-sector
// SP: organizationIdentifier PA:IT-<IPA code>, uri = entityID, keyUsage critical
// digitalSignature + nonRepudiation, certificatePolicies agIDcert (1.3.76.16.6) and
// cert_SP_Pub (1.3.76.16.4.2.1), RSA, SHA-256.
struct CertificateProfile {
  std::string common_name;
  std::string organization_name;
  std::string organization_identifier;  // e.g. "PA:IT-r_piemon"; empty to omit
  std::string entity_id;                // the uri (2.5.4.83) attribute; empty to omit
  std::string locality;                 // e.g. "Torino"
  std::string country = "IT";
  int key_bits = 3072;
  int validity_days = 730;
  bool spid_public_sp_policies = true;
};

struct SpConfig;
// The AgID public-SP profile for this SP configuration.
CertificateProfile SpCertificateFor(const SpConfig& config);

// Generates a fresh RSA key and a self-signed certificate in memory.
absl::StatusOr<Credentials> GenerateSelfSigned(const CertificateProfile& profile);

// Creates the key (mode 0600) and certificate files when both are absent; does nothing when
// both exist; fails when only one of them exists (never overwrites a key).
absl::Status EnsureSelfSignedFiles(const CertificateProfile& profile, const std::string& key_file,
                                   const std::string& cert_file);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_CERTIFICATES_H_
