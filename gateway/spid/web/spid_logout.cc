// Single Logout of SpidEndpoints: SP-initiated (/spid/logout) and the /spid/slo endpoint.

#include <map>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/logout.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/web/error_pages.h"
#include "gateway/spid/web/saml_http.h"
#include "gateway/spid/web/spid_endpoints.h"
#include "gateway/spid/xml.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

using web::ErrorPage;
using web::SpidError;

http::Response HomeAfterLogout() {
  http::Response response = http::Response::Redirect("/", 303);
  web::NoStore(response);
  return response;
}

}  // namespace

absl::StatusOr<http::Response> SpidEndpoints::SendToIdp(const std::string& param,
                                                        const std::string& post_url,
                                                        const std::string& redirect_url,
                                                        const Builder& build,
                                                        const std::string& relay_state,
                                                        std::string* message_id) {
  if (!post_url.empty()) {
    ASSIGN_OR_RETURN(const SamlMessage message, build(&credentials_, post_url));
    *message_id = message.id;
    std::vector<std::pair<std::string, std::string>> fields = {
        {param, absl::Base64Escape(message.xml)}};
    if (!relay_state.empty()) fields.emplace_back("RelayState", relay_state);
    return web::AutoPostPage(post_url, fields);
  }
  if (redirect_url.empty()) return absl::FailedPreconditionError("IdP without SLO endpoint");
  ASSIGN_OR_RETURN(const SamlMessage message, build(nullptr, redirect_url));
  *message_id = message.id;
  ASSIGN_OR_RETURN(const std::string deflated, web::Deflate(message.xml));
  ASSIGN_OR_RETURN(const std::string query, SignRedirectQuery(param, absl::Base64Escape(deflated),
                                                              relay_state, credentials_));
  return web::RedirectTo(redirect_url, query);
}

http::Response SpidEndpoints::Logout(const http::Request& request) {
  // Another site must not log our users out with a link or a form pointing here: browsers say
  // where a request comes from in Sec-Fetch-Site ("none" for a typed URL or a bookmark).
  if (request.Header("sec-fetch-site").value_or("") == "cross-site") {
    return ErrorPage(SpidError::kBadRequest);
  }
  std::optional<VerifiedIdentity> identity = sessions_.CurrentIdentity(request);
  const IdpMetadata* idp = identity.has_value() ? idps_.Find(identity->idp_entity_id) : nullptr;
  if (idp == nullptr || (idp->slo_post_url.empty() && idp->slo_redirect_url.empty())) {
    http::Response response = HomeAfterLogout();
    sessions_.EndCurrentSession(request, response);
    return response;
  }
  LogoutRequestParams params;
  params.issuer = config_.EntityId(idp->cie);
  params.name_id = identity->name_id;
  params.name_id_qualifier =
      identity->name_id_qualifier.empty() ? idp->entity_id : identity->name_id_qualifier;
  params.session_index = identity->session_index;
  params.now = now_();
  std::string request_id;
  absl::StatusOr<http::Response> response = SendToIdp(
      "SAMLRequest", idp->slo_post_url, idp->slo_redirect_url,
      [&params](const Credentials* sign_with, const std::string& destination) {
        LogoutRequestParams p = params;
        p.destination = destination;
        return BuildLogoutRequest(p, sign_with);
      },
      RandomHex(16), &request_id);
  if (!response.ok()) {
    platform::log::Error("spid: LogoutRequest", {{"error", std::string(response.status().message())}});
    http::Response home = HomeAfterLogout();
    sessions_.EndCurrentSession(request, home);
    return home;
  }
  if (absl::Status s = state_.PutLogout({request_id, idp->entity_id}, config_.request_ttl);
      !s.ok()) {
    platform::log::Warn("spid: cannot store the pending logout", {{"error", std::string(s.message())}});
  }
  // The local session ends now, whatever the IdP answers.
  sessions_.EndCurrentSession(request, *response);
  platform::log::Info("spid: LogoutRequest sent",
                      {{"idp", idp->entity_id}, {"request_id", request_id}});
  return *std::move(response);
}

