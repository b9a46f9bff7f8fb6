#include "services/enterprise/app/places.h"

#include <algorithm>

#include "services/reference/cpi_areas.h"
#include "services/reference/municipalities.h"

namespace sisl::enterprise {

store::VacancyPlace PlaceOf(const std::string& istat_code) {
  store::VacancyPlace place;
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(istat_code);
  if (m == nullptr) return place;
  place.province = m->province_code;
  if (m->location.has_value()) {
    place.latitude = m->location->lat;
    place.longitude = m->location->lon;
  }
  place.cpi_code = reference::CompetentCpi(istat_code).value_or("");
  return place;
}

std::vector<std::string> CpisOf(const Company& company) {
  std::vector<std::string> out;
  auto add = [&](const std::string& municipality) {
    if (auto cpi = reference::CompetentCpi(municipality); cpi.has_value()) out.push_back(*cpi);
  };
  add(company.registered_office.municipality_istat_code);
  for (const CompanySite& site : company.operating_sites) add(site.municipality_istat_code);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::pair<std::string, std::string> MunicipalityNames(const std::string& istat_code) {
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(istat_code);
  if (m == nullptr) return {};
  return {m->name, m->province_code};
}

}  // namespace sisl::enterprise
