#include "services/communications/app/employer_change.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/communications/domain/relationship.h"
#include "services/communications/events/communication_events.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications {
namespace {

using store::StoredCommunication;
using store::StoredRelationship;

bool SameCode(absl::string_view a, absl::string_view b) {
  return reference::NormalizeFiscalCode(a) == reference::NormalizeFiscalCode(b);
}

bool Amends(const Communication& c) {
  return c.nature == Nature::kCorrection || c.nature == Nature::kCancellation;
}

// The relationship, open with the change's previous employer on the change's day (a fixed-term
// one whose planned end came before it ended then, with no termination to communicate).
bool MovableBy(const RelationshipState& s, const EmployerChange& change) {
  return s.status == RelationshipStatus::kOpen &&
         SameCode(s.employer_fiscal_code, change.previous_fiscal_code) &&
         (!s.end || *s.end >= change.date);
}

// The last of the communications in force that is not a cancellation.
std::string LastStep(const std::vector<StoredCommunication>& in_force) {
  for (auto it = in_force.rbegin(); it != in_force.rend(); ++it) {
    if (it->communication.nature != Nature::kCancellation) return it->communication.code;
  }
  return "";
}

std::vector<const Communication*> Steps(const std::vector<StoredCommunication>& in_force) {
  std::vector<const Communication*> out;
  for (const StoredCommunication& f : in_force) out.push_back(&f.communication);
  return out;
}

}  // namespace

absl::Status LoadEmployerChange(store::FilingStore& store, const Communication& c,
                                FilingContext& context) {
  std::set<std::string> ids;
  auto add = [&](StoredRelationship r) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<StoredCommunication> in_force, store.InForce(r.id));
    ids.insert(r.id);
    context.employer_change.push_back({std::move(r), std::move(in_force)});
    return absl::OkStatus();
  };
  // A correction or cancellation re-folds what the change it amends moved.
  if (Amends(c) && context.referenced &&
      context.referenced->communication.form == Form::kVardatori) {
    bool last = context.referenced->state == store::StoredState::kAccepted;
    ASSIGN_OR_RETURN(std::vector<store::EmployerChangeLink> links, store.LinksOf(c.previous_code));
    for (const store::EmployerChangeLink& link : links) {
      ASSIGN_OR_RETURN(StoredRelationship r, store.Relationship(link.relationship_id));
      RETURN_IF_ERROR(add(std::move(r)));
      last = last && LastStep(context.employer_change.back().in_force) == c.previous_code;
    }
    context.rules.referenced_is_last = last;
  }
  if (c.nature == Nature::kCancellation || !c.employer_change) return absl::OkStatus();
  const EmployerChange& change = *c.employer_change;
  const bool moves_key = !SameCode(change.previous_fiscal_code, c.employer.fiscal_code);
  for (const std::string& listed : change.worker_fiscal_codes) {
    const std::string worker = reference::NormalizeFiscalCode(listed);
    bool found = false;
    ASSIGN_OR_RETURN(std::vector<StoredRelationship> relationships,
                     store.WorkerRelationships(worker));
    for (StoredRelationship& r : relationships) {
      if (ids.contains(r.id)) {  // moved by the change this one corrects
        found = true;
        continue;
      }
      if (!MovableBy(r.state, change)) continue;
      if (moves_key) {  // the new employer holds the worker's relationship from that day already
        ASSIGN_OR_RETURN(std::optional<StoredRelationship> twin,
                         store.FindRelationship(c.employer.fiscal_code, r.worker, r.key_start));
        if (twin && twin->id != r.id) continue;
      }
      found = true;
      RETURN_IF_ERROR(add(std::move(r)));
    }
    if (!found) context.rules.unmoved_workers.push_back(listed);
  }
  return absl::OkStatus();
}

absl::Status CheckMovedAway(store::FilingStore& store, const Communication& c,
                            FilingContext& context) {
  const std::string& employer = RelationshipEmployer(c);
  ASSIGN_OR_RETURN(std::vector<StoredRelationship> relationships,
                   store.WorkerRelationships(c.worker.fiscal_code));
  for (const StoredRelationship& r : relationships) {
    if (r.key_start != RelationshipStart(c) || r.state.status == RelationshipStatus::kCancelled ||
        SameCode(r.state.employer_fiscal_code, employer)) {
      continue;
    }
    ASSIGN_OR_RETURN(std::vector<StoredCommunication> in_force, store.InForce(r.id));
    for (const StoredCommunication& f : in_force) {
      const Communication& step = f.communication;
      if (step.form == Form::kVardatori && step.nature != Nature::kCancellation &&
          step.employer_change && SameCode(step.employer_change->previous_fiscal_code, employer)) {
        context.rules.moved_away = true;
        return absl::OkStatus();
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyEmployerChange(store::FilingStore& store, platform::outbox::EventWriter& events,
                                 const StoredCommunication& s, const FilingContext& context,
                                 absl::Time now, const Deps& deps) {
  const Communication& c = s.communication;
  const bool replaces = Amends(c) && context.referenced;
  for (const ChangedRelationship& changed : context.employer_change) {
    const StoredRelationship& before = changed.relationship;
    // The state after the change, folded in memory as Accept folds a relationship's filing.
    std::vector<Communication> after;
    int last_seq = 0;
    for (const StoredCommunication& f : changed.in_force) {
      last_seq = std::max(last_seq, f.seq);
      if (replaces && f.communication.code == c.previous_code) continue;
      after.push_back(f.communication);
    }
    after.push_back(c);
    StoredRelationship rel = before;
    if (std::optional<RelationshipState> folded = FoldRelationship(after)) {
      rel.state = *std::move(folded);
    } else {
      rel.state.status = RelationshipStatus::kCancelled;
    }
    RETURN_IF_ERROR(store.PutRelationship(rel, now));
    RETURN_IF_ERROR(store.Link({c.code, rel.id, last_seq + 1}));
    // Published as the other filings publish a relationship: before, the facts its last step
    // was published with; after, the change's as a step of it.
    const bool had = before.state.status != RelationshipStatus::kCancelled;
    events::v1::CommunicationFacts before_facts;
    if (had && !changed.in_force.empty()) {
      before_facts = events::StepFactsOf(Steps(changed.in_force), rel.id, &before.state,
                                         changed.in_force.back().days_late, deps.person_ids);
    }
    std::vector<const Communication*> steps;
    for (const Communication& step : after) steps.push_back(&step);
    const RelationshipState* shown =
        rel.state.status == RelationshipStatus::kCancelled ? nullptr : &rel.state;
    const events::v1::CommunicationFacts facts =
        events::StepFactsOf(steps, rel.id, shown, s.days_late, deps.person_ids);
    RETURN_IF_ERROR(events.Emit(
        rel.person_id,
        events::RelationshipChangedEvent(rel.id, rel.person_id, had ? &before.state : nullptr,
                                         had ? &before_facts : nullptr, shown, facts)));
  }
  return absl::OkStatus();
}

}  // namespace sisl::communications
