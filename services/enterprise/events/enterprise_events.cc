#include "services/enterprise/events/enterprise_events.h"

#include "services/enterprise/api/mapping.h"
#include "sisl/enterprise/v1/company_events.pb.h"
#include "sisl/enterprise/v1/delegation_events.pb.h"
#include "sisl/enterprise/v1/vacancy_events.pb.h"

namespace sisl::enterprise::events {

std::unique_ptr<google::protobuf::Message> CompanyRegisteredEvent(const store::StoredCompany& c) {
  auto e = std::make_unique<v1::CompanyRegistered>();
  *e->mutable_company() = api::CompanyToProto(c);
  return e;
}

std::unique_ptr<google::protobuf::Message> CompanyUpdatedEvent(
    const store::StoredCompany& c, const std::vector<std::string>& changed_fields) {
  auto e = std::make_unique<v1::CompanyUpdated>();
  *e->mutable_company() = api::CompanyToProto(c);
  for (const std::string& f : changed_fields) e->add_changed_fields(f);
  return e;
}

std::unique_ptr<google::protobuf::Message> DelegationEvent(
    const Delegation& d, const platform::auth::PersonIdHasher& person_ids) {
  auto e = std::make_unique<v1::DelegationChanged>();
  e->set_delegation_id(d.id);
  e->set_company_fiscal_code(d.company);
  e->set_kind(api::ToProtoEnum<v1::DelegationKind>(d.kind));
  e->set_holder_person_id(person_ids.PersonId(d.holder));
  for (DelegationScope s : d.scopes) e->add_scopes(api::ToProtoEnum<v1::DelegationScope>(s));
  e->set_state(api::ToProtoEnum<v1::DelegationState>(d.state));
  static constexpr const char* kActs[] = {
      "", "record_legal_representative", "grant", "accept", "revoke", "expire"};
  if (!d.acts.empty()) e->set_act(kActs[static_cast<int>(d.acts.back().kind)]);
  return e;
}

std::unique_ptr<google::protobuf::Message> VacancyStepEvent(const store::StoredVacancy& v,
                                                            VacancyAction action) {
  // Matching sees what the public sees, plus the company (it proposes candidates to it).
  v1::Vacancy proto = api::VacancyToProto(v, api::VacancyAudience::kPublic);
  proto.set_company_fiscal_code(v.vacancy.company);
  proto.set_company_name(v.company_name);
  switch (action) {
    case VacancyAction::kPublish: {
      auto e = std::make_unique<v1::VacancyPublished>();
      *e->mutable_vacancy() = std::move(proto);
      return e;
    }
    case VacancyAction::kSuspend:
    case VacancyAction::kResume: {
      auto e = std::make_unique<v1::VacancyChanged>();
      *e->mutable_vacancy() = std::move(proto);
      e->set_change(action == VacancyAction::kSuspend ? "suspend" : "resume");
      return e;
    }
    case VacancyAction::kClose: {
      auto e = std::make_unique<v1::VacancyClosed>();
      e->set_vacancy_id(v.vacancy.id);
      e->set_company_fiscal_code(v.vacancy.company);
      e->set_closure_reason(api::ToProtoEnum<v1::ClosureReason>(v.vacancy.closure));
      *e->mutable_vacancy() = std::move(proto);
      return e;
    }
    default:
      return nullptr;
  }
}

}  // namespace sisl::enterprise::events
