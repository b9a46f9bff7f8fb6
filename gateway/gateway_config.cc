#include "gateway/gateway_config.h"

#include "absl/strings/str_split.h"
#include "services/platform/errors.h"

namespace sisl::gateway {
namespace {

using T = platform::ConfigKey::Type;

std::vector<std::string> List(const std::string& text) {
  return absl::StrSplit(text, ',', absl::SkipWhitespace());
}

}  // namespace

std::vector<platform::ConfigKey> GatewayConfigKeys(bool embedded) {
  std::vector<platform::ConfigKey> keys = {
      {"gateway.http_address", T::kString, "127.0.0.1:8080", false, {}, "public HTTP listen address"},
      {"gateway.http_threads", T::kInt, "2", false, {}, "HTTP I/O threads"},
      {"gateway.trusted_proxies", T::kString, "", false, {},
       "CIDRs of the reverse proxies whose X-Forwarded-For names the client, comma-separated "
       "(e.g. 10.0.0.0/8,::1/128); empty: the socket peer is the client"},
      {"gateway.public_url", T::kString, "http://127.0.0.1:8080", false, {},
       "the URL users reach the gateway at (SAML endpoints, cookie Secure flag)"},
      {"gateway.upstream_default", T::kString, embedded ? "" : "127.0.0.1:50061", false, {},
       "gRPC address of services not listed in gateway.upstreams"},
      {"gateway.upstreams", T::kString, "", false, {},
       "package=host:port pairs, comma-separated (e.g. sisl.booking.v1=10.0.0.5:50061)"},
      {"gateway.environment", T::kString, embedded ? "development" : "production", false,
       {"development", "production"},
       "production refuses the development IdP whatever gateway.dev_mode says"},
      {"gateway.dev_mode", T::kBool, embedded ? "true" : "false", false, {},
       "development mode: enables the development IdP (development environment, loopback only)"},
      {"gateway.access_log", T::kBool, "true", false, {}, "one JSON line per request"},
      {"gateway.response_cache", T::kBool, "true", false, {},
       "serve public reads with cache_seconds from a short per-process cache"},
      {"gateway.session_idle_timeout", T::kDuration, "30m", false, {}, "session idle timeout"},
      {"gateway.session_absolute_timeout", T::kDuration, "8h", false, {}, "session lifetime"},
      {"gateway.session_role_recheck", T::kDuration, "30s", false, {},
       "how often a live session's staff and company roles are re-checked against the staff "
       "directory and enterprise"},
      {"gateway.company_roles_timeout", T::kDuration, "2s", false, {},
       "deadline of the call reading a person's company roles from enterprise (at login and at "
       "each re-check; the address is gateway.upstreams' sisl.enterprise.v1)"},
      {"gateway.role_minimum_levels", T::kString, "operator=2,contact_centre=2,admin=2", false,
       {}, "SPID level each role needs (role=1|2|3, comma-separated; never below "
       "spid.minimum_level); e.g. admin=3 where administrators log in with CIE or SpidL3"},
      {"gateway.upstream_timeout", T::kDuration, "10s", false, {}, "deadline of service calls"},
      {"gateway.web_dir", T::kString, embedded ? "gateway/web/dist" : "", false, {},
       "directory of the built web pages (scripts/build-web.sh makes gateway/web/dist)"},
      {"gateway.staff_bootstrap", T::kString, "", false, {},
       "staff seeds: FISCALCODE:role[:CPI] separated by ';' (role operator|contact_centre|admin)"},
      {"spid.entity_id", T::kString, "", false, {}, "SP entityID (default public_url/spid/metadata)"},
      {"spid.key_file", T::kString, "", false, {}, "SP private key (PEM)"},
      {"spid.cert_file", T::kString, "", false, {}, "SP certificate (PEM)"},
      {"spid.ipa_code", T::kString, "r_piemon", false, {}, "IPA code of the public body"},
      {"spid.organization", T::kString, "Regione Piemonte", false, {}, "organisation name"},
      {"spid.organization_url", T::kString, "https://www.regione.piemonte.it", false, {}, ""},
      {"spid.contact_email", T::kString, "sisl@regione.piemonte.it", false, {}, ""},
      {"spid.contact_phone", T::kString, "+390114321111", false, {}, ""},
      {"spid.municipality", T::kString, "L219", false, {}, "Belfiore code (CIE metadata)"},
      {"spid.minimum_level", T::kInt, "2", false, {},
       "lowest SPID level requested (a lower ?level= is raised) and accepted (1-3)"},
      {"spid.idp_metadata_files", T::kString, "", false, {},
       "trusted SPID IdP metadata files, comma-separated"},
      {"spid.cie_idp_metadata_files", T::kString, "", false, {},
       "trusted CIE IdP metadata files, comma-separated"},
      {"rate_limits.per_ip_rps", T::kInt, "50", false, {}, "requests per second per client IP"},
      {"rate_limits.per_ip_burst", T::kInt, "100", false, {}, ""},
      {"rate_limits.per_session_rps", T::kInt, "20", false, {}, "requests per second per session"},
      {"rate_limits.per_session_burst", T::kInt, "40", false, {}, ""},
      {"rate_limits.booking_writes_per_minute", T::kInt, "12", false, {},
       "bookings, moves and cancellations per session per minute"},
      {"rate_limits.booking_writes_burst", T::kInt, "5", false, {}, ""},
      {"rate_limits.logins_per_minute", T::kInt, "30", false, {},
       "logins started (/spid/login) per client IP per minute"},
      {"rate_limits.logins_burst", T::kInt, "20", false, {}, ""},
      {"rate_limits.saml_per_minute", T::kInt, "120", false, {},
       "SAML responses, logout requests and logouts per client IP per minute"},
      {"rate_limits.saml_burst", T::kInt, "60", false, {}, ""},
  };
  return keys;
}

bool IsLoopbackAddress(const std::string& host_port) {
  const size_t colon = host_port.rfind(':');
  const std::string host = colon == std::string::npos ? host_port : host_port.substr(0, colon);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

absl::Status CheckDevelopmentIdp(const platform::Config& c) {
  if (!c.GetBool("gateway.dev_mode")) return absl::OkStatus();
  // The development IdP logs anyone in as anyone, staff roles included.
  if (c.GetString("gateway.environment") != "development") {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "DEV_IDP_REFUSED",
                           "gateway.dev_mode is refused when gateway.environment is production");
  }
  if (!IsLoopbackUrl(c.GetString("gateway.public_url"))) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "DEV_IDP_REFUSED",
                           "gateway.dev_mode needs gateway.public_url on localhost or 127.0.0.1");
  }
  if (!IsLoopbackAddress(c.GetString("gateway.http_address"))) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "DEV_IDP_REFUSED",
                           "gateway.dev_mode needs gateway.http_address bound to 127.0.0.1, "
                           "localhost or [::1]");
  }
  return absl::OkStatus();
}

