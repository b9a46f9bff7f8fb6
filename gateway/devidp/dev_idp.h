#ifndef SISL_GATEWAY_DEVIDP_DEV_IDP_H_
#define SISL_GATEWAY_DEVIDP_DEV_IDP_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/devidp/demo_users.h"
#include "gateway/http/http_types.h"
#include "gateway/spid/authn_request.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/sp_config.h"

namespace sisl::gateway::devidp {

// A SAML IdP for development and demos, inside the gateway, that logs in as demo users.
// It exists only in embedded/development mode: Create() refuses otherwise. Its key pair is
// generated at start (memory only); the SP trusts it by registering MetadataXml() in its
// IdpRegistry (development = true), and its Responses go through the very same ACS checks
// as a real IdP's.
//   GET  /dev-idp            home: demo users, active sessions, a link to log in
//   GET  /dev-idp/metadata   its signed metadata
//   POST /dev-idp/sso        AuthnRequest (HTTP-POST), GET /dev-idp/sso (HTTP-Redirect)
//   POST /dev-idp/login      the chosen user (or cancel) -> signed Response to the SP's ACS
//   GET|POST /dev-idp/slo    LogoutRequest from the SP, or LogoutResponse to our own
//   POST /dev-idp/logout     IdP-initiated logout of one of its sessions
class DevIdp final {
 public:
  using Clock = std::function<absl::Time()>;
  using AddRoute =
      std::function<void(const std::string& method, const std::string& path, http::Handler)>;

  // FAILED_PRECONDITION unless `dev_mode`. `sp` is the SP this IdP serves (its certificate
  // file verifies AuthnRequests and LogoutRequests; its ACS and SLO URLs are the only
  // destinations). `public_base_url` is where the browser reaches the gateway.
  static absl::StatusOr<std::unique_ptr<DevIdp>> Create(bool dev_mode,
                                                        std::string public_base_url,
                                                        spid::SpConfig sp, Clock now);

  const std::string& entity_id() const { return entity_id_; }
  const std::string& MetadataXml() const { return metadata_; }
  static const std::vector<DemoUser>& demo_users() { return DemoUsers(); }

  void Register(const AddRoute& add);

  http::Response Home(const http::Request& request);
  http::Response Sso(const http::Request& request);
  http::Response Login(const http::Request& request);
  http::Response Slo(const http::Request& request);
  http::Response StartLogout(const http::Request& request);

 private:
  struct PendingSso {
    spid::ReceivedAuthnRequest request;
    std::string relay_state;
    absl::Time expires;
  };
  struct Session {
    std::string user_key;
    std::string name_id;
    std::string session_index;
    std::string sp_entity_id;
    absl::Time since;
  };

  DevIdp(std::string base_url, spid::SpConfig sp, spid::Credentials credentials,
         spid::PublicKey sp_key, Clock now);

  // The SP's attribute set with this AttributeConsumingServiceIndex (the first when unknown).
  const spid::AttributeSet& AttributeSetFor(int index) const;
  // `level`: the SPID level to assert (1-3); 0: the requested one (2 when the request has none).
  http::Response RespondToSp(const PendingSso& pending, const DemoUser* user, int level = 0);

  const std::string base_url_;
  const std::string entity_id_;
  const spid::SpConfig sp_;
  const spid::Credentials credentials_;
  const std::vector<spid::PublicKey> sp_keys_;
  const Clock now_;
  std::string metadata_;

  absl::Mutex mu_;
  std::map<std::string, PendingSso> pending_ ABSL_GUARDED_BY(mu_);   // by ticket
  std::map<std::string, Session> sessions_ ABSL_GUARDED_BY(mu_);     // by session id
};

}  // namespace sisl::gateway::devidp

#endif  // SISL_GATEWAY_DEVIDP_DEV_IDP_H_
