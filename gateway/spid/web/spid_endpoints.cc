#include "gateway/spid/web/spid_endpoints.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/authn_request.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/response_validator.h"
#include "gateway/spid/saml_time.h"
#include "gateway/spid/web/error_pages.h"
#include "gateway/spid/web/saml_http.h"
#include "gateway/spid/xml.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"
#include "services/reference/vat_number.h"

namespace sisl::gateway::spid {
namespace {

using web::ErrorPage;
using web::SpidError;

bool IsLocalPath(const std::string& path) {
  if (path.empty() || path[0] != '/' || path.size() > 1024) return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return false;
  }
  return true;
}

bool IsHex64(const std::string& value) {
  if (value.size() != 64) return false;
  for (char c : value) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "TINIT-RSSMRA85C12L219B" -> "RSSMRA85C12L219B"; empty when not a fiscal code.
std::string FiscalCode(const std::string& attribute) {
  std::string value = absl::AsciiStrToUpper(attribute);
  if (absl::StartsWith(value, "TINIT-")) value = value.substr(6);
  if (value.size() != 16 && value.size() != 11) return "";
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return "";
  }
  return value;
}

VerifiedIdentity ToIdentity(const Assertion& a, const IdpMetadata& idp) {
  VerifiedIdentity v;
  v.provider = idp.development ? "dev" : idp.cie ? "cie" : "spid";
  v.idp_entity_id = idp.entity_id;
  v.level = a.level_uri;
  v.fiscal_code = FiscalCode(a.Attribute("fiscalNumber").value_or(""));
  v.name = a.Attribute("name").value_or("");
  v.family_name = a.Attribute("familyName").value_or("");
  v.email = a.Attribute("email").value_or("");
  v.mobile_phone = a.Attribute("mobilePhone").value_or("");
  v.date_of_birth = a.Attribute("dateOfBirth").value_or("");
  // The company only with a valid VAT number: the pair prefills a registration.
  v.iva_code = VatNumberFromIvaCode(a.Attribute("ivaCode").value_or(""));
  if (!v.iva_code.empty()) {
    v.company_name = a.Attribute("companyName").value_or("");
    absl::StripAsciiWhitespace(&v.company_name);
  }
  v.name_id = a.name_id;
  v.name_id_qualifier = a.name_id_qualifier;
  v.session_index = a.session_index;
  return v;
}

void LogRefusal(absl::string_view step, absl::string_view reason, const std::string& idp,
                const std::string& request_id) {
  platform::log::Warn("spid: refused",
                      {{"step", std::string(step)}, {"reason", std::string(reason)},
                       {"idp", idp}, {"request_id", request_id}});
}

}  // namespace

std::string VatNumberFromIvaCode(std::string_view iva_code) {
  std::string value(iva_code);
  absl::StripAsciiWhitespace(&value);
  absl::AsciiStrToUpper(&value);
  if (absl::StartsWith(value, "VATIT-")) value.erase(0, 6);
  if (!reference::ValidateVatNumber(value).ok()) return "";
  return value;
}

SpidEndpoints::SpidEndpoints(SpConfig config, IdpRegistry idps, Credentials credentials,
                             platform::cache::Cache& state, SessionBridge& sessions, Clock now)
    : config_(std::move(config)),
      idps_(std::move(idps)),
      credentials_(std::move(credentials)),
      state_(state),
      sessions_(sessions),
      now_(std::move(now)) {}

absl::StatusOr<std::unique_ptr<SpidEndpoints>> SpidEndpoints::Create(
    SpConfig config, IdpRegistry idps, platform::cache::Cache& state, SessionBridge& sessions,
    Clock now) {
  RETURN_IF_ERROR(ValidateSpConfig(config));
  absl::StatusOr<Credentials> credentials = Credentials::FromFiles(config.key_file,
                                                                   config.cert_file);
  if (!credentials.ok()) {
    return absl::Status(credentials.status().code(),
                        absl::StrCat("spid: SP credentials: ", credentials.status().message()));
  }
  std::unique_ptr<SpidEndpoints> endpoints(new SpidEndpoints(
      std::move(config), std::move(idps), *std::move(credentials), state, sessions,
      now ? std::move(now) : Clock([] { return absl::Now(); })));
  ASSIGN_OR_RETURN(
      endpoints->spid_metadata_,
      BuildSpMetadata(endpoints->config_, endpoints->credentials_, MetadataProfile::kSpid));
  ASSIGN_OR_RETURN(
      endpoints->cie_metadata_,
      BuildSpMetadata(endpoints->config_, endpoints->credentials_, MetadataProfile::kCie));
  return endpoints;
}

