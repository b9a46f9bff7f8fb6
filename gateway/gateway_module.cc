#include "gateway/gateway_module.h"

#include <atomic>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "gateway/devidp/dev_idp.h"
#include "gateway/front.h"
#include "gateway/http/server.h"
#include "gateway/identity.h"
#include "gateway/pages.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gateway/rest_api.h"
#include "gateway/session/company_roles.h"
#include "gateway/session/rotated_cookie.h"
#include "gateway/session/session_cookie.h"
#include "gateway/session_api.h"
#include "gateway/spid/certificates.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/web/spid_endpoints.h"
#include "gateway/staff/api/staff_mapping.h"
#include "gateway/staff/api/staff_module.h"
#include "gateway/staff_seeds.h"
#include "gateway/transcoding/openapi.h"
#include "gateway/transcoding/route_table.h"
#include "gateway/transcoding/upstream.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {

struct GatewayModule::State {
  explicit State(GatewayDeps d)
      : deps(std::move(d)),
        sessions(deps.cache, deps.clock,
                 {deps.options.session_idle_timeout, deps.options.session_absolute_timeout,
                  absl::Minutes(1), deps.options.session_role_recheck}),
        identity(sessions, deps.signer, deps.person_ids),
        company_roles(deps.signer, deps.person_ids, deps.options.company_roles_timeout),
        policy(deps.options.rate_limits),
        front(deps.options.access_log) {}
  GatewayDeps deps;
  session::SessionStore sessions;
  Identity identity;
  // A person's company roles from enterprise, through `upstreams` once the HTTP front starts.
  session::CompanyRolesClient company_roles;
  ratelimit::RateLimitPolicy policy;
  Front front;
  std::unique_ptr<transcoding::Upstreams> upstreams;
  std::unique_ptr<RestApi> rest;
  std::unique_ptr<staff::StaffModule> staff;
  std::unique_ptr<SessionApi> session_api;
  std::unique_ptr<devidp::DevIdp> dev_idp;
  std::unique_ptr<spid::SpidEndpoints> spid;
  std::unique_ptr<http::Server> server;
  // The HTTP front is serving (read by the ops port's readiness check, on its own thread).
  std::atomic<bool> serving{false};
};

namespace {

// The development IdP's demo staff, so that logging in as them offers their staff role.
std::vector<staff::StaffSeed> DemoStaff() {
  std::vector<staff::StaffSeed> seeds;
  for (const auto& user : devidp::DevIdp::demo_users()) {
    auto role = staff::ParseStaffRole(user.suggested_role);
    if (!role) continue;
    staff::StaffSeed seed;
    seed.fiscal_code = user.fiscal_code;
    seed.display_name = user.name + " " + user.family_name;
    seed.email = user.email;
    seed.roles.push_back({*role, *role == staff::StaffRole::kOperator ? user.cpi_code : ""});
    seeds.push_back(std::move(seed));
  }
  return seeds;
}

// The gateway's own endpoints, documented next to the transcoded routes.
std::vector<transcoding::GatewayEndpoint> OwnEndpoints() {
  using sisl::api::v1::ACCESS_PUBLIC;
  using sisl::api::v1::ACCESS_SESSION;
  return {
      {"GET", "/api/session", "Who is logged in, their roles and the CSRF token", "Session",
       ACCESS_PUBLIC, 200, "application/json", {}},
      {"POST", "/api/session/role", "Select the role to act in", "Session", ACCESS_SESSION, 200,
       "application/json", {}, {},
       R"({"type": "object", "required": ["role"], "properties": {
           "role": {"type": "string", "enum": ["citizen", "company", "consultant", "operator",
                                               "contact_centre", "admin", "notifier"]},
           "cpiCode": {"description": "Operators: the CPI (a string; other values are ignored)."},
           "actingFor": {"description": "Company roles: the company's fiscal code (a string)."}
         }})"},
      {"POST", "/api/session/logout", "End the session", "Session", ACCESS_SESSION, 204, "", {}},
      {"GET", "/spid/metadata", "Signed SPID SP metadata", "SPID", ACCESS_PUBLIC, 200,
       "application/samlmetadata+xml", {}},
      {"GET", "/cie/metadata", "Signed CIE SP metadata", "SPID", ACCESS_PUBLIC, 200,
       "application/samlmetadata+xml", {}},
      {"GET", "/spid/idps", "The identity providers to offer on the login buttons", "SPID",
       ACCESS_PUBLIC, 200, "application/json", {}},
      // The SAML endpoints answer browsers: their errors are HTML pages (spid/web/error_pages).
      {"GET", "/spid/login", "Start a SPID/CIE login (?idp=ENTITY_ID)", "SPID", ACCESS_PUBLIC, 200,
       "text/html", {},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {429, "text/html"},
        {503, "text/html"}}},
      {"POST", "/spid/acs", "Assertion consumer service", "SPID", ACCESS_PUBLIC, 303, "",
       {"SAMLResponse", "RelayState"},
       {{303, ""}, {400, "text/html"}, {403, "text/html"}, {429, "text/html"},
        {503, "text/html"}, {503, "application/problem+json"}}},
      {"GET", "/spid/logout", "Log out (SAML single logout)", "SPID", ACCESS_PUBLIC, 200,
       "text/html", {},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {429, "text/html"}}},
      {"POST", "/spid/logout", "Log out (SAML single logout)", "SPID", ACCESS_PUBLIC, 200,
       "text/html", {},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {429, "text/html"}}},
      {"GET", "/spid/slo", "Single logout service (HTTP-Redirect binding)", "SPID", ACCESS_PUBLIC,
       303, "", {},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {403, "text/html"},
        {429, "text/html"}, {503, "text/html"}}},
      {"POST", "/spid/slo", "Single logout service", "SPID", ACCESS_PUBLIC, 303, "",
       {"SAMLRequest", "SAMLResponse", "RelayState"},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {403, "text/html"},
        {429, "text/html"}, {503, "text/html"}}},
      {"GET", "/healthz", "Liveness", "Operations", ACCESS_PUBLIC, 200, "text/plain", {}},
  };
}

