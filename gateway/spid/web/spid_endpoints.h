#ifndef SISL_GATEWAY_SPID_WEB_SPID_ENDPOINTS_H_
#define SISL_GATEWAY_SPID_WEB_SPID_ENDPOINTS_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/http/http_types.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/logout.h"
#include "gateway/spid/sp_config.h"
#include "gateway/spid/web/session_bridge.h"
#include "gateway/spid/web/spid_state.h"
#include "services/platform/cache/cache.h"

namespace sisl::gateway::spid {

// SPID's ivaCode ("VATIT-01234567897") as an Italian VAT number: surrounding whitespace and the
// "VATIT-" prefix (any case) removed, 11 digits with a valid check digit (a bare number is taken
// as well); "" otherwise (another country's VAT code, a mistyped number).
std::string VatNumberFromIvaCode(std::string_view iva_code);

// The SPID/CIE Service Provider endpoints:
//   GET  /spid/metadata        signed SPID SP metadata (public body)
//   GET  /cie/metadata         signed CIE SP metadata
//   GET  /spid/login           ?idp=ENTITY_ID[&level=1|2|3][&binding=post|redirect]
//                              [&purpose=company][&return_to=/local/path] -> signed
//                              AuthnRequest to the IdP
//   POST /spid/acs             SAMLResponse (HTTP-POST) -> session, 303 to return_to
//   GET|POST /spid/logout      SP-initiated logout (LogoutRequest to the session's IdP)
//   GET|POST /spid/slo         LogoutResponse from the IdP, or IdP-initiated LogoutRequest
//   GET  /spid/autosubmit.js   the script of the auto-submitting POST pages
// Every refusal is an HTML page with status 4xx (503 when the state store is down).
class SpidEndpoints final {
 public:
  using Clock = std::function<absl::Time()>;
  using AddRoute =
      std::function<void(const std::string& method, const std::string& path, http::Handler)>;

  // Loads the SP key and certificate (config.key_file / cert_file; see
  // EnsureSelfSignedFiles), signs both metadata documents once, and keeps `state` and
  // `sessions`, which must outlive the endpoints. `idps` is complete (configuration files and,
  // in development mode, the development IdP's metadata).
  static absl::StatusOr<std::unique_ptr<SpidEndpoints>> Create(SpConfig config, IdpRegistry idps,
                                                               platform::cache::Cache& state,
                                                               SessionBridge& sessions,
                                                               Clock now);

  void Register(const AddRoute& add);

  http::Response Metadata(bool cie) const;
  http::Response Login(const http::Request& request);
  http::Response Acs(const http::Request& request);
  http::Response Logout(const http::Request& request);
  http::Response Slo(const http::Request& request);

  const SpConfig& config() const { return config_; }
  const IdpRegistry& idps() const { return idps_; }
  const std::string& spid_metadata_xml() const { return spid_metadata_; }
  const std::string& cie_metadata_xml() const { return cie_metadata_; }

  // The browser-binding cookie (see docs/spid.md).
  static constexpr char kBindingCookie[] = "sisl_spid_login";

 private:
  SpidEndpoints(SpConfig config, IdpRegistry idps, Credentials credentials,
                platform::cache::Cache& state, SessionBridge& sessions, Clock now);

  http::Response SloLogoutResponse(const http::Request& request, const IdpMetadata& idp,
                                   const std::string& xml, bool query_verified);
  http::Response SloLogoutRequest(const IdpMetadata& idp, const std::string& xml,
                                  bool query_verified, const std::string& relay_state);
  // Sends a message we build to an IdP endpoint: HTTP-POST (enveloped signature) when the
  // IdP has a POST location, else HTTP-Redirect (query signature). `build` receives the
  // credentials to sign with (null for HTTP-Redirect) and the Destination.
  using Builder = std::function<absl::StatusOr<SamlMessage>(const Credentials* sign_with,
                                                            const std::string& destination)>;
  absl::StatusOr<http::Response> SendToIdp(const std::string& param, const std::string& post_url,
                                           const std::string& redirect_url, const Builder& build,
                                           const std::string& relay_state,
                                           std::string* message_id);
  std::string BindingCookie(const std::string& value) const;

  SpConfig config_;
  IdpRegistry idps_;
  Credentials credentials_;
  web::SpidState state_;
  SessionBridge& sessions_;
  Clock now_;
  std::string spid_metadata_;
  std::string cie_metadata_;
};

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_WEB_SPID_ENDPOINTS_H_
