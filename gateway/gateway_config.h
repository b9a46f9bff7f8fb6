#ifndef SISL_GATEWAY_GATEWAY_CONFIG_H_
#define SISL_GATEWAY_GATEWAY_CONFIG_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "services/platform/config.h"

namespace sisl::gateway {

// Everything the gateway reads from configuration (gateway.*, spid.*, rate_limits.*).
struct GatewayOptions {
  std::string http_address = "127.0.0.1:8080";
  int http_threads = 2;
  // Proxies whose X-Forwarded-For is believed: CIDRs, comma-separated; empty: none.
  std::string trusted_proxies;
  // How users reach the gateway; SAML endpoints and cookie security derive from it.
  std::string public_url = "http://127.0.0.1:8080";
  std::string upstream_default;   // gRPC address for packages not listed in `upstreams`
  std::string upstreams;          // "sisl.booking.v1=host:port,..."
  bool dev_mode = false;          // embedded/dev only: enables the development IdP
  bool access_log = true;
  bool response_cache = true;
  absl::Duration session_idle_timeout = absl::Minutes(30);
  absl::Duration session_absolute_timeout = absl::Hours(8);
  // Staff roles of a live session are re-checked against the staff directory this often.
  absl::Duration session_role_recheck = absl::Seconds(30);
  // Deadline of the call that reads a person's company roles from enterprise (login, re-check).
  absl::Duration company_roles_timeout = absl::Seconds(2);
  // The SPID level each role needs over spid.minimum_level: "operator=2,admin=3" (RoleLevels).
  std::string role_minimum_levels;
  absl::Duration upstream_timeout = absl::Seconds(10);
  std::string web_dir;            // static pages (gateway/web); empty: none
  std::string staff_bootstrap;    // "FISCALCODE:role[:cpi];..." seeds for the staff directory
  // SPID / CIE service provider.
  std::string spid_entity_id;     // default: public_url + "/spid/metadata"
  std::string spid_key_file;      // default (dev): <data_dir>/spid-sp.key, created when absent
  std::string spid_cert_file;
  std::string spid_ipa_code = "r_piemon";
  std::string spid_organization = "Regione Piemonte";
  std::string spid_organization_url = "https://www.regione.piemonte.it";
  std::string spid_contact_email = "sisl@regione.piemonte.it";
  std::string spid_contact_phone = "+390114321111";
  std::string spid_municipality = "L219";  // Belfiore code of Torino (CIE metadata)
  int spid_minimum_level = 2;  // no AuthnRequest asks for less; every role needs at least this
  std::vector<std::string> spid_idp_metadata_files;
  std::vector<std::string> cie_idp_metadata_files;
  ratelimit::RateLimitConfig rate_limits;
};

// The keys above, for a process schema (the all-in-one and sisl-gateway add them to theirs).
std::vector<platform::ConfigKey> GatewayConfigKeys(bool embedded);
GatewayOptions GatewayOptionsFromConfig(const platform::Config& config);

// http(s)://localhost, 127.0.0.1 or [::1], any port.
bool IsLoopbackUrl(const std::string& url);
// True for a listen address host:port on loopback (127.0.0.1, localhost, [::1]).
bool IsLoopbackAddress(const std::string& host_port);
// The development IdP only with gateway.environment development, a loopback public URL and a
// loopback bind address: FAILED_PRECONDITION (DEV_IDP_REFUSED) naming the key otherwise.
absl::Status CheckDevelopmentIdp(const platform::Config& config);

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_GATEWAY_CONFIG_H_