absl::StatusOr<spid::SpConfig> SpConfigFor(const GatewayOptions& o, const std::string& data_dir) {
  spid::SpConfig sp;
  sp.public_base_url = o.public_url;
  sp.entity_id = o.spid_entity_id;
  sp.key_file = o.spid_key_file;
  sp.cert_file = o.spid_cert_file;
  if (sp.key_file.empty() && !data_dir.empty()) sp.key_file = data_dir + "/spid-sp.key";
  if (sp.cert_file.empty() && !data_dir.empty()) sp.cert_file = data_dir + "/spid-sp.crt";
  if (sp.key_file.empty() || sp.cert_file.empty()) {
    return absl::InvalidArgumentError(
        "config keys 'spid.key_file' and 'spid.cert_file' are required");
  }
  sp.ipa_code = o.spid_ipa_code;
  sp.organization_name = o.spid_organization;
  sp.organization_display_name = o.spid_organization;
  sp.organization_url = o.spid_organization_url;
  sp.contact_email = o.spid_contact_email;
  sp.contact_phone = o.spid_contact_phone;
  sp.municipality = o.spid_municipality;
  sp.minimum_level = o.spid_minimum_level;
  RETURN_IF_ERROR(spid::ValidateSpConfig(sp));
  // A development installation makes its own SPID-profile key and certificate; production ones
  // come from configuration (and are never overwritten).
  if (o.dev_mode) {
    RETURN_IF_ERROR(
        spid::EnsureSelfSignedFiles(spid::SpCertificateFor(sp), sp.key_file, sp.cert_file));
  }
  return sp;
}

}  // namespace

GatewayModule::GatewayModule(std::unique_ptr<State> state) : state_(std::move(state)) {}
GatewayModule::~GatewayModule() { Stopping(); }

absl::StatusOr<std::unique_ptr<GatewayModule>> GatewayModule::Create(GatewayDeps deps) {
  if (deps.limiter == nullptr) {
    return absl::InvalidArgumentError("the gateway needs a rate limiter");
  }
  auto state = std::make_unique<State>(std::move(deps));
  State& s = *state;
  ASSIGN_OR_RETURN(s.staff, staff::StaffModule::Create({s.deps.db, s.deps.clock, s.deps.tokens,
                                                        staff::KnownCpiCodes(PiedmontCpiCodes())}));
  const bool secure = session::SecureCookiesFor(s.deps.options.public_url);
  staff::StaffModule* directory = s.staff.get();
  StaffRolesLookup lookup =
      [directory](const std::string& cf) -> absl::StatusOr<std::vector<session::AvailableRole>> {
    ASSIGN_OR_RETURN(staff::StaffRolesLookup roles, directory->LookupRoles(cf));
    return staff::ToSessionRoles(roles);
  };
  ASSIGN_OR_RETURN(session::RoleLevels role_levels,
                   session::RoleLevels::Parse(s.deps.options.spid_minimum_level,
                                              s.deps.options.role_minimum_levels));
  s.sessions.SetRoleSource(lookup);  // live sessions' staff roles are re-checked
  s.sessions.SetRoleLevels(role_levels);
  session::CompanyRolesClient* company = &s.company_roles;
  session::CompanyRoleSource company_lookup = [company](const std::string& cf,
                                                        const std::string& level) {
    return company->Fetch(cf, level);
  };
  s.sessions.SetCompanyRoleSource(company_lookup);  // and their company roles (ADR 0016)
  s.session_api = std::make_unique<SessionApi>(s.identity, std::move(lookup), secure, role_levels,
                                               std::move(company_lookup));
  return std::unique_ptr<GatewayModule>(new GatewayModule(std::move(state)));
}

