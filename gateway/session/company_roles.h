#ifndef SISL_GATEWAY_SESSION_COMPANY_ROLES_H_
#define SISL_GATEWAY_SESSION_COMPANY_ROLES_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/session/session.h"
#include "gateway/transcoding/upstream.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "sisl/enterprise/v1/delegations.pb.h"

namespace sisl::gateway::session {

// The gRPC method the gateway asks for a person's company roles.
inline constexpr char kListMyCompanyRolesPath[] =
    "/sisl.enterprise.v1.DelegationsService/ListMyCompanyRoles";

// The scope name a token carries for a DelegationScope (platform::auth::kScope*); "" for
// DELEGATION_SCOPE_UNSPECIFIED and values this gateway does not know.
absl::string_view ScopeName(enterprise::v1::DelegationScope scope);

// Session roles from enterprise's answer: Role::kCompany for legal representatives and
// delegates, Role::kConsultant for consultants, acting for the company's fiscal code, with the
// scopes and company role, labelled like the staff roles ("Rappresentante legale - ACME SRL",
// "Delegato - ...", "Consulente del lavoro - ..."). Entries without a company or of an unknown
// kind are skipped.
std::vector<AvailableRole> CompanyRolesFrom(
    const enterprise::v1::ListMyCompanyRolesResponse& response);

// Reads a person's company roles from enterprise (DelegationsService.ListMyCompanyRoles) over
// the gateway's upstream channels (gateway.upstreams: the address serving sisl.enterprise.v1,
// with the process's TLS credentials), with an internal token the gateway signs for the person
// as a citizen (audience "enterprise"). Thread-safe.
class CompanyRolesClient final {
 public:
  CompanyRolesClient(const platform::auth::TokenSigner& signer,
                     const platform::auth::PersonIdHasher& person_ids, absl::Duration timeout)
      : signer_(signer), person_ids_(person_ids), timeout_(timeout) {}

  // The channels to call through (set when the HTTP front starts; null: none).
  void SetUpstreams(transcoding::Upstreams* upstreams);

  // The company roles of the person with `fiscal_code`, logged in at `level_uri`. An empty list
  // when nothing serves sisl.enterprise.v1 (no upstreams, no address for it, or an upstream
  // answering UNIMPLEMENTED: company roles are simply absent). UNAVAILABLE (reason
  // ENTERPRISE_UNAVAILABLE) when enterprise fails to answer within the timeout; the message
  // names the gRPC code only (no personal data).
  absl::StatusOr<std::vector<AvailableRole>> Fetch(const std::string& fiscal_code,
                                                   absl::string_view level_uri) const;

 private:
  const platform::auth::TokenSigner& signer_;
  const platform::auth::PersonIdHasher& person_ids_;
  const absl::Duration timeout_;
  mutable absl::Mutex mu_;
  transcoding::Upstreams* upstreams_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_COMPANY_ROLES_H_
