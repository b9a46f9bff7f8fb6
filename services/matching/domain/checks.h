// Field checks shared by the validation of profiles and vacancies (internal to the domain).
#ifndef SISL_SERVICES_MATCHING_DOMAIN_CHECKS_H_
#define SISL_SERVICES_MATCHING_DOMAIN_CHECKS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/types.h"

namespace sisl::matching::internal {

inline constexpr int kMaxRadiusKm = 300;
inline constexpr size_t kMaxTagLength = 200;
inline constexpr size_t kMaxIdLength = 128;

// The driving licence categories of Directive 2006/126/EC as Italy issues them, plus the KA/KB
// professional certificates and the CQC driver qualification card.
bool IsDrivingLicence(absl::string_view normalized);

using Problems = std::vector<FieldProblem>;

// An identifier: required, at most 128 printable ASCII characters without blanks.
void CheckId(Problems& out, const std::string& field, absl::string_view id,
             absl::string_view required_reason);
// A CP2011 code of 5 levels or the CO's 6 (the reference's reasons), valid on `day`.
void CheckProfession(Problems& out, const std::string& field, absl::string_view code,
                     absl::CivilDay day);
// A CO contract type (the reference's reasons), valid on `day`.
void CheckContractType(Problems& out, const std::string& field, absl::string_view code,
                       absl::CivilDay day);
void CheckWorkingMode(Problems& out, const std::string& field, WorkingMode mode);
// A current municipality with a known centroid: MALFORMED_MUNICIPALITY_CODE,
// UNKNOWN_MUNICIPALITY_CODE, MUNICIPALITY_NOT_IN_FORCE, MUNICIPALITY_WITHOUT_LOCATION.
void CheckMunicipality(Problems& out, const std::string& field, absl::string_view istat_code);
// A CPI of the reference's CPI areas: CPI_REQUIRED, UNKNOWN_CPI.
void CheckCpi(Problems& out, const std::string& field, absl::string_view cpi_code);
// 0..kMaxRadiusKm: INVALID_RADIUS.
void CheckRadius(Problems& out, const std::string& field, int radius_km);
// ISO 639-1 (two lower-case letters): INVALID_LANGUAGE_CODE, DUPLICATE_LANGUAGE via `seen`;
// CEFR_LEVEL_REQUIRED.
void CheckLanguage(Problems& out, const std::string& field, absl::string_view language,
                   CefrLevel level, std::vector<std::string>& seen);
// Free-text tags (skills, registers): 1..200 characters once normalised, no duplicates.
void CheckTags(Problems& out, absl::string_view name, const std::vector<std::string>& tags,
               absl::string_view invalid_reason);
// Driving licences: INVALID_DRIVING_LICENCE, DUPLICATE_DRIVING_LICENCE.
void CheckLicences(Problems& out, absl::string_view name, const std::vector<std::string>& codes);

}  // namespace sisl::matching::internal

#endif  // SISL_SERVICES_MATCHING_DOMAIN_CHECKS_H_