http::Response SpidEndpoints::Slo(const http::Request& request) {
  absl::StatusOr<web::IncomingMessage> in = web::ReadSamlMessage(request);
  if (!in.ok()) return ErrorPage(SpidError::kBadRequest);
  absl::StatusOr<MessagePeek> peek = PeekMessage(in->xml);
  const IdpMetadata* idp = peek.ok() ? idps_.Find(peek->issuer) : nullptr;
  if (idp == nullptr) return ErrorPage(SpidError::kUnknownIdp);
  if (in->query.has_value()) {
    if (absl::Status s = VerifyRedirectQuery(*in->query, idp->signing_keys); !s.ok()) {
      platform::log::Warn("spid: refused", {{"step", "slo"}, {"reason", std::string(s.message())},
                                            {"idp", idp->entity_id}});
      return ErrorPage(SpidError::kInvalidSignature);
    }
  }
  bool query_verified = in->query.has_value();
  if (peek->root == "LogoutResponse") {
    return SloLogoutResponse(request, *idp, in->xml, query_verified);
  }
  if (peek->root == "LogoutRequest") {
    return SloLogoutRequest(*idp, in->xml, query_verified, in->relay_state);
  }
  return ErrorPage(SpidError::kBadRequest);
}

http::Response SpidEndpoints::SloLogoutResponse(const http::Request& request,
                                                const IdpMetadata& idp, const std::string& xml,
                                                bool query_verified) {
  LogoutChecks checks{config_.SloUrl(), idp.entity_id, now_(), config_.clock_skew,
                      query_verified ? nullptr : &idp.signing_keys};
  absl::StatusOr<ReceivedLogoutResponse> response = ParseLogoutResponse(xml, checks);
  if (!response.ok()) {
    platform::log::Warn("spid: refused", {{"step", "slo"},
                                          {"reason", std::string(response.status().message())},
                                          {"idp", idp.entity_id}});
    return web::ErrorPageFor(response.status());
  }
  absl::StatusOr<web::PendingLogout> pending =
      state_.ConsumeLogout(response->in_response_to, config_.request_ttl);
  if (!pending.ok() || pending->idp_entity_id != idp.entity_id) {
    return ErrorPage(SpidError::kUnknownRequest);
  }
  platform::log::Info("spid: logout completed",
                      {{"idp", idp.entity_id}, {"request_id", response->in_response_to},
                       {"success", response->success ? "true" : "false"}});
  http::Response home = HomeAfterLogout();
  sessions_.EndCurrentSession(request, home);
  return home;
}

http::Response SpidEndpoints::SloLogoutRequest(const IdpMetadata& idp, const std::string& xml,
                                               bool query_verified,
                                               const std::string& relay_state) {
  LogoutChecks checks{config_.SloUrl(), idp.entity_id, now_(), config_.clock_skew,
                      query_verified ? nullptr : &idp.signing_keys};
  absl::StatusOr<ReceivedLogoutRequest> logout = ParseLogoutRequest(xml, checks);
  if (!logout.ok()) {
    platform::log::Warn("spid: refused", {{"step", "slo"},
                                          {"reason", std::string(logout.status().message())},
                                          {"idp", idp.entity_id}});
    return web::ErrorPageFor(logout.status());
  }
  // IssueInstant is accepted up to 10 minutes back: remember the ID for longer.
  absl::StatusOr<bool> fresh =
      state_.FirstSeen(idp.entity_id, "logout", logout->id, absl::Minutes(15));
  if (!fresh.ok()) return ErrorPage(SpidError::kUnavailable);
  if (!*fresh) return ErrorPage(SpidError::kReplay);
  std::string session_index =
      logout->session_indexes.empty() ? "" : logout->session_indexes.front();
  int ended = sessions_.EndSessionsFor(idp.entity_id, logout->name_id, session_index);
  LogoutResponseParams params;
  params.issuer = config_.EntityId(idp.cie);
  params.in_response_to = logout->id;
  params.now = now_();
  params.success = true;
  std::string response_id;
  absl::StatusOr<http::Response> response = SendToIdp(
      "SAMLResponse", idp.slo_post_response_url, idp.slo_redirect_response_url,
      [&params](const Credentials* sign_with, const std::string& destination) {
        LogoutResponseParams p = params;
        p.destination = destination;
        return BuildLogoutResponse(p, sign_with);
      },
      relay_state, &response_id);
  platform::log::Info("spid: IdP-initiated logout",
                      {{"idp", idp.entity_id}, {"request_id", logout->id},
                       {"sessions_ended", absl::StrCat(ended)}});
  if (!response.ok()) return ErrorPage(SpidError::kLogoutFailed);
  return *std::move(response);
}

}  // namespace sisl::gateway::spid