bool IsLoopbackUrl(const std::string& url) {
  for (const char* prefix : {"http://localhost", "https://localhost", "http://127.0.0.1",
                             "https://127.0.0.1", "http://[::1]", "https://[::1]"}) {
    const std::string p(prefix);
    if (url.compare(0, p.size(), p) == 0 &&
        (url.size() == p.size() || url[p.size()] == ':' || url[p.size()] == '/')) {
      return true;
    }
  }
  return false;
}

GatewayOptions GatewayOptionsFromConfig(const platform::Config& c) {
  GatewayOptions o;
  o.http_address = c.GetString("gateway.http_address");
  o.http_threads = static_cast<int>(c.GetInt("gateway.http_threads"));
  o.trusted_proxies = c.GetString("gateway.trusted_proxies");
  o.public_url = c.GetString("gateway.public_url");
  while (!o.public_url.empty() && o.public_url.back() == '/') o.public_url.pop_back();
  o.upstream_default = c.GetString("gateway.upstream_default");
  o.upstreams = c.GetString("gateway.upstreams");
  o.dev_mode = c.GetBool("gateway.dev_mode");
  o.access_log = c.GetBool("gateway.access_log");
  o.response_cache = c.GetBool("gateway.response_cache");
  o.session_idle_timeout = c.GetDuration("gateway.session_idle_timeout");
  o.session_absolute_timeout = c.GetDuration("gateway.session_absolute_timeout");
  o.session_role_recheck = c.GetDuration("gateway.session_role_recheck");
  o.company_roles_timeout = c.GetDuration("gateway.company_roles_timeout");
  o.role_minimum_levels = c.GetString("gateway.role_minimum_levels");
  o.upstream_timeout = c.GetDuration("gateway.upstream_timeout");
  o.web_dir = c.GetString("gateway.web_dir");
  o.staff_bootstrap = c.GetString("gateway.staff_bootstrap");
  o.spid_entity_id = c.GetString("spid.entity_id");
  if (o.spid_entity_id.empty()) o.spid_entity_id = o.public_url + "/spid/metadata";
  o.spid_key_file = c.GetString("spid.key_file");
  o.spid_cert_file = c.GetString("spid.cert_file");
  o.spid_ipa_code = c.GetString("spid.ipa_code");
  o.spid_organization = c.GetString("spid.organization");
  o.spid_organization_url = c.GetString("spid.organization_url");
  o.spid_contact_email = c.GetString("spid.contact_email");
  o.spid_contact_phone = c.GetString("spid.contact_phone");
  o.spid_municipality = c.GetString("spid.municipality");
  o.spid_minimum_level = static_cast<int>(c.GetInt("spid.minimum_level"));
  o.spid_idp_metadata_files = List(c.GetString("spid.idp_metadata_files"));
  o.cie_idp_metadata_files = List(c.GetString("spid.cie_idp_metadata_files"));
  auto& r = o.rate_limits;
  r.per_ip = {static_cast<double>(c.GetInt("rate_limits.per_ip_rps")),
              static_cast<int>(c.GetInt("rate_limits.per_ip_burst"))};
  r.per_session = {static_cast<double>(c.GetInt("rate_limits.per_session_rps")),
                   static_cast<int>(c.GetInt("rate_limits.per_session_burst"))};
  r.booking_writes_per_session = {
      static_cast<double>(c.GetInt("rate_limits.booking_writes_per_minute")) / 60.0,
      static_cast<int>(c.GetInt("rate_limits.booking_writes_burst"))};
  r.booking_writes_per_ip = r.booking_writes_per_session;
  r.logins_per_ip = {static_cast<double>(c.GetInt("rate_limits.logins_per_minute")) / 60.0,
                     static_cast<int>(c.GetInt("rate_limits.logins_burst"))};
  r.saml_per_ip = {static_cast<double>(c.GetInt("rate_limits.saml_per_minute")) / 60.0,
                   static_cast<int>(c.GetInt("rate_limits.saml_burst"))};
  return o;
}

}  // namespace sisl::gateway
