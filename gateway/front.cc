#include "gateway/front.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gateway/http/problem.h"
#include "gateway/ratelimit/route_class.h"
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

constexpr int kClassCount = static_cast<int>(ratelimit::RequestClass::kPage) + 1;

const char* ClassName(ratelimit::RequestClass c) {
  switch (c) {
    case ratelimit::RequestClass::kRead: return "read";
    case ratelimit::RequestClass::kWrite: return "write";
    case ratelimit::RequestClass::kBookingWrite: return "booking_write";
    case ratelimit::RequestClass::kLogin: return "login";
    case ratelimit::RequestClass::kSaml: return "saml";
    case ratelimit::RequestClass::kPage: return "page";
  }
  return "page";
}

// The 429 a browser navigating to a page or through a login sees.
http::Response TooManyRequestsPage(int64_t seconds) {
  return http::Response::Html(
      429, absl::StrCat("<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\">"
                        "<title>Troppe richieste</title></head><body><main><h1>Troppe richieste"
                        "</h1><p>Riprova tra ", seconds, " secondi.</p><p lang=\"en\">Too many "
                        "requests: try again in ", seconds, " seconds.</p><p><a href=\"/\">SISL"
                        "</a></p></main></body></html>"));
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
  for (int i = 0; i < kClassCount; ++i) {
    rate_limited_by_class_[i] = &registry.GetCounter(
        "sisl_gateway_rate_limited_total", "requests refused by the rate limiter (429)",
        {{"class", ClassName(static_cast<ratelimit::RequestClass>(i))}});
  }
}

void Front::SetRouteClass(const std::string& method, const std::string& path_template,
                          ratelimit::RequestClass request_class) {
  route_classes_[absl::StrCat(method, " ", path_template)] = request_class;
}

std::optional<http::Response> Front::Refusal(const http::Request& request, bool matched) {
  if (!gate_) return std::nullopt;
  // Unmatched requests (404, 405) are limited by their path like any route.
  ratelimit::RouteLimit limit =
      ratelimit::ClassifyRoute(request.method, matched ? request.route : request.path);
  if (matched) {
    auto it = route_classes_.find(absl::StrCat(request.method, " ", request.route));
    if (it != route_classes_.end()) limit.request_class = it->second;
  }
  const absl::StatusOr<Admission> admission = gate_(limit.request_class, request);
  if (!admission.ok()) {
    // The limiter's store is down: reads, pages and logins pass (a Redis outage must not take
    // the public site down), writes are refused so that nobody writes without limits.
    const bool write = limit.request_class == ratelimit::RequestClass::kWrite ||
                       limit.request_class == ratelimit::RequestClass::kBookingWrite;
    if (!write) return std::nullopt;
    return http::RenderProblem(
        http::ProblemFromStatus(platform::Error(
            absl::StatusCode::kUnavailable, "RATE_LIMITER_UNAVAILABLE",
            "The service is temporarily unavailable; try again shortly.")),
        request.request_id);
  }
  if (admission->allowed) return std::nullopt;
  rate_limited_by_class_[static_cast<int>(limit.request_class)]->Increment();
  const int64_t seconds = std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(absl::ToDoubleSeconds(admission->retry_after))));
  http::Response r;
  if (limit.html) {
    r = TooManyRequestsPage(seconds);
  } else {
    r = http::RenderProblem(
        http::ProblemFromStatus(platform::Error(
            absl::StatusCode::kResourceExhausted, "RATE_LIMITED",
            absl::StrCat("Too many requests; retry in ", seconds, " s."))),
        request.request_id);
  }
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

absl::Status Front::RegisterOperations() {
  // Liveness only: no data, no checks. Readiness and metrics are on the ops port.
  return router_.Add("GET", "/healthz", [](http::Request&, http::Respond d) {
    http::Response r;
    r.body = "ok\n";
    r.headers.emplace_back("Cache-Control", "no-store");
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
  if (auto refused = Refusal(request, match == http::Router::Match::kFound)) {
    return finish(*std::move(refused));
  }
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