void SpidEndpoints::Register(const AddRoute& add) {
  auto bind = [this](http::Response (SpidEndpoints::*handler)(const http::Request&)) {
    return [this, handler](http::Request& request, http::Respond respond) {
      respond((this->*handler)(request));
    };
  };
  add("GET", "/spid/metadata",
      [this](http::Request&, http::Respond respond) { respond(Metadata(false)); });
  add("GET", "/cie/metadata",
      [this](http::Request&, http::Respond respond) { respond(Metadata(true)); });
  add("GET", web::kAutoSubmitPath,
      [](http::Request&, http::Respond respond) { respond(web::AutoSubmitScript()); });
  add("GET", "/spid/login", bind(&SpidEndpoints::Login));
  add("POST", "/spid/acs", bind(&SpidEndpoints::Acs));
  add("GET", "/spid/logout", bind(&SpidEndpoints::Logout));
  add("POST", "/spid/logout", bind(&SpidEndpoints::Logout));
  add("GET", "/spid/slo", bind(&SpidEndpoints::Slo));
  add("POST", "/spid/slo", bind(&SpidEndpoints::Slo));
}

http::Response SpidEndpoints::Metadata(bool cie) const {
  http::Response response{200, "application/samlmetadata+xml; charset=utf-8",
                          cie ? cie_metadata_ : spid_metadata_, {}, {}};
  response.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return response;
}

std::string SpidEndpoints::BindingCookie(const std::string& value) const {
  return absl::StrCat(kBindingCookie, "=", value, "; Path=/spid; Max-Age=",
                      absl::ToInt64Seconds(config_.request_ttl), "; HttpOnly; ",
                      // A real IdP posts the Response cross-site: only SameSite=None (which
                      // needs Secure) lets the cookie come back with it.
                      config_.UsesHttps() ? "Secure; SameSite=None" : "SameSite=Lax");
}

