#include "gateway/pages.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "gateway/http/router.h"
#include "gateway/http/server.h"

namespace sisl::gateway {
namespace {

constexpr char kHome[] = R"(<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SISL - Sistema Informativo Lavoro Piemonte</title></head>
<body>
<header><p>Regione Piemonte</p><h1>SISL - Centri per l'impiego</h1></header>
<main>
<p>Prenota un appuntamento presso un Centro per l'impiego del Piemonte.</p>
<p><a href="/spid/login?idp=DEV_IDP">Entra (IdP di sviluppo)</a></p>
<p><a href="/api/openapi.json">API (OpenAPI 3)</a></p>
</main>
<footer><p>Regione Piemonte - SISL</p></footer>
</body></html>
)";

bool SafeRelativePath(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos) return false;
  for (const auto& segment : http::SplitPath(p)) {
    if (segment == ".." || segment == "." || segment.front() == '.') return false;
  }
  return true;
}

}  // namespace

const char* ContentTypeFor(const std::string& path) {
  struct Ext { const char* ext; const char* type; };
  static const Ext kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".txt", "text/plain; charset=utf-8"}};
  for (const auto& t : kTypes) {
    if (absl::EndsWith(path, t.ext)) return t.type;
  }
  return "application/octet-stream";
}

absl::Status RegisterPages(http::Router& router, const GatewayOptions& options,
                           const std::string& dev_idp_entity_id) {
  std::string home = kHome;
  const std::string placeholder =
      "<p><a href=\"/spid/login?idp=DEV_IDP\">Entra (IdP di sviluppo)</a></p>\n";
  const size_t at = home.find(placeholder);
  if (at != std::string::npos) {
    home.replace(at, placeholder.size(),
                 dev_idp_entity_id.empty()
                     ? ""
                     : "<p><a href=\"/spid/login?idp=" + http::PercentEncode(dev_idp_entity_id) +
                           "\">Entra (IdP di sviluppo)</a></p>\n");
  }
  if (auto st = router.Add("GET", "/", [home](http::Request&, http::Respond d) {
        http::Response r = http::Response::Html(200, home);
        r.headers.emplace_back("Cache-Control", "no-cache");
        d(std::move(r));
      });
      !st.ok()) {
    return st;
  }
  if (options.web_dir.empty()) return absl::OkStatus();
  const std::string root = options.web_dir;
  return router.Add("GET", "/static/{path=**}", [root](http::Request& req, http::Respond d) {
    const std::string& rel = req.path_params["path"];
    std::ifstream in;
    if (SafeRelativePath(rel)) in.open(root + "/" + rel, std::ios::binary);
    if (!in) return d(http::Response::Html(404, "<!doctype html><title>404</title>"));
    std::ostringstream body;
    body << in.rdbuf();
    http::Response r;
    r.content_type = ContentTypeFor(rel);
    r.body = body.str();
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    d(std::move(r));
  });
}

}  // namespace sisl::gateway
