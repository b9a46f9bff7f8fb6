#include "services/enterprise/events/matching_consumer.h"

#include "services/platform/outbox/committer.h"
#include "services/platform/status_macros.h"
#include "sisl/matching/v1/proposal_events.pb.h"

namespace sisl::enterprise::events {

void ConsumeMatching(platform::events::EventDispatcher& dispatcher, VacancyManager& vacancies,
                     const platform::Clock& clock, const std::string& source) {
  dispatcher.On<::sisl::matching::v1::VacancyPositionFilled>(
      [&vacancies, &clock, source](platform::db::Transaction& tx,
                                   const ::sisl::matching::v1::VacancyPositionFilled& e,
                                   const platform::events::EventMeta&) -> absl::Status {
        if (!e.all_filled()) return absl::OkStatus();
        platform::outbox::EventWriter events(tx, clock, source);
        RETURN_IF_ERROR(vacancies.CloseFilled(tx, events, e.vacancy_id()));
        return events.Flush();
      });
}

}  // namespace sisl::enterprise::events
