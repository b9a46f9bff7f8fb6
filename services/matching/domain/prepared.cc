#include "services/matching/domain/prepared.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/matching/domain/profession.h"

namespace sisl::matching {
namespace {

std::vector<std::string> Normalized(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  out.reserve(tags.size());
  for (const std::string& t : tags) {
    std::string key = NormalizeTag(t);
    if (!key.empty()) out.push_back(std::move(key));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<reference::GeoPoint> LocationOf(const std::string& istat_code) {
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(istat_code);
  if (m == nullptr || !m->current()) return std::nullopt;
  return m->location;
}

}  // namespace

bool SortedContains(const std::vector<std::string>& haystack, const std::string& needle) {
  return std::binary_search(haystack.begin(), haystack.end(), needle);
}

PreparedProfile PrepareProfile(CandidateProfile profile, int group_level) {
  PreparedProfile out;
  out.location = LocationOf(profile.domicile_istat_code);
  for (const DesiredProfession& d : profile.desired_professions) {
    PreparedDesired p;
    p.unit = ProfessionUnit(d.profession_code).value_or("");
    p.group = ProfessionAncestor(d.profession_code, group_level).value_or("");
    p.contract_types = d.contract_types;
    p.working_modes = d.working_modes;
    if (!p.group.empty()) out.groups.push_back(p.group);
    out.desired.push_back(std::move(p));
  }
  std::sort(out.groups.begin(), out.groups.end());
  out.groups.erase(std::unique(out.groups.begin(), out.groups.end()), out.groups.end());
  for (const Experience& e : profile.experiences) {
    std::optional<std::string> unit = ProfessionUnit(e.profession_code);
    if (unit.has_value()) out.experiences.push_back({std::move(*unit), e.from, e.to});
  }
  out.skills = Normalized(profile.it_skills);
  out.licences = Normalized(profile.driving_licences);
  out.registers = Normalized(profile.professional_registers);
  out.profile = std::move(profile);
  return out;
}

PreparedVacancy PrepareVacancy(Vacancy vacancy, int group_level) {
  PreparedVacancy out;
  out.location = LocationOf(vacancy.workplace_istat_code);
  out.unit = ProfessionUnit(vacancy.profession_code).value_or("");
  out.group = ProfessionAncestor(vacancy.profession_code, group_level).value_or("");
  out.skills = Normalized(vacancy.desired_skills);
  out.licences = Normalized(vacancy.required_licences);
  out.registers = Normalized(vacancy.required_registers);
  out.vacancy = std::move(vacancy);
  return out;
}

}  // namespace sisl::matching
