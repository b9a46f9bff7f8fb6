#include "services/matching/app/proposals.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/matching/events/matching_events.h"
#include "services/platform/clock.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::matching {
namespace {

using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::Status ProposalNotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "PROPOSAL_NOT_FOUND",
                         "no proposal with this id");
}

absl::StatusOr<store::ReplicatedVacancy> VacancyOf(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> v, store::VacancyReplica::Find(tx, id));
  if (!v) {
    return platform::Error(absl::StatusCode::kNotFound, "VACANCY_NOT_FOUND",
                           "no published vacancy with this id");
  }
  return *std::move(v);
}

// Who the caller is for `p` of `v`, or PERMISSION_DENIED.
absl::StatusOr<Actor> ActorFor(const Caller& caller, const Proposal& p,
                               const store::ReplicatedVacancy& v) {
  if (caller.role == Role::kCitizen) {
    if (caller.subject == p.person_id) return Actor::kCitizen;
    return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_YOUR_PROPOSAL",
                           "this proposal is someone else's");
  }
  if (caller.role == Role::kCompany || caller.role == Role::kConsultant) {
    RETURN_IF_ERROR(RequireCompany(caller, v.vacancy.company_id));
    return Actor::kCompany;
  }
  RETURN_IF_ERROR(RequireStaffOf(caller, v.vacancy.cpi_code));
  return Actor::kOperator;
}

// The view of `p` for `actor`: names for operators, the candidate, and the company unless the
// profile is anonymous.
absl::StatusOr<ProposalView> ViewOf(Transaction& tx, Proposal p, store::ReplicatedVacancy v,
                                    Actor actor, bool with_profile) {
  ProposalView view{std::move(p), std::move(v), "", "", std::nullopt};
  ASSIGN_OR_RETURN(std::optional<store::StoredProfile> profile,
                   store::ProfileStore::Find(tx, view.proposal.person_id));
  if (!profile) return view;
  const bool anonymous = profile->profile.visibility == Visibility::kAnonymous;
  if (actor != Actor::kCompany || !anonymous) {
    view.given_name = profile->given_name;
    view.family_name = profile->family_name;
  }
  if (with_profile) {
    view.profile = profile->profile;
    if (actor == Actor::kCompany) {  // health-related and welfare data stay with the CPI
      view.profile->l68 = L68Category::kNone;
      view.profile->unemployed_since.reset();
    }
  }
  return view;
}

}  // namespace

absl::Status SaveStep(Transaction& tx, EventWriter& events, const Proposal& p, size_t known_steps,
                      const store::ReplicatedVacancy& vacancy, absl::Time now) {
  RETURN_IF_ERROR(store::ProposalStore::Update(tx, p, known_steps, now));
  return events.Emit(p.person_id, events::ProposalChangedOf(p, vacancy.vacancy, vacancy.title));
}

absl::Status FillPosition(Transaction& tx, EventWriter& events, const Deps& deps,
                          store::ReplicatedVacancy& v, const std::string& proposal_id,
                          const std::string& communication_code) {
  v.vacancy.positions_filled = std::min(v.vacancy.positions, v.vacancy.positions_filled + 1);
  v.updated_at = deps.clock.Now();
  RETURN_IF_ERROR(store::VacancyReplica::Put(tx, v));
  v1::VacancyPositionFilled e;
  e.set_vacancy_id(v.vacancy.id);
  e.set_company_fiscal_code(v.vacancy.company_id);
  e.set_proposal_id(proposal_id);
  e.set_positions(v.vacancy.positions);
  e.set_positions_filled(v.vacancy.positions_filled);
  e.set_all_filled(v.vacancy.positions_filled >= v.vacancy.positions);
  e.set_communication_code(communication_code);
  RETURN_IF_ERROR(events.Emit(v.vacancy.id, e));
  deps.index.UpsertVacancy(v.vacancy);
  return absl::OkStatus();
}

