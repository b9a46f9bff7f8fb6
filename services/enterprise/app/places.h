#ifndef SISL_ENTERPRISE_APP_PLACES_H_
#define SISL_ENTERPRISE_APP_PLACES_H_

// Where things are: the CPI competent for a workplace or a company's sites, the province and
// the coordinates the public search filters by (services/reference).

#include <string>
#include <vector>

#include "services/enterprise/domain/company.h"
#include "services/enterprise/store/vacancy_store.h"

namespace sisl::enterprise {

// The place of a vacancy's workplace; an unknown municipality gives an empty place (the content
// check reports it).
store::VacancyPlace PlaceOf(const std::string& municipality_istat_code);

// The CPIs competent for the registered office and the operating sites, sorted, no repeats
// (empty for a company with no site in Piedmont).
std::vector<std::string> CpisOf(const Company& company);

// Display names for a municipality: (name, province sigla); empty when unknown.
std::pair<std::string, std::string> MunicipalityNames(const std::string& istat_code);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_PLACES_H_
