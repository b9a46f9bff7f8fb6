#ifndef SISL_ENTERPRISE_API_MAPPING_H_
#define SISL_ENTERPRISE_API_MAPPING_H_

// Domain <-> proto for the enterprise service, used by the handlers and the event mapping.
// The proto enums mirror the domain enums value for value (both start with UNSPECIFIED): a value
// outside the domain's range maps to kUnspecified and the domain's checks name the field.

#include <string>

#include "absl/status/statusor.h"
#include "services/enterprise/domain/company.h"
#include "services/enterprise/domain/delegation.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/vacancy_store.h"
#include "sisl/enterprise/v1/companies.pb.h"
#include "sisl/enterprise/v1/delegations.pb.h"
#include "sisl/enterprise/v1/vacancies.pb.h"

namespace sisl::enterprise::api {

template <typename Domain, typename Proto>
Domain ToDomainEnum(Proto value, Domain last) {
  const int v = static_cast<int>(value);
  return v > 0 && v <= static_cast<int>(last) ? static_cast<Domain>(v) : static_cast<Domain>(0);
}
template <typename Proto, typename Domain>
Proto ToProtoEnum(Domain value) {
  return static_cast<Proto>(static_cast<int>(value));
}

Company CompanyFromProto(const v1::Company& p);
v1::Company CompanyToProto(const store::StoredCompany& c);

// The holder's fiscal code is shown only when `show_holder` (the company, the holder, staff).
v1::Delegation DelegationToProto(const Delegation& d, const std::string& company_name,
                                 bool show_holder);
std::vector<DelegationScope> ScopesFromProto(const google::protobuf::RepeatedField<int>& scopes);

absl::StatusOr<VacancyContent> ContentFromProto(const v1::VacancyContent& p);
v1::VacancyContent ContentToProto(const VacancyContent& c);
// `audience`: what the reader may see. Public readers get no history, no wording warnings and,
// for an anonymous vacancy, no company.
enum class VacancyAudience { kPublic, kCompany, kStaff };
v1::Vacancy VacancyToProto(const store::StoredVacancy& s, VacancyAudience audience);

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_MAPPING_H_
