#ifndef SISL_ENTERPRISE_EVENTS_VACANCY_PROJECTION_H_
#define SISL_ENTERPRISE_EVENTS_VACANCY_PROJECTION_H_

#include "services/enterprise/app/vacancy_search_index.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::enterprise::events {

// Keeps a VacancySearchIndex current from the service's own events on
// sisl.enterprise.vacancies.v1, so that every replica sees what the others publish:
// VacancyPublished and VacancyChanged (suspend, resume) re-read the vacancy they name (indexed
// when published, removed otherwise), VacancyClosed removes it (closed is final). Re-reading
// makes a redelivered or late event harmless, so the handlers are projections (no inbox): subscribe
// with a consumer group of the process's own, starting at the newest events.
void ProjectVacancySearch(platform::events::EventDispatcher& dispatcher, VacancySearchIndex& index);

}  // namespace sisl::enterprise::events

#endif  // SISL_ENTERPRISE_EVENTS_VACANCY_PROJECTION_H_