absl::StatusOr<ProposalView> Proposals::Shortlist(const Caller& caller,
                                                  const std::string& vacancy_id,
                                                  const std::string& person_id,
                                                  const std::string& note,
                                                  const std::string& request_id) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ProposalView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(tx, vacancy_id));
    RETURN_IF_ERROR(RequireStaffOf(caller, v.vacancy.cpi_code));
    if (!IsOpen(v.vacancy)) {
      return platform::Error(absl::StatusCode::kFailedPrecondition, "VACANCY_NOT_OPEN",
                             "the vacancy is not published or has no position left");
    }
    ASSIGN_OR_RETURN(std::optional<store::StoredProfile> profile,
                     store::ProfileStore::Find(tx, person_id));
    if (!profile) {
      return platform::Error(absl::StatusCode::kNotFound, "PROFILE_NOT_FOUND",
                             "this person has no profile");
    }
    if (!IsValidOn(profile->profile, today)) {
      return platform::Error(absl::StatusCode::kFailedPrecondition, "PROFILE_NOT_VALID",
                             "the profile is not validated or has expired");
    }
    const platform::db::RequestKey key{"matching.ShortlistCandidate", caller.subject, request_id};
    ASSIGN_OR_RETURN(
        Proposal p,
        platform::db::CreateOnce<Proposal>(
            tx, key, deps_.clock.Now(),
            [&](const std::string& id) -> absl::StatusOr<Proposal> {
              ASSIGN_OR_RETURN(std::optional<Proposal> found, store::ProposalStore::Find(tx, id));
              if (!found) return ProposalNotFound();
              return *std::move(found);
            },
            [&]() -> absl::StatusOr<Proposal> {
              Proposal p;
              p.id = platform::NewUuidV7(deps_.clock);
              p.vacancy_id = vacancy_id;
              p.person_id = person_id;
              absl::StatusOr<WhyNot> why = deps_.index.Explain(
                  vacancy_id, person_id, MatchQuery{today, /*operator_run=*/true, 0});
              p.score = why.ok() && why->matches ? why->score : 0;
              p.history.push_back({ProposalAction::kShortlist, ProposalState::kShortlisted,
                                   ProposalState::kShortlisted, Actor::kOperator, caller.subject,
                                   deps_.clock.Now(), note});
              absl::Status inserted = store::ProposalStore::Insert(tx, p, deps_.clock.Now());
              if (absl::IsAlreadyExists(inserted)) {
                return platform::Error(absl::StatusCode::kAlreadyExists, "PROPOSAL_EXISTS",
                                       "this person is already on this vacancy's list");
              }
              RETURN_IF_ERROR(inserted);
              RETURN_IF_ERROR(
                  events.Emit(person_id, events::ProposalChangedOf(p, v.vacancy, v.title)));
              return p;
            },
            [](const Proposal& p) { return p.id; }));
    ASSIGN_OR_RETURN(out, ViewOf(tx, std::move(p), std::move(v), Actor::kOperator, false));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ProposalPage> Proposals::OfVacancy(const Caller& caller,
                                                  const std::string& vacancy_id, int page_size,
                                                  const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("vacancy-proposals/", vacancy_id);
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(*tx, vacancy_id));
  RETURN_IF_ERROR(RequireStaffOf(caller, v.vacancy.cpi_code));
  ASSIGN_OR_RETURN(std::vector<Proposal> found,
                   store::ProposalStore::OfVacancy(*tx, vacancy_id, cursor, size + 1));
  ProposalPage page;
  if (static_cast<int>(found.size()) > size) {
    found.resize(size);
    page.next_page_token = platform::EncodePageToken(found.back().id, query);
  }
  for (Proposal& p : found) {
    ASSIGN_OR_RETURN(ProposalView view, ViewOf(*tx, std::move(p), v, Actor::kOperator, false));
    page.proposals.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<ProposalView> Proposals::Transition(const Caller& caller,
                                                   const std::string& proposal_id, StepInput in) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ProposalView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Proposal> found, store::ProposalStore::Find(tx, proposal_id));
    if (!found) return ProposalNotFound();
    Proposal p = *std::move(found);
    ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(tx, p.vacancy_id));
    ASSIGN_OR_RETURN(in.actor, ActorFor(caller, p, v));
    in.actor_id = caller.subject;
    const size_t known = p.history.size();
    RETURN_IF_ERROR(ApplyStep(p, in, today, deps_.clock.Now()));
    RETURN_IF_ERROR(SaveStep(tx, events, p, known, v, deps_.clock.Now()));
    if (p.state == ProposalState::kHired) {
      RETURN_IF_ERROR(FillPosition(tx, events, deps_, v, p.id, ""));
    }
    ASSIGN_OR_RETURN(out, ViewOf(tx, std::move(p), std::move(v), in.actor, false));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ProposalView> Proposals::Get(const Caller& caller, const std::string& proposal_id) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(std::optional<Proposal> found, store::ProposalStore::Find(*tx, proposal_id));
  if (!found) return ProposalNotFound();
  ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(*tx, found->vacancy_id));
  absl::StatusOr<Actor> actor = ActorFor(caller, *found, v);
  if (!actor.ok()) return ProposalNotFound();  // nothing said of others' proposals
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  if (*actor == Actor::kCompany &&
      (!IsWithCompany(found->state) || !found->visible_from || today < *found->visible_from)) {
    return ProposalNotFound();
  }
  return ViewOf(*tx, *std::move(found), std::move(v), *actor, *actor == Actor::kCompany);
}

