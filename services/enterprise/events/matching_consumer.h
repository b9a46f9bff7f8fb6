// What enterprise learns from matching (sisl.matching.proposals.v1): a vacancy whose positions
// are all filled by hires closes as filled (issue 13 point 5), applied once (inbox).
#ifndef SISL_ENTERPRISE_EVENTS_MATCHING_CONSUMER_H_
#define SISL_ENTERPRISE_EVENTS_MATCHING_CONSUMER_H_

#include <string>

#include "services/enterprise/app/vacancies.h"
#include "services/platform/clock.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::enterprise::events {

void ConsumeMatching(platform::events::EventDispatcher& dispatcher, VacancyManager& vacancies,
                     const platform::Clock& clock, const std::string& source);

}  // namespace sisl::enterprise::events

#endif  // SISL_ENTERPRISE_EVENTS_MATCHING_CONSUMER_H_
