// The hard filters, applied in a fixed order; the first that fails excludes the person and
// names why ("why not"). Codes are stable (they reach the operator's screen and the API):
//
//   VACANCY_NOT_OPEN           the vacancy is not published or has no position left
//   PROFESSION                 no desired profession in the vacancy's CP2011 group
//   CONTRACT_TYPE              none of those accepts the vacancy's contract type
//   WORKING_MODE               none of those accepts the vacancy's working mode
//   DISTANCE_CANDIDATE_RADIUS  workplace farther than the person's mobility radius
//   DISTANCE_VACANCY_AREA      domicile farther than the vacancy's area radius
//   LICENCE                    a required driving licence missing
//   LANGUAGE                   a required language missing or below the level asked
//   REGISTER                   a required professional register missing
//   L68_RESERVATION            reserved vacancy, person not in that L.68/99 list
//   AVAILABILITY               the person is not available (or employed)
//   VISIBILITY                 CPI-only profile in a matching not run by a CPI operator
//   NOT_VALIDATED              the profile was never validated by an operator
//   EXPIRED                    the validated profile has expired
//
// Distances are great-circle distances between municipal centroids (reference GeoPoint),
// rounded to 0.1 km before they are compared; a remote vacancy skips both distance filters.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_FILTERS_H_
#define SISL_SERVICES_MATCHING_DOMAIN_FILTERS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/prepared.h"

namespace sisl::matching {

enum class FilterCode {
  kVacancyNotOpen,
  kProfession,
  kContractType,
  kWorkingMode,
  kDistanceCandidateRadius,
  kDistanceVacancyArea,
  kLicence,
  kLanguage,
  kRegister,
  kL68Reservation,
  kAvailability,
  kVisibility,
  kNotValidated,
  kExpired,
};

absl::string_view FilterCodeName(FilterCode code);  // "DISTANCE_CANDIDATE_RADIUS", ...

// Who runs a matching and when.
struct MatchQuery {
  absl::CivilDay today;       // for expiry, ongoing experiences, long-term unemployment
  bool operator_run = false;  // run by a CPI operator: CPI-only profiles take part
  std::size_t limit = 50;     // results wanted; 0 for all
};

struct Exclusion {
  FilterCode code = FilterCode::kVacancyNotOpen;
  std::string detail;  // "distance 63.2 km > candidate radius 30 km"; "" unless asked
};

// What the filters learnt that the score uses again.
struct FilterFacts {
  bool exact_profession = false;  // a fully accepted desired profession is the vacancy's unit
  bool remote = false;            // remote vacancy: distance does not count
  int64_t distance_decikm = 0;    // domicile to workplace in 0.1 km (0 when remote)
};

// The first filter `profile` fails for `vacancy`, nullopt when it passes them all (then
// `facts` is filled). Details are written only with `with_detail`, to keep ranking fast.
std::optional<Exclusion> FirstExclusion(const PreparedVacancy& vacancy,
                                        const PreparedProfile& profile, const MatchQuery& query,
                                        bool with_detail, FilterFacts* facts);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_FILTERS_H_
