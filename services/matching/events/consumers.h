// The matching service's consumers (EventDispatcher, inbox: each event applied once) and this
// process's index projection (a group of its own; no inbox: it re-reads or applies what the event
// carries, idempotently).
#ifndef SISL_SERVICES_MATCHING_EVENTS_CONSUMERS_H_
#define SISL_SERVICES_MATCHING_EVENTS_CONSUMERS_H_

#include "absl/status/statusor.h"
#include "services/matching/app/deps.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/outbox/dispatcher.h"
#include "sisl/enterprise/v1/vacancies.pb.h"

namespace sisl::matching::events {

// enterprise's vacancy as matching keeps it (working mode on site; the area of
// settings.default_area_radius_km around the workplace; requirements split in hard and scored).
store::ReplicatedVacancy FromEnterprise(const ::sisl::enterprise::v1::Vacancy& v,
                                        const Settings& settings);

// sisl.enterprise.vacancies.v1 into the replica and the index.
void ConsumeVacancies(platform::events::EventDispatcher& dispatcher, const Deps& deps);
// sisl.communications.communications.v1 (hires: the loop) and .relationships.v1 (experiences).
void ConsumeCommunications(platform::events::EventDispatcher& dispatcher, const Deps& deps,
                           const std::string& source);
// Keeps this process's index current from sisl.matching.profiles.v1 (re-reading the profile),
// sisl.enterprise.vacancies.v1 and sisl.matching.proposals.v1 (positions filled).
void ProjectIndex(platform::events::EventDispatcher& dispatcher, const Deps& deps);

// Loads every profile and vacancy of the store into the index (at start).
absl::StatusOr<size_t> LoadIndex(const Deps& deps);

}  // namespace sisl::matching::events

#endif  // SISL_SERVICES_MATCHING_EVENTS_CONSUMERS_H_
