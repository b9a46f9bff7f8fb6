#include "gateway/rest_api.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gateway/http/problem.h"
#include "gateway/session/session.h"
#include "gateway/transcoding/transcoder.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {
namespace {

using sisl::api::v1::ACCESS_PUBLIC;

http::Response Problem(const http::Request& r, absl::StatusCode code, const std::string& reason,
                       const std::string& detail) {
  return http::RenderProblem(http::ProblemFromStatus(platform::Error(code, reason, detail)),
                             r.request_id);
}

std::string CacheKey(const transcoding::RestRoute& route, const http::Request& request) {
  std::string key = route.grpc_path;
  // Length-prefixed, so no parameter text can make two requests share a key.
  for (const auto& [k, v] : request.path_params) {
    absl::StrAppend(&key, "|p", k.size(), ":", k, v.size(), ":", v);
  }
  for (const auto& [k, v] : request.query) {
    absl::StrAppend(&key, "|q", k.size(), ":", k, v.size(), ":", v);
  }
  return key;
}

http::Response Json(std::string body, const std::string& cache_control) {
  http::Response r;
  r.content_type = "application/json";
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", cache_control);
  return r;
}

}  // namespace

RestApi::RestApi(std::vector<transcoding::RestRoute> routes, transcoding::Upstreams& upstreams,
                 Identity& identity, const platform::Clock& clock, RestApiOptions options)
    : routes_(std::move(routes)), upstreams_(upstreams), identity_(identity), clock_(clock),
      options_(options) {}

absl::Status RestApi::Register(http::Router& router) {
  for (const auto& route : routes_) {
    const transcoding::RestRoute* r = &route;
    RETURN_IF_ERROR(router.Add(route.http_method, route.path_template,
                               [this, r](http::Request& req, http::Respond respond) {
                                 Handle(*r, req, std::move(respond));
                               }));
  }
  return absl::OkStatus();
}

void RestApi::Handle(const transcoding::RestRoute& route, http::Request& request,
                     http::Respond respond) {
  auto session = identity_.Resolve(request);
  if (!session.ok()) {
    return respond(Problem(request, absl::StatusCode::kUnavailable, "SESSION_STORE_UNAVAILABLE",
                           "Sessions are temporarily unavailable; try again shortly."));
  }
  const bool is_public = route.rule.access() == ACCESS_PUBLIC;
  if (!is_public) {
    if (!session->has_value()) {
      return respond(Problem(request, absl::StatusCode::kUnauthenticated, "SESSION_REQUIRED",
                             "Log in with SPID or CIE to use this service."));
    }
    if (!(*session)->selected_role) {
      return respond(Problem(request, absl::StatusCode::kPermissionDenied, "ROLE_NOT_SELECTED",
                             "Choose the role you are acting in first (POST /api/session/role)."));
    }
  }
  const bool state_changing = route.http_method != "GET";
  if (state_changing && session->has_value()) {
    if (!session::CheckCsrf(**session, request.Header("x-csrf-token").value_or(""))) {
      return respond(Problem(request, absl::StatusCode::kPermissionDenied, "CSRF_TOKEN_INVALID",
                             "The X-CSRF-Token header is missing or does not match the session."));
    }
  }
  // Rate limits were applied by Front before this handler ran.

  const bool cacheable = is_public && route.rule.cache_seconds() > 0 && !state_changing &&
                         options_.response_cache;
  const std::string public_cache =
      absl::StrCat("public, max-age=", std::max(0, route.rule.cache_seconds()));
  std::string cache_key;
  if (cacheable) {
    // Keyed by the request as sent (no message is built on a hit): different spellings of one
    // query are different keys, which costs a little hit rate and nothing else.
    cache_key = CacheKey(route, request);
    if (auto hit = cache_.Get(cache_key, clock_.Now())) {
      http::Response r = Json(*std::move(hit), public_cache);
      r.headers.emplace_back("X-Cache", "hit");
      return respond(std::move(r));
    }
  }
  transcoding::HttpCall call{&request.path_params, &request.query, &request.body,
                             request.Header("idempotency-key")};
  auto message = transcoding::BuildRequest(route, call);
  if (!message.ok()) {
    return respond(http::RenderProblem(http::ProblemFromStatus(message.status()),
                                       request.request_id));
  }
  std::vector<std::pair<std::string, std::string>> metadata = {
      {"x-correlation-id", request.request_id}};
  if (session->has_value() && (*session)->selected_role) {
    metadata.emplace_back(platform::auth::kTokenMetadataKey,
                          identity_.MintToken(**session, AudienceOf(route.grpc_path)));
  }
  const std::string request_id = request.request_id;
  const transcoding::RestRoute* r = &route;
  upstreams_.Call(route, **message, metadata, options_.upstream_timeout,
                  [this, r, request_id, cacheable, cache_key, public_cache,
                   respond = std::move(respond)](const grpc::Status& status, std::string bytes) {
    if (!status.ok()) {
      return respond(http::RenderProblem(http::ProblemFromGrpc(status), request_id));
    }
    auto out = transcoding::NewResponse(*r);
    if (!out->ParseFromString(bytes)) {
      return respond(http::RenderProblem(
          http::ProblemFromStatus(platform::Error(absl::StatusCode::kInternal,
                                                  "BAD_UPSTREAM_RESPONSE", "unparsable response")),
          request_id));
    }
    if (!r->rule.raw_response_field().empty()) {
      const auto* field = out->GetDescriptor()->FindFieldByName(r->rule.raw_response_field());
      http::Response raw;
      raw.content_type = r->rule.raw_content_type().empty() ? "application/octet-stream"
                                                             : r->rule.raw_content_type();
      if (field != nullptr) raw.body = out->GetReflection()->GetString(*out, field);
      raw.headers.emplace_back("Cache-Control", "no-store");
      return respond(std::move(raw));
    }
    auto rendered = transcoding::ResponseToJson(*out);
    if (!rendered.ok()) {
      return respond(
          http::RenderProblem(http::ProblemFromStatus(rendered.status()), request_id));
    }
    std::string body = *std::move(rendered);
    if (cacheable) {
      const absl::Time now = clock_.Now();
      cache_.Put(cache_key, body, now + absl::Seconds(r->rule.cache_seconds()), now);
    }
    respond(Json(std::move(body), cacheable ? public_cache : "no-store"));
  });
}

}  // namespace sisl::gateway
