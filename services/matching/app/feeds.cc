#include "services/matching/app/feeds.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/app/proposals.h"
#include "services/matching/events/matching_events.h"
#include "services/platform/clock.h"
#include "services/platform/status_macros.h"

namespace sisl::matching {

using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::Status ApplyVacancy(Transaction& tx, const Deps& deps, store::ReplicatedVacancy incoming) {
  ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> stored,
                   store::VacancyReplica::Find(tx, incoming.vacancy.id));
  if (stored) {
    incoming.vacancy.positions_filled =
        std::min(incoming.vacancy.positions, stored->vacancy.positions_filled);
  }
  incoming.updated_at = deps.clock.Now();
  RETURN_IF_ERROR(store::VacancyReplica::Put(tx, incoming));
  deps.index.UpsertVacancy(incoming.vacancy);
  return absl::OkStatus();
}

void MergeExperience(CandidateProfile& p, const store::RelationshipSeed& seed) {
  if (seed.profession_code.empty()) return;
  Experience e{seed.profession_code,
               seed.employer_id.size() == 11 ? seed.employer_id : "datore di lavoro privato",
               seed.start, seed.open ? std::nullopt : seed.end, seed.relationship_id};
  auto known = std::find_if(p.experiences.begin(), p.experiences.end(), [&](const Experience& x) {
    return x.relationship_id == seed.relationship_id;
  });
  if (known == p.experiences.end()) {
    p.experiences.push_back(std::move(e));
  } else {
    *known = std::move(e);
  }
}

absl::Status ApplyRelationship(Transaction& tx, EventWriter& events, const Deps& deps,
                               const store::RelationshipSeed& seed) {
  RETURN_IF_ERROR(store::RelationshipSeeds::Put(tx, seed, deps.clock.Now()));
  ASSIGN_OR_RETURN(std::optional<store::StoredProfile> p,
                   store::ProfileStore::Find(tx, seed.person_id));
  if (!p || seed.profession_code.empty()) return absl::OkStatus();
  MergeExperience(p->profile, seed);
  p->updated_at = deps.clock.Now();
  RETURN_IF_ERROR(store::ProfileStore::Put(tx, *p));
  RETURN_IF_ERROR(
      events.Emit(seed.person_id, events::ProfileChangedOf(seed.person_id, p->profile.cpi_code)));
  deps.index.UpsertProfile(p->profile);
  return absl::OkStatus();
}

absl::Status ForgetRelationship(Transaction& tx, const std::string& relationship_id) {
  return store::RelationshipSeeds::Remove(tx, relationship_id);
}

absl::Status ApplyHire(Transaction& tx, EventWriter& events, const Deps& deps, const Hire& hire) {
  const absl::CivilDay today = platform::TodayInItaly(deps.clock);
  ASSIGN_OR_RETURN(std::optional<store::StoredProfile> p,
                   store::ProfileStore::Find(tx, hire.person_id));
  if (p && p->profile.availability != Availability::kEmployed) {
    p->profile.availability = Availability::kEmployed;
    p->updated_at = deps.clock.Now();
    RETURN_IF_ERROR(store::ProfileStore::Put(tx, *p));
    v1::ProfileEmployed employed;
    employed.set_person_id(hire.person_id);
    employed.set_cpi_code(p->profile.cpi_code);
    employed.set_since(absl::FormatCivilTime(hire.start));
    employed.set_communication_code(hire.communication_code);
    RETURN_IF_ERROR(events.Emit(hire.person_id, employed));
    RETURN_IF_ERROR(
        events.Emit(hire.person_id, events::ProfileChangedOf(hire.person_id, p->profile.cpi_code)));
    deps.index.UpsertProfile(p->profile);
  }
  // The person's proposals with the hiring company, sent to it (or at interview).
  std::string after;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<Proposal> page,
                     store::ProposalStore::OfPerson(tx, hire.person_id, after, 100));
    if (page.empty()) break;
    after = page.back().id;
    for (Proposal& proposal : page) {
      if (proposal.state != ProposalState::kSent && proposal.state != ProposalState::kInterview) {
        continue;
      }
      ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> v,
                       store::VacancyReplica::Find(tx, proposal.vacancy_id));
      if (!v || (v->vacancy.company_id != hire.employer_id &&
                 v->vacancy.company_id != hire.mission_user_id)) {
        continue;
      }
      const size_t known = proposal.history.size();
      StepInput in;
      in.action = ProposalAction::kRecordOutcome;
      in.actor = Actor::kSystem;
      in.outcome = ProposalState::kHired;
      in.note = absl::StrCat("hire communicated: ", hire.communication_code);
      RETURN_IF_ERROR(ApplyStep(proposal, in, today, deps.clock.Now()));
      RETURN_IF_ERROR(SaveStep(tx, events, proposal, known, *v, deps.clock.Now()));
      RETURN_IF_ERROR(FillPosition(tx, events, deps, *v, proposal.id, hire.communication_code));
    }
  }
  return absl::OkStatus();
}

}  // namespace sisl::matching