absl::Status GatewayModule::Initialize() {
  State& s = *state_;
  RETURN_IF_ERROR(s.staff->Initialize());
  ASSIGN_OR_RETURN(std::vector<staff::StaffSeed> seeds,
                   ParseStaffBootstrap(s.deps.options.staff_bootstrap));
  if (s.deps.options.dev_mode) {
    for (auto& seed : DemoStaff()) seeds.push_back(std::move(seed));
  } else {
    // Development mode is off: demo staff seeded while it was on must not keep their roles.
    std::vector<std::string> demo;
    for (const auto& seed : DemoStaff()) demo.push_back(seed.fiscal_code);
    RETURN_IF_ERROR(s.staff->directory().RemoveBootstrapped(demo, "development mode is off"));
  }
  return s.staff->Bootstrap(seeds);
}

absl::Status GatewayModule::Register(platform::ServerHost& host) {
  // Readiness is served on the process's ops port, never on the public one.
  State* s = state_.get();
  host.AddReadinessCheck("gateway-sessions", [s] { return s->deps.cache.Ping(); });
  host.AddReadinessCheck("gateway-upstreams", [s]() -> absl::Status {
    if (!s->serving.load()) {
      return absl::UnavailableError("the gateway's HTTP front is not started");
    }
    return s->upstreams->Ready();
  });
  return s->staff->Register(host);
}

absl::Status GatewayModule::Started(const platform::ServerHost& host) {
  return StartHttp(absl::StrCat("127.0.0.1:", host.grpc_port()));
}

absl::Status GatewayModule::StartHttp(const std::string& fallback_upstream) {
  State& s = *state_;
  const GatewayOptions& o = s.deps.options;
  ASSIGN_OR_RETURN(auto routes, transcoding::CollectRoutes({"sisl."}));
  ASSIGN_OR_RETURN(
      s.upstreams,
      transcoding::Upstreams::Create(
          o.upstream_default.empty() ? fallback_upstream : o.upstream_default, o.upstreams,
          s.deps.channel_credentials));
  s.company_roles.SetUpstreams(s.upstreams.get());
  // Every request passes this one gate (Front), before any handler: the client address is the
  // server's (X-Forwarded-For only from gateway.trusted_proxies), the session the cookie's, not
  // yet looked up (a flood costs no session read).
  s.front.SetRateGate([&s](ratelimit::RequestClass c,
                           const http::Request& request) -> absl::StatusOr<Admission> {
    std::optional<absl::string_view> sid;
    auto cookie = request.cookies.find(session::kSessionCookieName);
    if (cookie != request.cookies.end() && !cookie->second.empty()) sid = cookie->second;
    ASSIGN_OR_RETURN(ratelimit::Decision decision,
                     s.deps.limiter->TakeAll(s.policy.BucketsFor(c, request.remote_ip, sid)));
    return Admission{decision.allowed, decision.retry_after};
  });
  for (const auto& route : routes) {
    ratelimit::RequestClass c = ratelimit::RequestClass::kRead;
    if (route.rule.rate_class() == sisl::api::v1::RATE_CLASS_WRITE) {
      c = ratelimit::RequestClass::kWrite;
    } else if (route.rule.rate_class() == sisl::api::v1::RATE_CLASS_BOOKING_WRITE) {
      c = ratelimit::RequestClass::kBookingWrite;
    }
    s.front.SetRouteClass(route.http_method, route.path_template, c);
  }
  s.rest = std::make_unique<RestApi>(std::move(routes), *s.upstreams, s.identity, s.deps.clock,
                                     RestApiOptions{o.upstream_timeout, o.response_cache});
  RETURN_IF_ERROR(s.front.RegisterOperations());
  RETURN_IF_ERROR(RegisterOpenApi());
  RETURN_IF_ERROR(s.rest->Register(s.front.router()));
  RETURN_IF_ERROR(s.session_api->Register(s.front.router()));
  RETURN_IF_ERROR(StartSpid());
  RETURN_IF_ERROR(RegisterPages(s.front.router(), o, s.dev_idp ? s.dev_idp->entity_id() : ""));

  http::ServerOptions server_options;
  server_options.address = o.http_address;
  server_options.threads = o.http_threads;
  ASSIGN_OR_RETURN(server_options.trusted_proxies, http::ParseCidrList(o.trusted_proxies));
  // Over https (anything but plain http on localhost): the __Host- session cookie and HSTS.
  const bool secure = session::SecureCookiesFor(o.public_url);
  s.server = std::make_unique<http::Server>(
      server_options, [&s, secure](http::Request& r, http::Respond d) {
        CanonicalSessionCookie(r, secure);
        // A roles re-check that rotated the session id answers with the new cookie.
        session::HandleWithSessionRotation(
            r, secure ? WithStrictTransportSecurity(std::move(d)) : std::move(d), secure,
            [&s](http::Request& request, http::Respond respond) {
              s.front.Handle(request, std::move(respond));
            });
      });
  RETURN_IF_ERROR(s.server->Start());
  s.serving.store(true);
  platform::log::Info("gateway listening", {{"address", o.http_address},
                                            {"routes", std::to_string(s.rest->routes().size())}});
  return absl::OkStatus();
}

