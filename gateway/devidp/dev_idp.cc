#include "gateway/devidp/dev_idp.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/devidp/dev_idp_pages.h"
#include "gateway/spid/certificates.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/web/saml_http.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::devidp {

using spid::web::HtmlEscape;

DevIdp::DevIdp(std::string base_url, spid::SpConfig sp, spid::Credentials credentials,
               spid::PublicKey sp_key, Clock now)
    : base_url_(std::move(base_url)),
      entity_id_(absl::StrCat(base_url_, "/dev-idp")),
      sp_(std::move(sp)),
      credentials_(std::move(credentials)),
      sp_keys_({std::move(sp_key)}),
      now_(std::move(now)) {}

absl::StatusOr<std::unique_ptr<DevIdp>> DevIdp::Create(bool dev_mode,
                                                       std::string public_base_url,
                                                       spid::SpConfig sp, Clock now) {
  if (!dev_mode) {
    return absl::FailedPreconditionError(
        "the development IdP exists only in embedded/development mode");
  }
  if (public_base_url.empty() || public_base_url.back() == '/') {
    return absl::InvalidArgumentError("dev IdP: public_base_url without trailing '/' required");
  }
  ASSIGN_OR_RETURN(const std::string sp_cert, spid::ReadSmallFile(sp.cert_file));
  ASSIGN_OR_RETURN(spid::PublicKey sp_key, spid::PublicKeyFromCertificatePem(sp_cert));

  spid::CertificateProfile profile;
  profile.common_name = "SISL IdP di sviluppo";
  profile.organization_name = "Regione Piemonte - sviluppo";
  profile.entity_id = absl::StrCat(public_base_url, "/dev-idp");
  profile.locality = "Torino";
  profile.key_bits = 2048;
  profile.validity_days = 365;
  profile.spid_public_sp_policies = false;
  ASSIGN_OR_RETURN(spid::Credentials credentials, spid::GenerateSelfSigned(profile));

  std::unique_ptr<DevIdp> idp(new DevIdp(std::move(public_base_url), std::move(sp),
                                         std::move(credentials), std::move(sp_key),
                                         now ? std::move(now) : Clock([] { return absl::Now(); })));
  spid::IdpMetadataParams params{idp->entity_id_, absl::StrCat(idp->entity_id_, "/sso"),
                                 absl::StrCat(idp->entity_id_, "/slo"),
                                 "SISL IdP di sviluppo"};
  ASSIGN_OR_RETURN(idp->metadata_, spid::BuildIdpMetadata(params, idp->credentials_));
  return idp;
}

void DevIdp::Register(const AddRoute& add) {
  auto bind = [this](http::Response (DevIdp::*handler)(const http::Request&)) {
    return [this, handler](http::Request& request, http::Respond respond) {
      respond((this->*handler)(request));
    };
  };
  add("GET", "/dev-idp", bind(&DevIdp::Home));
  add("GET", "/dev-idp/metadata", [this](http::Request&, http::Respond respond) {
    respond(http::Response{200, "application/samlmetadata+xml; charset=utf-8", metadata_, {}, {}});
  });
  add("GET", "/dev-idp/style.css", [](http::Request&, http::Respond respond) {
    respond(http::Response{200, "text/css; charset=utf-8", kDevIdpCss, {}, {}});
  });
  add("GET", "/dev-idp/sso", bind(&DevIdp::Sso));
  add("POST", "/dev-idp/sso", bind(&DevIdp::Sso));
  add("POST", "/dev-idp/login", bind(&DevIdp::Login));
  add("GET", "/dev-idp/slo", bind(&DevIdp::Slo));
  add("POST", "/dev-idp/slo", bind(&DevIdp::Slo));
  add("POST", "/dev-idp/logout", bind(&DevIdp::StartLogout));
}

http::Response DevIdp::Home(const http::Request&) {
  std::string login = absl::StrCat("/spid/login?idp=", spid::FormUrlEncode(entity_id_),
                                   "&amp;level=2&amp;return_to=%2F");
  std::string html = absl::StrCat(
      "<p>Questo gestore di identità permette di entrare in SISL come uno degli utenti "
      "dimostrativi qui sotto, senza credenziali reali. Il servizio gli invia una vera "
      "richiesta SAML firmata e ne controlla la risposta firmata come per un gestore SPID.</p>\n"
      "<p><a href=\"", login, "\">Accedi a SISL con l'IdP di sviluppo</a></p>\n"
      "<p><a href=\"", login, "&amp;purpose=company\">Accedi per registrare un'impresa</a> "
      "(chiede anche la partita IVA e la ragione sociale: le rilascia solo Elena Ricci, "
      "titolare di un'azienda)</p>\n"
      "<table>\n<caption>Utenti dimostrativi</caption>\n<thead><tr><th scope=\"col\">Utente"
      "</th><th scope=\"col\">Ruolo suggerito</th><th scope=\"col\">Codice fiscale</th></tr>"
      "</thead>\n<tbody>\n");
  for (const DemoUser& user : DemoUsers()) {
    absl::StrAppend(&html, "<tr><td>", HtmlEscape(user.label), "</td><td>",
                    HtmlEscape(user.suggested_role),
                    user.cpi_code.empty() ? "" : absl::StrCat(" (", user.cpi_code, ")"),
                    "</td><td>", user.fiscal_code, "</td></tr>\n");
  }
  absl::StrAppend(&html, "</tbody>\n</table>\n<h2>Sessioni attive</h2>\n");
  absl::MutexLock lock(&mu_);
  if (sessions_.empty()) {
    absl::StrAppend(&html, "<p>Nessuna sessione attiva.</p>\n");
  } else {
    absl::StrAppend(&html, "<ul>\n");
    for (const auto& [id, session] : sessions_) {
      const DemoUser* user = FindDemoUser(session.user_key);
      absl::StrAppend(
          &html, "<li>", HtmlEscape(user != nullptr ? user->label : session.user_key),
          ", dalle ", absl::FormatTime("%H:%M", session.since, absl::LocalTimeZone()),
          " <form method=\"post\" action=\"/dev-idp/logout\" style=\"display:inline\">"
          "<input type=\"hidden\" name=\"session\" value=\"", HtmlEscape(id),
          "\"><button type=\"submit\">Esci (logout avviato dall'IdP)</button></form></li>\n");
    }
    absl::StrAppend(&html, "</ul>\n");
  }
  return Page(200, "IdP di sviluppo SISL", html);
}

const spid::AttributeSet& DevIdp::AttributeSetFor(int index) const {
  for (const spid::AttributeSet& set : sp_.attribute_sets) {
    if (set.index == index) return set;
  }
  return sp_.attribute_sets.front();
}

}  // namespace sisl::gateway::devidp
