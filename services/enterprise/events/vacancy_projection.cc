#include "services/enterprise/events/vacancy_projection.h"

#include "sisl/enterprise/v1/vacancy_events.pb.h"

namespace sisl::enterprise::events {

using platform::events::EventMeta;

void ProjectVacancySearch(platform::events::EventDispatcher& dispatcher,
                          VacancySearchIndex& index) {
  dispatcher
      .Project<v1::VacancyPublished>([&index](const v1::VacancyPublished& e, const EventMeta&) {
        return index.Refresh({e.vacancy().vacancy_id()});
      })
      .Project<v1::VacancyChanged>([&index](const v1::VacancyChanged& e, const EventMeta&) {
        return index.Refresh({e.vacancy().vacancy_id()});
      })
      .Project<v1::VacancyClosed>([&index](const v1::VacancyClosed& e, const EventMeta&) {
        index.Remove(e.vacancy_id());
        return absl::OkStatus();
      });
}

}  // namespace sisl::enterprise::events
