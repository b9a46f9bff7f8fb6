#include "services/enterprise/app/vacancies.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/enterprise/app/access.h"
#include "services/enterprise/app/places.h"
#include "services/enterprise/events/enterprise_events.h"
#include "services/enterprise/store/company_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace {

using platform::auth::Caller;
using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "VACANCY_NOT_FOUND",
                         "no vacancy with this id");
}

// Writes the vacancy and the event of its step, if any.
absl::StatusOr<store::StoredVacancy> Save(Transaction& tx, EventWriter& events, const Vacancy& v,
                                          VacancyAction action, absl::Time now) {
  RETURN_IF_ERROR(
      store::VacancyStore::Update(tx, v, PlaceOf(v.content.workplace_municipality), now));
  ASSIGN_OR_RETURN(store::StoredVacancy saved, store::VacancyStore::Get(tx, v.id));
  if (auto event = events::VacancyStepEvent(saved, action); event != nullptr) {
    RETURN_IF_ERROR(events.Emit(v.id, *event));
  }
  return saved;
}

// The steps that put a vacancy in or out of the public search (those with an event).
bool ChangesPublication(VacancyAction action) {
  return action == VacancyAction::kPublish || action == VacancyAction::kSuspend ||
         action == VacancyAction::kResume || action == VacancyAction::kClose;
}

}  // namespace

absl::StatusOr<store::StoredVacancy> VacancyManager::Create(const Caller& caller,
                                                            const VacancyContent& content,
                                                            const std::string& request_id) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  store::StoredVacancy out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter&) {
    RETURN_IF_ERROR(RequireCompanyScope(tx, caller, caller.acting_for, DelegationScope::kVacancies,
                                        today, deps_.person_ids)
                        .status());
    ASSIGN_OR_RETURN(out,
                     platform::db::CreateOnce<store::StoredVacancy>(
                         tx, {"enterprise.CreateVacancy", caller.subject, request_id}, now,
                         [&](const std::string& id) { return store::VacancyStore::Get(tx, id); },
                         [&]() -> absl::StatusOr<store::StoredVacancy> {
                           Vacancy v;
                           v.id = platform::NewUuidV7(deps_.clock);
                           v.company = caller.acting_for;
                           v.content = content;
                           v.state = VacancyState::kDraft;
                           RETURN_IF_ERROR(store::VacancyStore::Insert(
                               tx, v, PlaceOf(content.workplace_municipality), now));
                           return store::VacancyStore::Get(tx, v.id);
                         },
                         [](const store::StoredVacancy& v) { return v.vacancy.id; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<store::StoredVacancy> VacancyManager::Update(const Caller& caller,
                                                            const std::string& id,
                                                            const VacancyContent& content) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  store::StoredVacancy out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(store::StoredVacancy current, store::VacancyStore::Get(tx, id));
    if (caller.acting_for != current.vacancy.company) return NotFound();
    RETURN_IF_ERROR(RequireCompanyScope(tx, caller, current.vacancy.company,
                                        DelegationScope::kVacancies, today, deps_.person_ids)
                        .status());
    ASSIGN_OR_RETURN(Vacancy next, EditContent(current.vacancy, content));
    ASSIGN_OR_RETURN(out, Save(tx, events, next, VacancyAction::kUnspecified, now));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::pair<store::StoredVacancy, VacancyReader>> VacancyManager::Get(
    const Caller& caller, const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(store::StoredVacancy v, store::VacancyStore::Get(*tx, id));
  if (caller.role == Role::kAdmin ||
      (caller.role == Role::kOperator && caller.cpi_code == v.cpi_code)) {
    return std::make_pair(std::move(v), VacancyReader::kStaff);
  }
  if (caller.acting_for == v.vacancy.company &&
      RequireCompanyScope(*tx, caller, v.vacancy.company, DelegationScope::kVacancies,
                          platform::TodayInItaly(deps_.clock), deps_.person_ids)
          .ok()) {
    return std::make_pair(std::move(v), VacancyReader::kCompany);
  }
  if (v.vacancy.state == VacancyState::kPublished) {
    return std::make_pair(std::move(v), VacancyReader::kPublic);
  }
  return NotFound();
}

absl::StatusOr<store::StoredVacancy> VacancyManager::Transition(const Caller& caller,
                                                                const std::string& id,
                                                                const VacancyStep& step) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  store::StoredVacancy out;
  bool published = false;  // the step changes what the public search finds
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(store::StoredVacancy current, store::VacancyStore::Get(tx, id));
    VacancyTransition t{step.action,
                        VacancyActorRole::kUnspecified,
                        caller.subject,
                        step.reasons,
                        step.closure,
                        today,
                        now};
    if (caller.role == Role::kAdmin ||
        (caller.role == Role::kOperator && caller.cpi_code == current.cpi_code)) {
      t.role = VacancyActorRole::kOperator;
    } else if (caller.acting_for == current.vacancy.company) {
      ASSIGN_OR_RETURN(t.actor,
                       RequireCompanyScope(tx, caller, current.vacancy.company,
                                           DelegationScope::kVacancies, today, deps_.person_ids));
      t.role = VacancyActorRole::kCompany;
    } else if (caller.role == Role::kOperator) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "OUTSIDE_OPERATOR_CPI",
                             "the vacancy is reviewed by the CPI of its workplace",
                             {{"cpi_code", current.cpi_code}});
    } else {
      return NotFound();
    }
    ASSIGN_OR_RETURN(Vacancy next, ApplyTransition(current.vacancy, t));
    VacancyAction done = step.action;
    // An approved vacancy whose publication day has come goes online at once.
    if (step.action == VacancyAction::kApprove && next.content.publication_date <= today) {
      t.action = VacancyAction::kPublish;
      t.reasons.clear();
      ASSIGN_OR_RETURN(next, ApplyTransition(next, t));
      done = VacancyAction::kPublish;
    }
    ASSIGN_OR_RETURN(out, Save(tx, events, next, done, now));
    published = ChangesPublication(done);
    return absl::OkStatus();
  }));
  if (published) RefreshIndex({id});
  return out;
}

