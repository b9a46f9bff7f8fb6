#ifndef SISL_ENTERPRISE_EVENTS_ENTERPRISE_EVENTS_H_
#define SISL_ENTERPRISE_EVENTS_ENTERPRISE_EVENTS_H_

// What the enterprise service publishes (proto/sisl/enterprise/v1/*_events.proto). Events name
// persons by pseudonymous person id only.

#include <memory>
#include <string>

#include "google/protobuf/message.h"
#include "services/enterprise/domain/delegation.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/vacancy_store.h"
#include "services/platform/auth/person_id.h"

namespace sisl::enterprise::events {

std::unique_ptr<google::protobuf::Message> CompanyRegisteredEvent(const store::StoredCompany& c);
std::unique_ptr<google::protobuf::Message> CompanyUpdatedEvent(
    const store::StoredCompany& c, const std::vector<std::string>& changed_fields);

std::unique_ptr<google::protobuf::Message> DelegationEvent(
    const Delegation& d, const platform::auth::PersonIdHasher& person_ids);

// The event of a life-cycle step matching follows: publish (VacancyPublished), suspend or resume
// (VacancyChanged), close (VacancyClosed); null for the steps before publication.
std::unique_ptr<google::protobuf::Message> VacancyStepEvent(const store::StoredVacancy& v,
                                                            VacancyAction action);

}  // namespace sisl::enterprise::events

#endif  // SISL_ENTERPRISE_EVENTS_ENTERPRISE_EVENTS_H_
