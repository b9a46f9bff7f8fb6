#include "gateway/front.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gateway/http/problem.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {
namespace {

void AddSecurityHeaders(http::Response& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  if (absl::StartsWith(r.content_type, "text/html")) {
    bool has_csp = false;
    for (const auto& [k, v] : r.headers) has_csp |= k == "Content-Security-Policy";
    if (!has_csp) {
      r.headers.emplace_back("Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                             "frame-ancestors 'none'; base-uri 'self'");
    }
  }
}

}  // namespace

Front::Front(bool access_log) : access_log_(access_log) {
  auto& registry = platform::MetricsRegistry::Global();
  for (int i = 1; i <= 5; ++i) {
    requests_by_class_[i] = &registry.GetCounter(
        "sisl_gateway_http_requests_total", "HTTP requests by status class",
        {{"class", absl::StrCat(i, "xx")}});
  }
  latency_ = &registry.GetHistogram("sisl_gateway_http_request_seconds", "HTTP request latency");
}

absl::Status Front::RegisterOperations() {
  auto text = [](int status, std::string body) {
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  };
  auto readyz = [this, text](http::Request&, http::Respond d) {
    std::string body;
    bool ready = true;
    for (const auto& [name, check] : checks_) {
      const absl::Status st = check();
      ready &= st.ok();
      absl::StrAppend(&body, name, ": ", st.ok() ? "ok" : std::string(st.message()), "\n");
    }
    d(text(ready ? 200 : 503, body.empty() ? "ok\n" : body));
  };
  RETURN_IF_ERROR(router_.Add("GET", "/healthz",
                              [text](http::Request&, http::Respond d) { d(text(200, "ok\n")); }));
  RETURN_IF_ERROR(router_.Add("GET", "/readyz", std::move(readyz)));
  return router_.Add("GET", "/metrics", [text](http::Request&, http::Respond d) {
    http::Response r = text(200, platform::MetricsRegistry::Global().Render());
    r.content_type = "text/plain; version=0.0.4";
    d(std::move(r));
  });
}

void Front::Handle(http::Request& request, http::Respond respond) {
  const absl::Time start = absl::Now();
  const http::Handler* handler = nullptr;
  std::string allowed;
  const auto match = router_.Find(request, &handler, &allowed);
  // The template, not the concrete path (which may carry identifiers), labels logs.
  const std::string route =
      match == http::Router::Match::kFound ? request.method + " " + request.route : "unmatched";
  const bool log = access_log_;
  auto finish = [this, respond = std::move(respond), start, route, log, method = request.method,
                 rid = request.request_id, ip = request.remote_ip](http::Response r) {
    AddSecurityHeaders(r);
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    const int status_class = std::clamp(r.status / 100, 1, 5);
    requests_by_class_[status_class]->Increment();
    latency_->Observe(seconds);
    if (log) {
      platform::log::Info("http", {{"method", method}, {"route", route},
                                   {"status", std::to_string(r.status)},
                                   {"ms", std::to_string(static_cast<int>(seconds * 1000))},
                                   {"bytes", std::to_string(r.body.size())},
                                   {"request_id", rid}, {"ip", ip}});
    }
    respond(std::move(r));
  };
  if (match == http::Router::Match::kFound) return (*handler)(request, std::move(finish));
  const bool api = absl::StartsWith(request.path, "/api/");
  if (match == http::Router::Match::kWrongMethod) {
    http::Problem p;
    p.status = 405;
    p.code = "UNIMPLEMENTED";
    p.reason = "METHOD_NOT_ALLOWED";
    p.detail = absl::StrCat(request.method, " is not allowed here; use ", allowed);
    http::Response r = http::RenderProblem(p, request.request_id);
    r.headers.emplace_back("Allow", allowed);
    return finish(std::move(r));
  }
  if (api) {
    http::Problem p;
    p.status = 404;
    p.code = "NOT_FOUND";
    p.reason = "ROUTE_NOT_FOUND";
    p.detail = "No API route here; see /api/openapi.json.";
    return finish(http::RenderProblem(p, request.request_id));
  }
  finish(http::Response::Html(404, "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">"
                                   "<title>Pagina non trovata</title></head><body><main><h1>Pagina "
                                   "non trovata / Page not found</h1><p><a href=\"/\">SISL</a></p>"
                                   "</main></body></html>"));
}

}  // namespace sisl::gateway
