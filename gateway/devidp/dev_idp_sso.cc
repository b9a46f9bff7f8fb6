// Single Sign-On of the development IdP: AuthnRequest in, user choice, signed Response out.

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gateway/devidp/dev_idp.h"
#include "gateway/devidp/dev_idp_pages.h"
#include "gateway/spid/levels.h"
#include "gateway/spid/response_builder.h"
#include "gateway/spid/web/saml_http.h"

namespace sisl::gateway::devidp {
namespace {

using spid::web::HtmlEscape;

std::string AttributeValue(const std::string& name, const DemoUser& user) {
  if (name == "fiscalNumber") return absl::StrCat("TINIT-", user.fiscal_code);
  if (name == "name") return user.name;
  if (name == "familyName") return user.family_name;
  if (name == "email") return user.email;
  if (name == "mobilePhone") return user.mobile_phone;
  if (name == "dateOfBirth") return user.date_of_birth;
  // Only a company's legal representative has these: others release nothing.
  if (name == "ivaCode") {
    return user.vat_number.empty() ? "" : absl::StrCat("VATIT-", user.vat_number);
  }
  if (name == "companyName") return user.company_name;
  return "";
}

}  // namespace

http::Response DevIdp::Sso(const http::Request& request) {
  absl::StatusOr<spid::web::IncomingMessage> in = spid::web::ReadSamlMessage(request);
  if (!in.ok()) {
    return DevIdpError("Manca una richiesta SAML valida.", "No valid SAML request.");
  }
  if (in->query.has_value() &&
      (in->query->param != "SAMLRequest" || !spid::VerifyRedirectQuery(*in->query, sp_keys_).ok())) {
    return DevIdpError("La firma della richiesta non è valida.",
                       "The request signature is not valid.");
  }
  absl::StatusOr<spid::ReceivedAuthnRequest> authn =
      spid::ParseAuthnRequest(in->xml, in->query.has_value() ? nullptr : &sp_keys_);
  if (!authn.ok()) {
    return DevIdpError("La richiesta di autenticazione non è valida o non è firmata dal servizio.",
                       "The authentication request is invalid or not signed by the service.");
  }
  absl::Time now = now_();
  bool known_sp = authn->issuer == sp_.SpidEntityId() || authn->issuer == sp_.CieEntityId();
  bool acs_ok = authn->assertion_consumer_service_index.has_value()
                    ? *authn->assertion_consumer_service_index == 0
                    : authn->assertion_consumer_service_url == sp_.AcsUrl();
  if (!known_sp || !acs_ok || authn->destination != absl::StrCat(entity_id_, "/sso") ||
      absl::AbsDuration(authn->issue_instant - now) > absl::Minutes(5)) {
    return DevIdpError("La richiesta non proviene dal servizio atteso o è scaduta.",
                       "The request does not come from the expected service or has expired.");
  }
  std::string ticket = spid::RandomHex(16);
  {
    absl::MutexLock lock(&mu_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      it = it->second.expires < now ? pending_.erase(it) : std::next(it);
    }
    pending_[ticket] = PendingSso{*authn, in->relay_state, now + absl::Minutes(15)};
  }
  int level = authn->level == 0 ? 2 : authn->level;
  std::string html = absl::StrCat(
      "<p>Il servizio <strong>", HtmlEscape(authn->issuer),
      "</strong> chiede un accesso di livello SPID ", level,
      ". Scegli l'utente dimostrativo con cui entrare.</p>\n"
      "<form method=\"post\" action=\"/dev-idp/login\">\n"
      "<input type=\"hidden\" name=\"ticket\" value=\"",
      ticket, "\">\n<p><label for=\"level\">Livello SPID dell'asserzione / asserted level</label> "
      "<select id=\"level\" name=\"level\"><option value=\"\" selected>come richiesto / as "
      "requested</option><option value=\"1\">SpidL1</option><option value=\"2\">SpidL2</option>"
      "<option value=\"3\">SpidL3</option></select></p>\n"
      "<fieldset>\n<legend>Utenti dimostrativi</legend>\n<ul>\n");
  for (const DemoUser& user : DemoUsers()) {
    absl::StrAppend(&html, "<li><button type=\"submit\" name=\"user\" value=\"",
                    HtmlEscape(user.key), "\">", HtmlEscape(user.label), "</button></li>\n");
  }
  absl::StrAppend(&html,
                  "</ul>\n</fieldset>\n<p><button type=\"submit\" name=\"cancel\" value=\"1\">"
                  "Annulla l'accesso</button></p>\n</form>\n");
  return Page(200, "Accedi come utente dimostrativo", html);
}

http::Response DevIdp::Login(const http::Request& request) {
  std::map<std::string, std::string> form = spid::web::ParseForm(request.body);
  PendingSso pending;
  {
    absl::MutexLock lock(&mu_);
    auto it = pending_.find(form["ticket"]);
    if (it == pending_.end() || it->second.expires < now_()) {
      return DevIdpError("La richiesta di accesso è scaduta: ricomincia dal servizio.",
                         "The sign-in request has expired: start again from the service.");
    }
    pending = std::move(it->second);
    pending_.erase(it);
  }
  if (form.count("cancel") > 0) return RespondToSp(pending, nullptr);
  const DemoUser* user = FindDemoUser(form["user"]);
  if (user == nullptr) return DevIdpError("Utente sconosciuto.", "Unknown user.");
  // "level": answer at another SPID level than requested (a lower one too, to see the SP refuse
  // it); absent or empty: the requested level.
  int level = 0;
  if (const std::string& l = form["level"]; !l.empty()) {
    if (l != "1" && l != "2" && l != "3") {
      return DevIdpError("Livello SPID non valido.", "Invalid SPID level.");
    }
    level = l[0] - '0';
  }
  return RespondToSp(pending, user, level);
}

http::Response DevIdp::RespondToSp(const PendingSso& pending, const DemoUser* user, int level) {
  spid::ResponseParams params;
  params.idp_entity_id = entity_id_;
  params.destination = sp_.AcsUrl();
  params.in_response_to = pending.request.id;
  params.audience = pending.request.issuer;
  params.now = now_();
  params.level = spid::LevelUri(level != 0                   ? level
                                : pending.request.level == 0 ? 2
                                                             : pending.request.level);
  if (user == nullptr) {
    params.spid_error_code = 25;  // user cancelled
  } else {
    params.name_id = spid::NewSamlId();
    params.session_index = spid::NewSamlId();
    bool cie = pending.request.issuer == sp_.CieEntityId() &&
               sp_.CieEntityId() != sp_.SpidEntityId();
    const spid::AttributeSet& set =
        cie ? sp_.cie_attribute_set
            : AttributeSetFor(pending.request.attribute_consuming_service_index.value_or(0));
    for (const std::string& name : set.attributes) {
      std::string value = AttributeValue(name, *user);
      if (!value.empty()) params.attributes.emplace_back(name, std::move(value));
    }
    absl::MutexLock lock(&mu_);
    sessions_[spid::RandomHex(8)] = Session{user->key, params.name_id, params.session_index,
                                            pending.request.issuer, params.now};
  }
  absl::StatusOr<std::string> xml = spid::BuildResponse(params, credentials_);
  if (!xml.ok()) return DevIdpError("Errore interno dell'IdP.", "Internal IdP error.");
  return spid::web::AutoPostPage(
      sp_.AcsUrl(), {{"SAMLResponse", absl::Base64Escape(*xml)}, {"RelayState", pending.relay_state}});
}

}  // namespace sisl::gateway::devidp
