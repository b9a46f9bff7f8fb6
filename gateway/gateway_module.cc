#include "gateway/gateway_module.h"

#include "gateway/front.h"
#include "gateway/http/server.h"
#include "gateway/identity.h"
#include "gateway/pages.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gateway/rest_api.h"
#include "gateway/session/session_cookie.h"
#include "gateway/session_api.h"
#include "gateway/staff/api/staff_mapping.h"
#include "gateway/staff/api/staff_module.h"
#include "gateway/staff_seeds.h"
#include "gateway/transcoding/route_table.h"
#include "gateway/transcoding/upstream.h"
#include "services/platform/log.h"

namespace sisl::gateway {

struct GatewayModule::State {
  explicit State(GatewayDeps d)
      : deps(std::move(d)),
        sessions(deps.cache, deps.clock,
                 {deps.options.session_idle_timeout, deps.options.session_absolute_timeout}),
        identity(sessions, deps.tokens, deps.person_ids),
        policy(deps.options.rate_limits),
        front(deps.options.access_log) {}
  GatewayDeps deps;
  session::SessionStore sessions;
  Identity identity;
  ratelimit::RateLimitPolicy policy;
  Front front;
  std::unique_ptr<transcoding::Upstreams> upstreams;
  std::unique_ptr<RestApi> rest;
  std::unique_ptr<staff::StaffModule> staff;
  std::unique_ptr<SessionApi> session_api;
  std::unique_ptr<http::Server> server;
};

GatewayModule::GatewayModule(std::unique_ptr<State> state) : state_(std::move(state)) {}
GatewayModule::~GatewayModule() { Stop(); }

absl::StatusOr<std::unique_ptr<GatewayModule>> GatewayModule::Create(GatewayDeps deps) {
  auto state = std::make_unique<State>(std::move(deps));
  State& s = *state;
  auto staff = staff::StaffModule::Create(
      {s.deps.db, s.deps.clock, s.deps.tokens, staff::KnownCpiCodes(PiedmontCpiCodes())});
  if (!staff.ok()) return staff.status();
  s.staff = *std::move(staff);
  const bool secure = session::SecureCookiesFor(s.deps.options.public_url);
  staff::StaffModule* directory = s.staff.get();
  StaffRolesLookup lookup =
      [directory](const std::string& cf) -> absl::StatusOr<std::vector<session::AvailableRole>> {
    auto roles = directory->LookupRoles(cf);
    if (!roles.ok()) return roles.status();
    return staff::ToSessionRoles(*roles);
  };
  s.session_api = std::make_unique<SessionApi>(s.identity, std::move(lookup), secure);
  return std::unique_ptr<GatewayModule>(new GatewayModule(std::move(state)));
}

absl::Status GatewayModule::Initialize() {
  State& s = *state_;
  if (auto st = s.staff->Initialize(); !st.ok()) return st;
  auto seeds = ParseStaffBootstrap(s.deps.options.staff_bootstrap);
  if (!seeds.ok()) return seeds.status();
  return s.staff->Bootstrap(*seeds);
}

absl::Status GatewayModule::Register(platform::ServerHost& host) {
  return state_->staff->Register(host);
}

absl::Status GatewayModule::StartHttp(const std::string& fallback_upstream) {
  State& s = *state_;
  const GatewayOptions& o = s.deps.options;
  auto routes = transcoding::CollectRoutes({"sisl."});
  if (!routes.ok()) return routes.status();
  auto upstreams = transcoding::Upstreams::Create(
      o.upstream_default.empty() ? fallback_upstream : o.upstream_default, o.upstreams);
  if (!upstreams.ok()) return upstreams.status();
  s.upstreams = *std::move(upstreams);
  RateGate gate = [&s](sisl::api::v1::RateClass rate_class, const std::string& ip,
                       const std::string& session_id) -> absl::StatusOr<Admission> {
    ratelimit::RequestClass c = ratelimit::RequestClass::kRead;
    if (rate_class == sisl::api::v1::RATE_CLASS_WRITE) c = ratelimit::RequestClass::kWrite;
    if (rate_class == sisl::api::v1::RATE_CLASS_BOOKING_WRITE) {
      c = ratelimit::RequestClass::kBookingWrite;
    }
    std::optional<absl::string_view> sid;
    if (!session_id.empty()) sid = session_id;
    auto decision = s.deps.limiter.TakeAll(s.policy.BucketsFor(c, ip, sid));
    if (!decision.ok()) return decision.status();
    return Admission{decision->allowed, decision->retry_after};
  };
  s.rest = std::make_unique<RestApi>(*std::move(routes), *s.upstreams, s.identity, gate,
                                     s.deps.clock,
                                     RestApiOptions{o.upstream_timeout, o.response_cache});
  if (auto st = s.front.RegisterOperations(); !st.ok()) return st;
  if (auto st = s.rest->Register(s.front.router()); !st.ok()) return st;
  if (auto st = s.session_api->Register(s.front.router()); !st.ok()) return st;
  if (auto st = RegisterPages(s.front.router(), o); !st.ok()) return st;
  s.front.AddReadinessCheck("sessions", [&s] { return s.deps.cache.Ping(); });

  http::ServerOptions server_options;
  server_options.address = o.http_address;
  server_options.threads = o.http_threads;
  s.server = std::make_unique<http::Server>(
      server_options, [&s](http::Request& r, http::Respond d) { s.front.Handle(r, std::move(d)); });
  if (auto st = s.server->Start(); !st.ok()) return st;
  platform::log::Info("gateway listening", {{"address", o.http_address},
                                            {"routes", std::to_string(s.rest->routes().size())}});
  return absl::OkStatus();
}

void GatewayModule::Stop() {
  if (state_ && state_->server) {
    state_->server->Stop();
    state_->server.reset();
  }
}

int GatewayModule::http_port() const {
  return state_->server ? state_->server->port() : 0;
}

}  // namespace sisl::gateway