absl::StatusOr<ProposalPage> Proposals::Mine(const Caller& caller, int page_size,
                                             const std::string& page_token) {
  RETURN_IF_ERROR(RequireCitizen(caller));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = "my-proposals";
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(std::vector<Proposal> found,
                   store::ProposalStore::OfPerson(*tx, caller.subject, cursor, size + 1));
  ProposalPage page;
  if (static_cast<int>(found.size()) > size) {
    found.resize(size);
    page.next_page_token = platform::EncodePageToken(found.back().id, query);
  }
  for (Proposal& p : found) {
    // A shortlist is the operator's working list: the person sees proposals from PROPOSE on.
    if (p.state == ProposalState::kShortlisted || p.state == ProposalState::kRemoved) continue;
    ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(*tx, p.vacancy_id));
    ASSIGN_OR_RETURN(ProposalView view,
                     ViewOf(*tx, std::move(p), std::move(v), Actor::kCitizen, false));
    page.proposals.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<ProposalPage> Proposals::SentToCompany(const Caller& caller,
                                                      const std::string& vacancy_id, int page_size,
                                                      const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("sent/", vacancy_id);
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(*tx, vacancy_id));
  RETURN_IF_ERROR(RequireCompany(caller, v.vacancy.company_id));
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ASSIGN_OR_RETURN(std::vector<Proposal> found,
                   store::ProposalStore::OfVacancy(*tx, vacancy_id, cursor, size + 1));
  ProposalPage page;
  if (static_cast<int>(found.size()) > size) {
    found.resize(size);
    page.next_page_token = platform::EncodePageToken(found.back().id, query);
  }
  for (Proposal& p : found) {
    if (!IsWithCompany(p.state) || !p.visible_from || today < *p.visible_from) continue;
    ASSIGN_OR_RETURN(ProposalView view, ViewOf(*tx, std::move(p), v, Actor::kCompany, true));
    page.proposals.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<int> Proposals::LapseDue(int batch) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  int lapsed = 0;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Proposal> due, store::ProposalStore::Lapsing(tx, today, batch));
    for (Proposal& p : due) {
      ASSIGN_OR_RETURN(store::ReplicatedVacancy v, VacancyOf(tx, p.vacancy_id));
      const size_t known = p.history.size();
      StepInput in;
      in.action = ProposalAction::kLapse;
      in.actor = Actor::kSystem;
      RETURN_IF_ERROR(ApplyStep(p, in, today, deps_.clock.Now()));
      RETURN_IF_ERROR(SaveStep(tx, events, p, known, v, deps_.clock.Now()));
      ++lapsed;
    }
    return absl::OkStatus();
  }));
  return lapsed;
}

}  // namespace sisl::matching