http::Response SpidEndpoints::Login(const http::Request& request) {
  std::optional<std::string> idp_id = request.Query("idp");
  const IdpMetadata* idp = idp_id.has_value() ? idps_.Find(*idp_id) : nullptr;
  if (idp == nullptr) return ErrorPage(SpidError::kUnknownIdp);
  int level = config_.default_level;
  if (std::optional<std::string> l = request.Query("level"); l.has_value()) {
    if (*l != "1" && *l != "2" && *l != "3") return ErrorPage(SpidError::kBadRequest);
    level = (*l)[0] - '0';
  }
  // Never ask for less than the minimum: a lower level is raised (the IdP then asks the user for
  // the stronger credentials), not refused, so an old link with level=1 still logs in.
  if (level < config_.minimum_level) {
    platform::log::Info("spid: requested level raised to the minimum",
                        {{"requested", absl::StrCat(level)},
                         {"minimum", absl::StrCat(config_.minimum_level)}});
    level = config_.minimum_level;
  }
  bool post = true;
  if (std::optional<std::string> b = request.Query("binding"); b.has_value()) {
    if (*b != "post" && *b != "redirect") return ErrorPage(SpidError::kBadRequest);
    post = *b == "post";
  }
  if (post && idp->sso_post_url.empty()) post = false;
  if (!post && idp->sso_redirect_url.empty()) post = true;
  std::string return_to = request.Query("return_to").value_or("/");
  if (!IsLocalPath(return_to)) return ErrorPage(SpidError::kUnsafeReturnPath);
  // purpose= picks the attribute set (absent: the default, index 0; "company": index 1, with
  // ivaCode and companyName); any other value is refused.
  std::optional<std::string> purpose = request.Query("purpose");
  const AttributeSet* attributes = config_.SpidAttributeSetFor(purpose);
  if (attributes == nullptr) return ErrorPage(SpidError::kBadRequest);
  int attribute_index = attributes->index;
  if (idp->cie) {
    // CIE releases no company attributes: its one set (index 0) whatever the purpose.
    if (purpose.has_value()) {
      platform::log::Info("spid: CIE has no attribute set for the purpose; default set used",
                          {{"purpose", *purpose}});
    }
    attribute_index = config_.cie_attribute_set.index;
  }

  // SPID compares the Response IssueInstant with the request's at seconds precision.
  absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(now_()));
  std::string destination = post ? idp->sso_post_url : idp->sso_redirect_url;
  AuthnRequestParams params{config_.EntityId(idp->cie), destination, level, 0, attribute_index,
                            now};
  absl::StatusOr<AuthnRequest> authn = BuildAuthnRequest(params, post ? &credentials_ : nullptr);
  if (!authn.ok()) {
    platform::log::Error("spid: AuthnRequest", {{"error", std::string(authn.status().message())}});
    return ErrorPage(SpidError::kUnavailable);
  }
  std::string binding_value = request.Cookie(kBindingCookie).value_or("");
  if (!IsHex64(binding_value)) binding_value = RandomHex(32);
  web::PendingLogin pending{authn->id, idp->entity_id, level, authn->issue_instant,
                            params.sp_entity_id, return_to, RandomHex(16),
                            Sha256Hex(binding_value)};
  if (absl::Status s = state_.PutLogin(pending, config_.request_ttl); !s.ok()) {
    platform::log::Error("spid: cannot store the pending request",
                         {{"error", std::string(s.message())}});
    return ErrorPage(SpidError::kUnavailable);
  }
  http::Response response;
  if (post) {
    response = web::AutoPostPage(destination, {{"SAMLRequest", absl::Base64Escape(authn->xml)},
                                               {"RelayState", pending.relay_state}});
  } else {
    absl::StatusOr<std::string> deflated = web::Deflate(authn->xml);
    absl::StatusOr<std::string> query =
        deflated.ok() ? SignRedirectQuery("SAMLRequest", absl::Base64Escape(*deflated),
                                          pending.relay_state, credentials_)
                      : deflated.status();
    if (!query.ok()) return ErrorPage(SpidError::kUnavailable);
    response = web::RedirectTo(destination, *query);
  }
  response.set_cookies.push_back(BindingCookie(binding_value));
  platform::log::Info("spid: AuthnRequest sent",
                      {{"idp", idp->entity_id}, {"request_id", authn->id},
                       {"spid_level", absl::StrCat(level)}, {"binding", post ? "post" : "redirect"},
                       {"attribute_set", absl::StrCat(attribute_index)}});
  return response;
}

