#ifndef SISL_ENTERPRISE_STORE_JSON_CODEC_H_
#define SISL_ENTERPRISE_STORE_JSON_CODEC_H_

// The records the store keeps as JSON documents: companies, delegations (with their acts) and
// vacancies (content and history). Enums are stored by name, days as "YYYY-MM-DD", times as
// integer microseconds; unknown members are ignored and missing ones take their defaults, so a
// record written by an older version still reads.

#include <string>

#include "absl/status/statusor.h"
#include "services/enterprise/domain/company.h"
#include "services/enterprise/domain/delegation.h"
#include "services/enterprise/domain/vacancy.h"

namespace sisl::enterprise::store {

std::string CompanyToJson(const Company& company);
absl::StatusOr<Company> CompanyFromJson(const std::string& json);

std::string DelegationToJson(const Delegation& delegation);
absl::StatusOr<Delegation> DelegationFromJson(const std::string& json);

std::string VacancyToJson(const Vacancy& vacancy);
absl::StatusOr<Vacancy> VacancyFromJson(const std::string& json);

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_JSON_CODEC_H_
