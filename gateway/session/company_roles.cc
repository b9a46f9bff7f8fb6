#include "gateway/session/company_roles.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gateway/spid/levels.h"
#include "services/platform/errors.h"

namespace sisl::gateway::session {
namespace {

namespace ev1 = enterprise::v1;
using platform::auth::Role;

// The audience of the tokens sent with the call (the service's module name).
constexpr char kEnterpriseAudience[] = "enterprise";

absl::Status Unavailable(absl::string_view why) {
  return platform::Error(absl::StatusCode::kUnavailable, "ENTERPRISE_UNAVAILABLE",
                         absl::StrCat("company roles cannot be read: ", why));
}

struct Answer {
  absl::Notification done;
  grpc::Status status;
  std::string bytes;
};

}  // namespace

absl::string_view ScopeName(ev1::DelegationScope scope) {
  switch (scope) {
    case ev1::DELEGATION_SCOPE_VACANCIES:
      return platform::auth::kScopeVacancies;
    case ev1::DELEGATION_SCOPE_COMMUNICATIONS:
      return platform::auth::kScopeCommunications;
    case ev1::DELEGATION_SCOPE_L68_RETURNS:
      return platform::auth::kScopeL68Returns;
    case ev1::DELEGATION_SCOPE_SERVICE_REQUESTS:
      return platform::auth::kScopeServiceRequests;
    default:
      return "";
  }
}

std::vector<AvailableRole> CompanyRolesFrom(const ev1::ListMyCompanyRolesResponse& response) {
  std::vector<AvailableRole> roles;
  for (const ev1::CompanyRole& held : response.roles()) {
    if (held.company_fiscal_code().empty()) continue;
    AvailableRole role;
    absl::string_view title;
    switch (held.kind()) {
      case ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE:
        role.role = Role::kCompany;
        role.company_role = platform::auth::kCompanyRoleLegalRepresentative;
        title = "Rappresentante legale";
        break;
      case ev1::DELEGATION_KIND_DELEGATE:
        role.role = Role::kCompany;
        role.company_role = platform::auth::kCompanyRoleDelegate;
        title = "Delegato";
        break;
      case ev1::DELEGATION_KIND_CONSULTANT:
        role.role = Role::kConsultant;
        role.company_role = platform::auth::kCompanyRoleConsultant;
        title = "Consulente del lavoro";
        break;
      default:
        continue;
    }
    role.acting_for = held.company_fiscal_code();
    role.company_name = held.company_name();
    role.label = absl::StrCat(title, " - ",
                              held.company_name().empty() ? held.company_fiscal_code()
                                                          : held.company_name());
    for (int scope : held.scopes()) {
      const absl::string_view name = ScopeName(static_cast<ev1::DelegationScope>(scope));
      if (name.empty()) continue;
      if (std::find(role.scopes.begin(), role.scopes.end(), name) == role.scopes.end()) {
        role.scopes.emplace_back(name);
      }
    }
    // One role per company (what enterprise promises); a repeat would be unselectable.
    const bool repeated = std::any_of(roles.begin(), roles.end(), [&](const AvailableRole& r) {
      return r.SameRoleAs(role);
    });
    if (!repeated) roles.push_back(std::move(role));
  }
  return roles;
}

void CompanyRolesClient::SetUpstreams(transcoding::Upstreams* upstreams) {
  absl::MutexLock lock(&mu_);
  upstreams_ = upstreams;
}

absl::StatusOr<std::vector<AvailableRole>> CompanyRolesClient::Fetch(
    const std::string& fiscal_code, absl::string_view level_uri) const {
  transcoding::Upstreams* upstreams = nullptr;
  {
    absl::MutexLock lock(&mu_);
    upstreams = upstreams_;
  }
  if (upstreams == nullptr || fiscal_code.empty() ||
      upstreams->AddressFor(kListMyCompanyRolesPath).empty()) {
    return std::vector<AvailableRole>();
  }
  platform::auth::Caller citizen;
  citizen.subject = person_ids_.PersonId(fiscal_code);
  citizen.role = Role::kCitizen;
  citizen.fiscal_code = fiscal_code;
  citizen.spid_level = spid::LevelFromUri(std::string_view(level_uri.data(), level_uri.size()));
  transcoding::RestRoute route;  // only its gRPC path is used to call
  route.grpc_path = kListMyCompanyRolesPath;
  auto answer = std::make_shared<Answer>();
  upstreams->Call(route, ev1::ListMyCompanyRolesRequest(),
                  {{platform::auth::kTokenMetadataKey,
                    signer_.Sign(citizen, kEnterpriseAudience, absl::Minutes(1))}},
                  timeout_, [answer](const grpc::Status& status, std::string bytes) {
                    answer->status = status;
                    answer->bytes = std::move(bytes);
                    answer->done.Notify();
                  });
  // The call has its own deadline; the margin only guards against a callback that never runs.
  if (!answer->done.WaitForNotificationWithTimeout(timeout_ + absl::Seconds(1))) {
    return Unavailable("no answer");
  }
  if (answer->status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    return std::vector<AvailableRole>();  // that upstream does not host enterprise
  }
  if (!answer->status.ok()) {
    // The code only: the message is enterprise's and could carry anything.
    return Unavailable(absl::StatusCodeToString(
        static_cast<absl::StatusCode>(answer->status.error_code())));
  }
  ev1::ListMyCompanyRolesResponse response;
  if (!response.ParseFromString(answer->bytes)) return Unavailable("unparsable answer");
  return CompanyRolesFrom(response);
}

}  // namespace sisl::gateway::session