http::Response SpidEndpoints::Acs(const http::Request& request) {
  std::map<std::string, std::string> form = web::ParseForm(request.body);
  auto saml = form.find("SAMLResponse");
  if (saml == form.end()) return ErrorPage(SpidError::kBadRequest);
  absl::StatusOr<std::string> xml = web::DecodeBase64Lenient(saml->second, kMaxXmlBytes);
  if (!xml.ok()) return ErrorPage(SpidError::kInvalidResponse);
  absl::StatusOr<SamlResponse> response = SamlResponse::Parse(*xml);
  if (!response.ok()) {
    LogRefusal("acs", response.status().message(), "", "");
    return ErrorPage(SpidError::kInvalidResponse);
  }
  const std::string request_id = response->in_response_to();
  absl::StatusOr<web::PendingLogin> pending = state_.ConsumeLogin(request_id, config_.request_ttl);
  if (!pending.ok()) {
    LogRefusal("acs", pending.status().message(), "", request_id);
    switch (pending.status().code()) {
      case absl::StatusCode::kAlreadyExists: return ErrorPage(SpidError::kReplay);
      case absl::StatusCode::kUnavailable: return ErrorPage(SpidError::kUnavailable);
      default: return ErrorPage(SpidError::kUnknownRequest);
    }
  }
  auto relay = form.find("RelayState");
  if (relay == form.end() || !ConstantTimeEquals(relay->second, pending->relay_state)) {
    LogRefusal("acs", "RelayState does not match the request", pending->idp_entity_id, request_id);
    return ErrorPage(SpidError::kUnknownRequest);
  }
  if (config_.require_browser_binding) {
    std::string cookie = request.Cookie(kBindingCookie).value_or("");
    if (cookie.empty() || !ConstantTimeEquals(Sha256Hex(cookie), pending->binding_hash)) {
      LogRefusal("acs", "browser-binding cookie missing or different", pending->idp_entity_id,
                 request_id);
      return ErrorPage(SpidError::kOtherBrowser);
    }
  }
  const IdpMetadata* idp = idps_.Find(pending->idp_entity_id);
  absl::StatusOr<absl::Time> issued = ParseSamlTime(pending->issue_instant);
  if (idp == nullptr || !issued.ok()) return ErrorPage(SpidError::kUnknownRequest);

  absl::Time now = now_();
  ResponseExpectations expect;
  expect.request_id = request_id;
  expect.request_issue_instant = *issued;
  expect.acs_url = config_.AcsUrl();
  expect.sp_entity_id = pending->sp_entity_id;
  expect.requested_level = pending->level;
  expect.now = now;
  expect.clock_skew = config_.clock_skew;
  absl::StatusOr<ResponseOutcome> outcome = response->Validate(expect, *idp);
  if (!outcome.ok()) {
    LogRefusal("acs", outcome.status().message(), idp->entity_id, request_id);
    return web::ErrorPageFor(outcome.status());
  }
  if (outcome->failure.has_value()) {
    LogRefusal("acs", absl::StrCat("IdP status ", outcome->failure->status_code, " ",
                                   outcome->failure->sub_status_code, " code ",
                                   outcome->failure->spid_error_code),
               idp->entity_id, request_id);
    return ErrorPage(SpidError::kIdpFailure, outcome->failure->spid_error_code);
  }
  const Assertion& assertion = *outcome->assertion;
  // The validator checked the level against the request's; the minimum is checked again here,
  // whatever the stored request says.
  if (assertion.level < config_.minimum_level) {
    LogRefusal("acs", "authentication level below the configured minimum", idp->entity_id,
               request_id);
    return ErrorPage(SpidError::kLevelTooLow);
  }
  absl::Duration keep = assertion.not_on_or_after + config_.clock_skew - now;
  absl::StatusOr<bool> fresh = state_.FirstSeen(idp->entity_id, "assertion",
                                                assertion.assertion_id,
                                                std::max(keep, absl::Minutes(1)));
  if (!fresh.ok()) return ErrorPage(SpidError::kUnavailable);
  if (!*fresh) {
    LogRefusal("acs", "assertion replayed", idp->entity_id, request_id);
    return ErrorPage(SpidError::kReplay);
  }
  VerifiedIdentity identity = ToIdentity(assertion, *idp);
  if (identity.fiscal_code.empty()) {
    LogRefusal("acs", "fiscalNumber is not a fiscal code", idp->entity_id, request_id);
    return ErrorPage(SpidError::kInvalidResponse);
  }
  if (identity.iva_code.empty() && assertion.Attribute("ivaCode").has_value()) {
    // Not the value: it is the company's data.
    platform::log::Warn("spid: ivaCode is not an Italian VAT number; company attributes ignored",
                        {{"idp", idp->entity_id}, {"request_id", request_id}});
  }
  platform::log::Info("spid: login", {{"idp", idp->entity_id}, {"request_id", request_id},
                                      {"spid_level", assertion.level_uri},
                                      {"company_attributes", identity.iva_code.empty() ? "no"
                                                                                       : "yes"}});
  http::Response done = sessions_.CompleteLogin(request, identity, pending->return_to);
  web::NoStore(done);
  return done;
}

}  // namespace sisl::gateway::spid
