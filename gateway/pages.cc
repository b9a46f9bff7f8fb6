#include "gateway/pages.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "gateway/http/router.h"
#include "gateway/http/server.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {
namespace {

// Shown when no web directory is configured (the pages of gateway/web are not built).
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

bool ReadFile(const std::string& path, std::string* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream body;
  body << in.rdbuf();
  *out = body.str();
  return true;
}

bool AcceptsGzip(const http::Request& req) {
  auto ae = req.Header("accept-encoding");
  return ae && absl::StrContains(*ae, "gzip");
}

// Serves root/rel, or its precompressed root/rel.gz when the client takes gzip.
bool ServeFile(const std::string& root, const std::string& rel, const http::Request& req,
               const std::string& cache_control, http::Response* r) {
  if (!SafeRelativePath(rel)) return false;
  const std::string path = root + "/" + rel;
  r->content_type = ContentTypeFor(rel);
  r->headers.emplace_back("Cache-Control", cache_control);
  r->headers.emplace_back("Vary", "Accept-Encoding");
  if (AcceptsGzip(req) && ReadFile(path + ".gz", &r->body)) {
    r->headers.emplace_back("Content-Encoding", "gzip");
    return true;
  }
  return ReadFile(path, &r->body);
}

http::Response NotFoundPage() {
  return http::Response::Html(
      404, "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Pagina non "
           "trovata</title></head><body><main><h1>Pagina non trovata / Page not found</h1><p><a "
           "href=\"/\">SISL</a></p></main></body></html>");
}

}  // namespace

const char* ContentTypeFor(const std::string& path) {
  struct Ext { const char* ext; const char* type; };
  static const Ext kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  for (const auto& t : kTypes) {
    if (absl::EndsWith(path, t.ext)) return t.type;
  }
  return "application/octet-stream";
}

absl::Status RegisterPages(http::Router& router, const GatewayOptions& options,
                           const std::string& dev_idp_entity_id) {
  const std::string root = options.web_dir;
  std::error_code ec;
  const bool have_web = !root.empty() && std::filesystem::is_directory(root, ec);
  if (!have_web) {
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
    return router.Add("GET", "/", [home](http::Request&, http::Respond d) {
      http::Response r = http::Response::Html(200, home);
      r.headers.emplace_back("Cache-Control", "no-cache");
      d(std::move(r));
    });
  }
  // Pages: "/" is index.html, "/name" is name.html (no extension in the URL).
  auto page = [root](http::Request& req, http::Respond d) {
    const std::string name = req.path == "/" ? "index" : req.path_params["page"];
    http::Response r;
    if (name.find('.') != std::string::npos ||
        !ServeFile(root, name + ".html", req, "no-cache", &r)) {
      return d(NotFoundPage());
    }
    d(std::move(r));
  };
  RETURN_IF_ERROR(router.Add("GET", "/", page));
  RETURN_IF_ERROR(router.Add("GET", "/{page}", page));
  // Assets: scripts/build-web.sh names every file after its content, so they never change.
  return router.Add("GET", "/static/{path=**}", [root](http::Request& req, http::Respond d) {
    http::Response r;
    if (!ServeFile(root + "/static", req.path_params["path"], req,
                   "public, max-age=31536000, immutable", &r)) {
      return d(NotFoundPage());
    }
    d(std::move(r));
  });
}

}  // namespace sisl::gateway
