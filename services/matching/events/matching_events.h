// The matching service's events (proto/sisl/matching/v1/*_events.proto) made from the domain:
// keyed by the pseudonymous person id; no names, fiscal codes or profile content.
#ifndef SISL_SERVICES_MATCHING_EVENTS_MATCHING_EVENTS_H_
#define SISL_SERVICES_MATCHING_EVENTS_MATCHING_EVENTS_H_

#include <string>

#include "services/matching/domain/proposal.h"
#include "services/matching/domain/vacancy.h"
#include "sisl/matching/v1/profile_events.pb.h"
#include "sisl/matching/v1/proposal_events.pb.h"

namespace sisl::matching::events {

namespace v1 = ::sisl::matching::v1;

v1::ProposalState ToProto(ProposalState state);
v1::ProposalAction ToProto(ProposalAction action);

// The last step of `p` (its history's last entry).
v1::ProposalChanged ProposalChangedOf(const Proposal& p, const Vacancy& vacancy,
                                      absl::string_view vacancy_title);

v1::ProfileChanged ProfileChangedOf(const std::string& person_id, const std::string& cpi_code);

}  // namespace sisl::matching::events

#endif  // SISL_SERVICES_MATCHING_EVENTS_MATCHING_EVENTS_H_