absl::Status GatewayModule::RegisterOpenApi() {
  State& s = *state_;
  transcoding::OpenApiInfo info;
  info.title = "SISL - Sistema Informativo Lavoro Piemonte";
  info.description = "REST/JSON over the SISL services. Errors are application/problem+json.";
  info.server_urls = {s.deps.options.public_url};
  info.gateway_endpoints = OwnEndpoints();
  const std::string openapi = transcoding::BuildOpenApi(s.rest->routes(), info);
  return s.front.router().Add("GET", "/api/openapi.json",
                              [openapi](http::Request&, http::Respond d) {
                                http::Response r;
                                r.content_type = "application/json";
                                r.body = openapi;
                                r.headers.emplace_back("Cache-Control", "no-cache");
                                d(std::move(r));
                              });
}

absl::Status GatewayModule::StartSpid() {
  State& s = *state_;
  const GatewayOptions& o = s.deps.options;
  ASSIGN_OR_RETURN(const spid::SpConfig sp, SpConfigFor(o, s.deps.data_dir));
  spid::IdpRegistry idps;
  for (const auto& file : o.spid_idp_metadata_files) {
    RETURN_IF_ERROR(idps.AddFromMetadataFile(file, /*cie=*/false));
  }
  for (const auto& file : o.cie_idp_metadata_files) {
    RETURN_IF_ERROR(idps.AddFromMetadataFile(file, /*cie=*/true));
  }
  const platform::Clock& clock = s.deps.clock;
  auto now = [&clock] { return clock.Now(); };
  if (o.dev_mode) {
    if (!IsLoopbackUrl(o.public_url)) {
      return absl::FailedPreconditionError(
          "the development IdP needs gateway.public_url on localhost or 127.0.0.1");
    }
    ASSIGN_OR_RETURN(s.dev_idp, devidp::DevIdp::Create(true, o.public_url, sp, now));
    RETURN_IF_ERROR(idps.AddFromMetadataXml(s.dev_idp->MetadataXml(), false, /*development=*/true));
  }
  ASSIGN_OR_RETURN(
      s.spid, spid::SpidEndpoints::Create(sp, std::move(idps), s.deps.cache, *s.session_api, now));
  absl::Status added = absl::OkStatus();
  auto add = [&s, &added](const std::string& method, const std::string& path, http::Handler h) {
    if (auto st = s.front.router().Add(method, path, std::move(h)); !st.ok()) added = st;
  };
  s.spid->Register(add);
  if (s.dev_idp) s.dev_idp->Register(add);
  // The identity providers the login buttons list, from the same registry the ACS trusts. The
  // development IdP (dev mode only) serves both buttons.
  nlohmann::json idp_list = {{"spid", nlohmann::json::array()}, {"cie", nlohmann::json::array()}};
  for (const spid::IdpMetadata* idp : s.spid->idps().All()) {
    nlohmann::json entry = {{"entityId", idp->entity_id},
                            {"name", idp->display_name.empty() ? idp->entity_id : idp->display_name},
                            {"development", idp->development}};
    if (idp->development) entry["nameKey"] = "login.devIdp";
    if (!idp->cie || idp->development) idp_list["spid"].push_back(entry);
    if (idp->cie || idp->development) idp_list["cie"].push_back(entry);
  }
  const std::string idps_body = idp_list.dump();
  add("GET", "/spid/idps", [idps_body](http::Request&, http::Respond d) {
    http::Response r;
    r.content_type = "application/json";
    r.body = idps_body;
    r.headers.emplace_back("Cache-Control", "no-cache");
    d(std::move(r));
  });
  return added;
}

void GatewayModule::Stopping() {
  if (state_ && state_->server) {
    state_->serving.store(false);
    state_->server->Stop();
    state_->server.reset();
  }
}

int GatewayModule::http_port() const {
  return state_->server ? state_->server->port() : 0;
}

}  // namespace sisl::gateway
