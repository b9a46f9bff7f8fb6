#include "services/enterprise/api/vacancies_service.h"

#include "services/enterprise/api/mapping.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
namespace {

using platform::Call;

VacancyAudience AudienceOf(VacancyReader reader) {
  switch (reader) {
    case VacancyReader::kStaff:
      return VacancyAudience::kStaff;
    case VacancyReader::kCompany:
      return VacancyAudience::kCompany;
    default:
      return VacancyAudience::kPublic;
  }
}

}  // namespace

grpc::Status VacanciesServiceImpl::CreateVacancy(grpc::ServerContext* context,
                                                 const v1::CreateVacancyRequest* r,
                                                 v1::CreateVacancyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(VacancyContent content, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(store::StoredVacancy v,
                     vacancies_.Create(call.caller, content, r->request_id()));
    *out->mutable_vacancy() = VacancyToProto(v, VacancyAudience::kCompany);
    return absl::OkStatus();
  });
}

grpc::Status VacanciesServiceImpl::UpdateVacancy(grpc::ServerContext* context,
                                                 const v1::UpdateVacancyRequest* r,
                                                 v1::UpdateVacancyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(VacancyContent content, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(store::StoredVacancy v,
                     vacancies_.Update(call.caller, r->vacancy_id(), content));
    *out->mutable_vacancy() = VacancyToProto(v, VacancyAudience::kCompany);
    return absl::OkStatus();
  });
}

grpc::Status VacanciesServiceImpl::GetVacancy(grpc::ServerContext* context,
                                              const v1::GetVacancyRequest* r,
                                              v1::GetVacancyResponse* out) {
  return calls_.Public(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(auto found, vacancies_.Get(call.caller, r->vacancy_id()));
    *out->mutable_vacancy() = VacancyToProto(found.first, AudienceOf(found.second));
    return absl::OkStatus();
  });
}

grpc::Status VacanciesServiceImpl::TransitionVacancy(grpc::ServerContext* context,
                                                     const v1::TransitionVacancyRequest* r,
                                                     v1::TransitionVacancyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    VacancyStep step;
    step.action = ToDomainEnum(r->action(), VacancyAction::kClose);
    if (step.action == VacancyAction::kUnspecified) {
      return platform::InvalidField("ACTION_REQUIRED", "action", "name the step to take");
    }
    step.reasons.assign(r->reasons().begin(), r->reasons().end());
    step.closure = ToDomainEnum(r->closure_reason(), ClosureReason::kWithdrawn);
    ASSIGN_OR_RETURN(store::StoredVacancy v,
                     vacancies_.Transition(call.caller, r->vacancy_id(), step));
    const bool staff = call.caller.role == platform::auth::Role::kOperator ||
                       call.caller.role == platform::auth::Role::kAdmin;
    *out->mutable_vacancy() =
        VacancyToProto(v, staff ? VacancyAudience::kStaff : VacancyAudience::kCompany);
    return absl::OkStatus();
  });
}

grpc::Status VacanciesServiceImpl::ListVacancies(grpc::ServerContext* context,
                                                 const v1::ListVacanciesRequest* r,
                                                 v1::ListVacanciesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    std::vector<VacancyState> states;
    for (int s : r->states()) {
      states.push_back(ToDomainEnum(static_cast<v1::VacancyState>(s), VacancyState::kClosed));
    }
    ASSIGN_OR_RETURN(VacancyPage page,
                     vacancies_.List(call.caller, states, r->page_size(), r->page_token()));
    const bool staff = call.caller.role == platform::auth::Role::kOperator ||
                       call.caller.role == platform::auth::Role::kAdmin;
    for (const store::StoredVacancy& v : page.vacancies) {
      *out->add_vacancies() =
          VacancyToProto(v, staff ? VacancyAudience::kStaff : VacancyAudience::kCompany);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status VacanciesServiceImpl::SearchVacancies(grpc::ServerContext* context,
                                                   const v1::SearchVacanciesRequest* r,
                                                   v1::SearchVacanciesResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    PublicSearch s{r->text(),      r->profession_code(), r->province(),     r->municipality(),
                   r->radius_km(), r->contract_type(),   r->working_time(), r->l68_reserved(),
                   r->page_size(), r->page_token()};
    ASSIGN_OR_RETURN(VacancyPage page, vacancies_.Search(s));
    for (const store::StoredVacancy& v : page.vacancies) {
      *out->add_vacancies() = VacancyToProto(v, VacancyAudience::kPublic);
    }
    out->set_next_page_token(page.next_page_token);
    out->set_total_size(static_cast<int32_t>(page.total_size));
    return absl::OkStatus();
  });
}

}  // namespace sisl::enterprise::api
