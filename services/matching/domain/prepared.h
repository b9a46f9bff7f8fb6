// Profiles and vacancies in the form the engine compares: professions resolved to their unit
// and group through the reference, municipalities to their centroids, tags normalised and
// sorted. Built once per upsert, so a query does no lookups.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_PREPARED_H_
#define SISL_SERVICES_MATCHING_DOMAIN_PREPARED_H_

#include <optional>
#include <string>
#include <vector>

#include "services/matching/domain/profile.h"
#include "services/matching/domain/vacancy.h"
#include "services/reference/municipalities.h"

namespace sisl::matching {

struct PreparedDesired {
  std::string unit;                         // "" when the code is not in CP2011
  std::string group;                        // ancestor at the group level; "" when unknown
  std::vector<std::string> contract_types;  // empty: any
  std::vector<WorkingMode> working_modes;   // empty: any
};

struct PreparedExperience {
  std::string unit;
  absl::CivilDay from;
  std::optional<absl::CivilDay> to;
};

struct PreparedProfile {
  CandidateProfile profile;
  std::optional<reference::GeoPoint> location;  // of the domicile
  std::vector<PreparedDesired> desired;
  std::vector<std::string> groups;  // distinct groups of `desired`, sorted
  std::vector<PreparedExperience> experiences;
  std::vector<std::string> skills, licences, registers;  // NormalizeTag'd, sorted, distinct
};

struct PreparedVacancy {
  Vacancy vacancy;
  std::optional<reference::GeoPoint> location;  // of the workplace
  std::string unit, group;
  std::vector<std::string> skills, licences, registers;  // NormalizeTag'd, sorted, distinct
};

// `group_level` is the CP2011 level (1..5) at which professions count as the same group.
PreparedProfile PrepareProfile(CandidateProfile profile, int group_level);
PreparedVacancy PrepareVacancy(Vacancy vacancy, int group_level);

// True when the sorted `haystack` holds `needle`.
bool SortedContains(const std::vector<std::string>& haystack, const std::string& needle);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_PREPARED_H_
