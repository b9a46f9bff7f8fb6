// Single Logout of the development IdP.

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gateway/devidp/dev_idp.h"
#include "gateway/devidp/dev_idp_pages.h"
#include "gateway/spid/logout.h"
#include "gateway/spid/web/saml_http.h"

namespace sisl::gateway::devidp {

http::Response DevIdp::Slo(const http::Request& request) {
  absl::StatusOr<spid::web::IncomingMessage> in = spid::web::ReadSamlMessage(request);
  absl::StatusOr<spid::MessagePeek> peek =
      in.ok() ? spid::PeekMessage(in->xml) : absl::StatusOr<spid::MessagePeek>(in.status());
  if (!peek.ok() || (peek->issuer != sp_.SpidEntityId() && peek->issuer != sp_.CieEntityId())) {
    return DevIdpError("Messaggio di logout non valido.", "Invalid logout message.");
  }
  if (in->query.has_value() && !spid::VerifyRedirectQuery(*in->query, sp_keys_).ok()) {
    return DevIdpError("La firma del messaggio di logout non è valida.",
                       "The logout message signature is not valid.");
  }
  spid::LogoutChecks checks{absl::StrCat(entity_id_, "/slo"), peek->issuer, now_(),
                            absl::Minutes(2), in->query.has_value() ? nullptr : &sp_keys_};
  if (peek->root == "LogoutResponse") {
    absl::StatusOr<spid::ReceivedLogoutResponse> response =
        spid::ParseLogoutResponse(in->xml, checks);
    if (!response.ok()) {
      return DevIdpError("Risposta di logout non valida.", "Invalid logout response.");
    }
    return Page(200, "Logout completato",
                absl::StrCat("<p>Il servizio ha ", response->success ? "chiuso" : "NON chiuso",
                             " la sessione.</p>\n<p><a href=\"/dev-idp\">Torna all'IdP di "
                             "sviluppo</a></p>\n"));
  }
  absl::StatusOr<spid::ReceivedLogoutRequest> logout = spid::ParseLogoutRequest(in->xml, checks);
  if (!logout.ok()) {
    return DevIdpError("Richiesta di logout non valida.", "Invalid logout request.");
  }
  {
    absl::MutexLock lock(&mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      it = it->second.name_id == logout->name_id ? sessions_.erase(it) : std::next(it);
    }
  }
  spid::LogoutResponseParams params{entity_id_, sp_.SloUrl(), logout->id, now_(), true};
  absl::StatusOr<spid::SamlMessage> response = spid::BuildLogoutResponse(params, &credentials_);
  if (!response.ok()) return DevIdpError("Errore interno dell'IdP.", "Internal IdP error.");
  std::vector<std::pair<std::string, std::string>> fields = {
      {"SAMLResponse", absl::Base64Escape(response->xml)}};
  if (!in->relay_state.empty()) fields.emplace_back("RelayState", in->relay_state);
  return spid::web::AutoPostPage(sp_.SloUrl(), fields);
}

http::Response DevIdp::StartLogout(const http::Request& request) {
  std::map<std::string, std::string> form = spid::web::ParseForm(request.body);
  Session session;
  {
    absl::MutexLock lock(&mu_);
    auto it = sessions_.find(form["session"]);
    if (it == sessions_.end()) {
      return DevIdpError("Sessione sconosciuta o già chiusa.", "Unknown or closed session.");
    }
    session = it->second;
    sessions_.erase(it);
  }
  spid::LogoutRequestParams params{entity_id_,          sp_.SloUrl(), session.name_id,
                                   entity_id_,          session.session_index, now_()};
  absl::StatusOr<spid::SamlMessage> message = spid::BuildLogoutRequest(params, &credentials_);
  if (!message.ok()) return DevIdpError("Errore interno dell'IdP.", "Internal IdP error.");
  return spid::web::AutoPostPage(
      sp_.SloUrl(), {{"SAMLRequest", absl::Base64Escape(message->xml)},
                     {"RelayState", spid::RandomHex(16)}});
}

}  // namespace sisl::gateway::devidp