absl::StatusOr<VacancyPage> VacancyManager::List(const Caller& caller,
                                                 const std::vector<VacancyState>& states,
                                                 int page_size, const std::string& page_token) {
  std::string company, cpi;
  if (caller.role == Role::kOperator) {
    cpi = caller.cpi_code;
  } else if (caller.role != Role::kAdmin) {
    company = caller.acting_for;
  }
  std::vector<std::string> names;
  for (VacancyState s : states) names.emplace_back(VacancyStateName(s));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 20, 100));
  const std::string fingerprint = absl::StrCat(company, "|", cpi, "|", absl::StrJoin(names, ","));
  ASSIGN_OR_RETURN(std::string after, platform::DecodePageToken(page_token, fingerprint));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  if (!company.empty() || caller.role == Role::kCitizen) {
    RETURN_IF_ERROR(RequireCompanyScope(*tx, caller, company, DelegationScope::kVacancies,
                                        platform::TodayInItaly(deps_.clock), deps_.person_ids)
                        .status());
  }
  VacancyPage page;
  ASSIGN_OR_RETURN(page.vacancies,
                   store::VacancyStore::List(*tx, company, cpi, names, after, size + 1));
  if (static_cast<int>(page.vacancies.size()) > size) {
    page.vacancies.resize(size);
    page.next_page_token = platform::EncodePageToken(page.vacancies.back().vacancy.id, fingerprint);
  }
  return page;
}

absl::StatusOr<int> VacancyManager::RunSchedule(int limit) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  int changed = 0;
  std::vector<std::string> ids;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    changed = 0;
    ids.clear();
    ASSIGN_OR_RETURN(auto due, store::VacancyStore::DueToPublish(tx, today, limit));
    for (const store::StoredVacancy& v : due) {
      ASSIGN_OR_RETURN(Vacancy next, ApplyTransition(v.vacancy, {VacancyAction::kPublish,
                                                                 VacancyActorRole::kSystem,
                                                                 std::string(kSystemActor),
                                                                 {},
                                                                 ClosureReason::kUnspecified,
                                                                 today,
                                                                 now}));
      RETURN_IF_ERROR(Save(tx, events, next, VacancyAction::kPublish, now).status());
      ids.push_back(v.vacancy.id);
      ++changed;
    }
    ASSIGN_OR_RETURN(auto overdue, store::VacancyStore::Overdue(tx, today, limit));
    for (const store::StoredVacancy& v : overdue) {
      ASSIGN_OR_RETURN(Vacancy next, Expire(v.vacancy, today, now));
      RETURN_IF_ERROR(Save(tx, events, next, VacancyAction::kClose, now).status());
      ids.push_back(v.vacancy.id);
      ++changed;
    }
    return absl::OkStatus();
  }));
  RefreshIndex(ids);
  return changed;
}

absl::Status VacancyManager::CloseFilled(Transaction& tx, EventWriter& events,
                                         const std::string& vacancy_id) {
  absl::StatusOr<store::StoredVacancy> v = store::VacancyStore::Get(tx, vacancy_id);
  if (absl::IsNotFound(v.status())) return absl::OkStatus();  // not this deployment's
  RETURN_IF_ERROR(v.status());
  const VacancyState state = v->vacancy.state;
  if (state != VacancyState::kPublished && state != VacancyState::kSuspended) {
    return absl::OkStatus();
  }
  const absl::Time now = deps_.clock.Now();
  ASSIGN_OR_RETURN(Vacancy next, ApplyTransition(v->vacancy, {VacancyAction::kClose,
                                                               VacancyActorRole::kSystem,
                                                               std::string(kSystemActor),
                                                               {},
                                                               ClosureReason::kFilled,
                                                               platform::TodayInItaly(deps_.clock),
                                                               now}));
  // The search index learns it from the VacancyClosed event (its projection), not from a read
  // here: this transaction is the consumer's and has not committed yet.
  return Save(tx, events, next, VacancyAction::kClose, now).status();
}

void VacancyManager::RefreshIndex(const std::vector<std::string>& ids) {
  if (index_ == nullptr || ids.empty()) return;
  if (absl::Status st = index_->Refresh(ids); !st.ok()) {
    platform::log::Warn("vacancy search index: cannot re-read committed vacancies",
                        {{"error", st.ToString()}});
  }
}

}  // namespace sisl::enterprise
