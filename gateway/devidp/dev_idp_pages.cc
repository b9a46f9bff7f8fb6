#include "gateway/devidp/dev_idp_pages.h"

#include "absl/strings/str_cat.h"
#include "gateway/spid/web/saml_http.h"

namespace sisl::gateway::devidp {

http::Response Page(int status, std::string_view title, std::string_view main_html) {
  std::string t = spid::web::HtmlEscape(title);
  std::string body = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", t,
      " - IdP di sviluppo SISL</title>\n"
      "<link rel=\"stylesheet\" href=\"/dev-idp/style.css\">\n</head>\n<body>\n<header><p>"
      "<strong>IdP di sviluppo</strong> - solo per sviluppo e dimostrazioni, mai in "
      "produzione. <span lang=\"en\">(Development IdP: never in production.)</span></p>"
      "</header>\n<main>\n<h1>",
      t, "</h1>\n", std::string(main_html), "</main>\n</body>\n</html>\n");
  http::Response response = http::Response::Html(status, std::move(body));
  spid::web::NoStore(response);
  return response;
}

// A stylesheet, not an inline <style>: the gateway's Content-Security-Policy allows only 'self'.
const char kDevIdpCss[] =
    "body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;"
    "line-height:1.5}button{font-size:1rem;margin:.25rem 0;padding:.4rem .8rem}"
    "table{border-collapse:collapse}th,td{border:1px solid #666;padding:.25rem .5rem;"
    "text-align:left}\n";

http::Response DevIdpError(std::string_view message_it, std::string_view message_en) {
  return Page(400, "Richiesta non valida",
              absl::StrCat("<p role=\"alert\">", spid::web::HtmlEscape(message_it),
                           "</p>\n<p lang=\"en\">", spid::web::HtmlEscape(message_en),
                           "</p>\n<p><a href=\"/dev-idp\">Torna all'IdP di sviluppo</a></p>\n"));
}

}  // namespace sisl::gateway::devidp
