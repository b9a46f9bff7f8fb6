#include "gateway/spid/web/error_pages.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/web/saml_http.h"

namespace sisl::gateway::spid::web {
namespace {

struct Text {
  int status;
  const char* it;
  const char* en;
};

Text TextFor(SpidError error) {
  switch (error) {
    case SpidError::kBadRequest:
      return {400, "La richiesta non è valida.", "The request is not valid."};
    case SpidError::kUnknownIdp:
      return {400, "Il gestore di identità scelto non è tra quelli riconosciuti.",
              "The chosen identity provider is not a recognised one."};
    case SpidError::kUnsafeReturnPath:
      return {400, "L'indirizzo di ritorno non è una pagina di questo sito.",
              "The return address is not a page of this site."};
    case SpidError::kInvalidResponse:
      return {400, "La risposta del gestore di identità non è valida.",
              "The identity provider's response is not valid."};
    case SpidError::kUnknownRequest:
      return {400, "La richiesta di accesso è scaduta o non è stata riconosciuta. Riprova ad "
                   "accedere.",
              "The sign-in request has expired or was not recognised. Please sign in again."};
    case SpidError::kReplay:
      return {403, "Questa risposta di accesso è già stata usata. Riprova ad accedere.",
              "This sign-in response has already been used. Please sign in again."};
    case SpidError::kOtherBrowser:
      return {403, "L'accesso deve essere completato nello stesso browser in cui è iniziato.",
              "The sign-in must be completed in the browser where it started."};
    case SpidError::kInvalidSignature:
      return {403, "La firma della risposta del gestore di identità non è valida.",
              "The signature of the identity provider's response is not valid."};
    case SpidError::kNotForUs:
      return {403, "La risposta del gestore di identità non è destinata a questo servizio.",
              "The identity provider's response is not addressed to this service."};
    case SpidError::kExpired:
      return {403, "La risposta del gestore di identità è scaduta. Riprova ad accedere.",
              "The identity provider's response has expired. Please sign in again."};
    case SpidError::kLevelTooLow:
      return {403, "Il livello di sicurezza dell'accesso è inferiore a quello richiesto dal "
                   "servizio.",
              "The sign-in security level is lower than the service requires."};
    case SpidError::kIdpFailure:
      return {403, "L'autenticazione non è andata a buon fine.", "Authentication failed."};
    case SpidError::kLogoutFailed:
      return {400, "Non è stato possibile completare l'uscita.",
              "The sign-out could not be completed."};
    case SpidError::kUnavailable:
      return {503, "Il servizio di accesso è temporaneamente non disponibile. Riprova tra poco.",
              "The sign-in service is temporarily unavailable. Please try again shortly."};
  }
  return {400, "Errore.", "Error."};
}

// AgID, SPID "tabella messaggi di anomalia": codes the SP must explain to the user.
Text SpidAnomaly(int code) {
  switch (code) {
    case 19:
      return {403, "Autenticazione non riuscita: hai inserito credenziali errate troppe volte. "
                   "Attendi e riprova, oppure rivolgiti al tuo gestore di identità digitale.",
              "Authentication failed: wrong credentials were entered too many times. Wait and "
              "try again, or contact your digital identity provider."};
    case 20:
      return {403, "Le tue credenziali non sono compatibili con il livello di sicurezza "
                   "richiesto dal servizio.",
              "Your credentials are not compatible with the security level the service "
              "requires."};
    case 21:
      return {403, "Il tempo a disposizione per l'autenticazione è scaduto. Riprova.",
              "The time allowed for authentication has run out. Please try again."};
    case 22:
      return {403, "Hai negato il consenso all'invio dei tuoi dati al servizio: senza consenso "
                   "non è possibile accedere.",
              "You refused consent to send your data to the service: without consent you "
              "cannot sign in."};
    case 23:
      return {403, "La tua identità digitale risulta sospesa o revocata, oppure le credenziali "
                   "sono bloccate. Rivolgiti al tuo gestore di identità digitale.",
              "Your digital identity is suspended or revoked, or your credentials are locked. "
              "Contact your digital identity provider."};
    case 25:
      return {403, "Hai annullato l'accesso.", "You cancelled the sign-in."};
    default:
      return TextFor(SpidError::kIdpFailure);
  }
}

}  // namespace

http::Response ErrorPage(SpidError error, int spid_code) {
  Text text = error == SpidError::kIdpFailure ? SpidAnomaly(spid_code) : TextFor(error);
  std::string code_line;
  if (error == SpidError::kIdpFailure && spid_code > 0) {
    code_line = absl::StrCat("<p>Codice di errore <span lang=\"en\">(error code)</span>: "
                             "ErrorCode nr",
                             spid_code, "</p>\n");
  }
  std::string body = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Accesso non riuscito - SISL</title>\n</head>\n<body>\n<main>\n"
      "<h1>Accesso non riuscito <span lang=\"en\">(Sign-in failed)</span></h1>\n"
      "<p role=\"alert\">", HtmlEscape(text.it), "</p>\n<p lang=\"en\">", HtmlEscape(text.en),
      "</p>\n", code_line,
      "<p><a href=\"/\">Torna alla pagina iniziale</a> "
      "<span lang=\"en\">(<a href=\"/\">back to the home page</a>)</span></p>\n"
      "</main>\n</body>\n</html>\n");
  http::Response response = http::Response::Html(text.status, std::move(body));
  NoStore(response);
  return response;
}

http::Response ErrorPageFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated: return ErrorPage(SpidError::kInvalidSignature);
    case absl::StatusCode::kPermissionDenied:
      return ErrorPage(absl::StrContains(status.message(), "level")
                           ? SpidError::kLevelTooLow
                           : SpidError::kNotForUs);
    case absl::StatusCode::kFailedPrecondition: return ErrorPage(SpidError::kExpired);
    case absl::StatusCode::kUnavailable: return ErrorPage(SpidError::kUnavailable);
    default: return ErrorPage(SpidError::kInvalidResponse);
  }
}

}  // namespace sisl::gateway::spid::web
