#ifndef SISL_GATEWAY_SPID_SP_CONFIG_H_
#define SISL_GATEWAY_SPID_SP_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sisl::gateway::spid {

// One <md:AttributeConsumingService>: the attributes requested with
// AttributeConsumingServiceIndex = index.
struct AttributeSet {
  int index = 0;
  std::string service_name;  // <md:ServiceName xml:lang="it">
  std::vector<std::string> attributes;
  // The `purpose=` value of /spid/login that asks for this set; empty for the one default set
  // (a login without `purpose`).
  std::string purpose;
};

// The /spid/login purpose of a company's registration by its legal representative: the SPID
// attribute set with ivaCode and companyName (index 1). CIE has no company attributes.
inline constexpr char kCompanyPurpose[] = "company";

// The Service Provider as the SPID and CIE federations see it. Defaults describe Regione
// Piemonte's SISL; deployments override them from the gateway configuration.
struct SpConfig {
  // Scheme, host and port the browser and the IdPs use, no trailing slash. The ACS and SLO
  // URLs (and the Destination/Recipient checks) derive from it.
  std::string public_base_url = "http://127.0.0.1:8080";
  // Empty: <public_base_url>/spid/metadata and <public_base_url>/cie/metadata.
  std::string entity_id;
  std::string cie_entity_id;
  // PEM files: the SP signing key and its self-signed certificate (see certificates.h).
  std::string key_file;
  std::string cert_file;

  std::string ipa_code = "r_piemon";
  std::string organization_name = "Regione Piemonte";
  std::string organization_display_name = "Regione Piemonte";
  std::string organization_url = "https://www.regione.piemonte.it";
  std::string contact_email = "sisl@regione.piemonte.it";
  std::string contact_phone = "+390114321111";
  // CIE metadata extensions: the municipality of the body's seat as its cadastral
  // ("Belfiore") code, upper case, as the CIE SP manual asks, and its province.
  std::string municipality = "L219";
  std::string province = "TO";
  // Certificate locality (L).
  std::string locality = "Torino";

  // Tolerance for the IdP's clock on every time check (IssueInstant, NotBefore,
  // NotOnOrAfter). SPID does not fix a value; 2 minutes is common practice.
  absl::Duration clock_skew = absl::Minutes(2);
  // How long a pending AuthnRequest (and its RelayState) stays valid.
  absl::Duration request_ttl = absl::Minutes(15);
  // SPID level requested when /spid/login has no `level` (1, 2 or 3).
  int default_level = 2;
  // No AuthnRequest asks for less (spid.minimum_level): a lower `level` on /spid/login, or a
  // lower default_level, is raised to it, and the ACS refuses an assertion below it whatever the
  // pending request says. Booking and filings need SpidL2.
  int minimum_level = 2;

  // SPID metadata lists every set; an AuthnRequest names one by its index. Index 0 is the
  // default; index 1 (purpose "company") adds the company a legal representative's SPID identity
  // names, to prefill the company's registration.
  std::vector<AttributeSet> attribute_sets = {
      {0, "SISL - Servizi per il lavoro",
       {"fiscalNumber", "name", "familyName", "email", "mobilePhone", "dateOfBirth"}, ""},
      {1, "SISL - Imprese",
       {"fiscalNumber", "name", "familyName", "email", "ivaCode", "companyName"},
       kCompanyPurpose}};
  // CIE releases only these four.
  AttributeSet cie_attribute_set = {
      0, "SISL - Servizi per il lavoro", {"fiscalNumber", "name", "familyName", "dateOfBirth"}};

  // When true the ACS accepts a Response only from the browser that started the login (a
  // cookie set by /spid/login). See docs/spid.md.
  bool require_browser_binding = true;

  std::string SpidEntityId() const;
  std::string CieEntityId() const;
  std::string EntityId(bool cie) const { return cie ? CieEntityId() : SpidEntityId(); }
  std::string AcsUrl() const;  // <base>/spid/acs (SPID and CIE)
  std::string SloUrl() const;  // <base>/spid/slo
  bool UsesHttps() const;
  // The SPID set a login with `purpose` asks for (nullopt: the default set, without purpose=);
  // null when no set has that purpose.
  const AttributeSet* SpidAttributeSetFor(const std::optional<std::string>& purpose) const;
};

// Checks what the SAML code relies on (URLs, level range, non-empty names and files).
absl::Status ValidateSpConfig(const SpConfig& config);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_SP_CONFIG_H_
