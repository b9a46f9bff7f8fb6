// What matching learns from the other services' events (applied inside the consumer's
// transaction, with its inbox row): enterprise's vacancies into the replica and the index;
// communications' relationships as experiences to prefill; and the loop (issue 13 point 5): a
// hire of a proposed person by the vacancy's company records the outcome HIRED, fills a
// position and marks the profile employed, with no operator action.
#ifndef SISL_SERVICES_MATCHING_APP_FEEDS_H_
#define SISL_SERVICES_MATCHING_APP_FEEDS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/matching/app/deps.h"
#include "services/matching/store/matching_store.h"
#include "services/matching/store/relationship_seeds.h"

namespace sisl::matching {

// A published, changed or closed vacancy as enterprise tells it (positions_filled is matching's
// own count and is kept).
absl::Status ApplyVacancy(platform::db::Transaction& tx, const Deps& deps,
                          store::ReplicatedVacancy incoming);

// A relationship opened, changed or closed (seed kept; a stored profile gains the experience).
absl::Status ApplyRelationship(platform::db::Transaction& tx, platform::outbox::EventWriter& events,
                               const Deps& deps, const store::RelationshipSeed& seed);
// The experience a relationship seed stands for, added to `p` or replacing the one prefilled
// from the same relationship (the employer is its fiscal code, or "datore di lavoro privato" for a
// private person). A seed without a profession adds nothing.
void MergeExperience(CandidateProfile& p, const store::RelationshipSeed& seed);

// A relationship's hire was cancelled.
absl::Status ForgetRelationship(platform::db::Transaction& tx, const std::string& relationship_id);

struct Hire {
  std::string person_id;
  std::string employer_id;      // the company's fiscal code
  std::string mission_user_id;  // agency work: the user company (may be a vacancy's company)
  std::string communication_code;
  absl::CivilDay start;
};

absl::Status ApplyHire(platform::db::Transaction& tx, platform::outbox::EventWriter& events,
                       const Deps& deps, const Hire& hire);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_FEEDS_H_
