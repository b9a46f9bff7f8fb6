// The events of accepted communications and of the relationships they change (issue 12 point 9):
// keyed by the worker's pseudonymous person id, carrying what matching and the observatory need
// and never a name or a person's fiscal code.
#ifndef SISL_SERVICES_COMMUNICATIONS_EVENTS_COMMUNICATION_EVENTS_H_
#define SISL_SERVICES_COMMUNICATIONS_EVENTS_COMMUNICATION_EVENTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/relationship.h"
#include "services/platform/auth/person_id.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"

namespace sisl::communications::events {

namespace v1 = ::sisl::communications::v1;

// "15-24" ... "65+" for the age on `day` ("" when the birth date is unknown or after `day`).
std::string AgeBand(absl::CivilDay birth, absl::CivilDay day);
v1::CitizenshipGroup CitizenshipGroupOf(absl::string_view citizenship, absl::CivilDay day);
// A company's 11-digit code as is; a person's (16 characters) as their pseudonymous id.
std::string EmployerId(const std::string& fiscal_code,
                       const platform::auth::PersonIdHasher& person_ids);

// The facts of `c` (accepted, with its code) within relationship `relationship_id`; the
// relationship's current contract when `state` is given (extensions and terminations carry the
// contract as it stands, not only the event).
v1::CommunicationFacts FactsOf(const Communication& c, const std::string& relationship_id,
                               const RelationshipState* state, int days_late,
                               const platform::auth::PersonIdHasher& person_ids);

// The facts of a relationship's step as published: `steps` are the relationship's communications
// in force up to the step (the last of them), `state` the relationship after it. An employer
// change (VARDATORI) names neither the worker nor the contract: its facts take the worker's from
// the relationship's last own communication, the employer's from the last step stating the
// relationship's employer (the change itself when it moved the relationship), the contract from
// `state`. Any other step's are FactsOf's.
v1::CommunicationFacts StepFactsOf(const std::vector<const Communication*>& steps,
                                   const std::string& relationship_id,
                                   const RelationshipState* state, int days_late,
                                   const platform::auth::PersonIdHasher& person_ids);

v1::RelationshipChanged RelationshipChangedEvent(const std::string& relationship_id,
                                                 const std::string& person_id,
                                                 const RelationshipState* before,
                                                 const v1::CommunicationFacts* before_facts,
                                                 const RelationshipState* after,
                                                 const v1::CommunicationFacts& after_facts);

absl::string_view RelationshipStateName(const RelationshipState* state);

}  // namespace sisl::communications::events

#endif  // SISL_SERVICES_COMMUNICATIONS_EVENTS_COMMUNICATION_EVENTS_H_
