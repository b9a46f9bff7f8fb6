#include "services/communications/domain/relationship.h"

#include <algorithm>

#include "services/reference/fiscal_code.h"

namespace sisl::communications {
namespace {

bool SameCode(absl::string_view a, absl::string_view b) {
  return reference::NormalizeFiscalCode(a) == reference::NormalizeFiscalCode(b);
}

void ApplyHire(const Communication& c, RelationshipState& s) {
  s.status = RelationshipStatus::kOpen;
  s.employer_fiscal_code = RelationshipEmployer(c);
  s.employer_name = c.form == Form::kUnisomm && c.agency ? c.agency->name : c.employer.name;
  s.start = c.contract.start;
  s.end = c.contract.end;
  s.contract_type = c.contract.contract_type;
  s.working_time = c.contract.working_time;
  s.weekly_hours = c.contract.weekly_hours;
  s.profession = c.contract.profession;
  s.ccnl = c.contract.ccnl;
  s.workplace_municipality_code = c.employer.workplace.municipality_code;
  if (c.mission) {
    s.mission_user_fiscal_code = c.mission->user_fiscal_code;
    if (!c.mission->workplace.municipality_code.empty()) {
      s.workplace_municipality_code = c.mission->workplace.municipality_code;
    }
    if (!c.mission->profession.empty()) s.profession = c.mission->profession;
  }
}

// A VARDATORI moves the relationship of a worker it lists from its previous employer.
bool Moves(const Communication& c, const std::string& worker, const RelationshipState& s) {
  if (!c.employer_change ||
      !SameCode(c.employer_change->previous_fiscal_code, s.employer_fiscal_code)) {
    return false;
  }
  const std::vector<std::string>& listed = c.employer_change->worker_fiscal_codes;
  return std::any_of(listed.begin(), listed.end(),
                     [&](const std::string& code) { return SameCode(code, worker); });
}

void Apply(const Communication& c, const std::string& worker, RelationshipState& s) {
  switch (c.event) {
    case EventKind::kHire:
    case EventKind::kMissionStart:
      ApplyHire(c, s);
      break;
    case EventKind::kExtension:
      if (c.extension) s.end = c.extension->new_end;
      ++s.extensions;
      break;
    case EventKind::kMissionExtension:
      if (c.mission && c.mission->end) s.end = c.mission->end;
      ++s.extensions;
      break;
    case EventKind::kTransformation:
      if (c.transformation) {
        s.contract_type = c.transformation->new_contract_type;
        if (!c.transformation->new_working_time.empty()) {
          s.working_time = c.transformation->new_working_time;
          s.weekly_hours = c.transformation->new_weekly_hours;
        }
        if (c.transformation->new_contract_type == "A.01.00") s.end.reset();
      }
      break;
    case EventKind::kTransfer:
    case EventKind::kSecondment:
      if (c.transfer && !c.transfer->new_workplace.municipality_code.empty()) {
        s.workplace_municipality_code = c.transfer->new_workplace.municipality_code;
      }
      break;
    case EventKind::kTermination:
    case EventKind::kMissionTermination:
      s.status = RelationshipStatus::kClosed;
      if (c.termination) {
        s.end = c.termination->date;
        s.termination_cause = c.termination->cause;
      }
      break;
    case EventKind::kEmployerChange:
      if (!Moves(c, worker, s)) return;  // not a step of this relationship's state
      s.employer_fiscal_code = c.employer.fiscal_code;
      s.employer_name = c.employer.name;
      break;
  }
  s.last_code = c.code;
}

}  // namespace

const std::string& RelationshipEmployer(const Communication& c) {
  if (c.form == Form::kUnisomm && c.agency && !c.agency->fiscal_code.empty()) {
    return c.agency->fiscal_code;
  }
  return c.employer.fiscal_code;
}

absl::CivilDay RelationshipStart(const Communication& c) { return c.contract.start; }

std::optional<RelationshipState> FoldRelationship(const std::vector<Communication>& in_force) {
  std::vector<const Communication*> steps;
  for (const Communication& c : in_force) {
    if (c.nature != Nature::kCancellation) steps.push_back(&c);
  }
  // The relationship's own communications (an employer change, linked to it, names no worker
  // nor contract): none left, its hire was cancelled.
  auto own = std::find_if(steps.begin(), steps.end(), [](const Communication* c) {
    return c->event != EventKind::kEmployerChange;
  });
  if (own == steps.end()) return std::nullopt;
  const std::string& worker = (*own)->worker.fiscal_code;
  RelationshipState state;
  // A relationship hired before SISL (its hire is in the incumbent's archive) starts from the
  // contract its first communication here states.
  const EventKind first = (*own)->event;
  if (first != EventKind::kHire && first != EventKind::kMissionStart) ApplyHire(**own, state);
  for (auto it = own; it != steps.end(); ++it) Apply(**it, worker, state);
  return state;
}

RelationshipFacts FactsOf(const RelationshipState& state) {
  RelationshipFacts facts;
  facts.contract_type = state.contract_type;
  facts.start = state.start;
  facts.end = state.end;
  facts.working_time = state.working_time;
  facts.open = state.status == RelationshipStatus::kOpen;
  facts.extensions = state.extensions;
  facts.last_code = state.last_code;
  return facts;
}

}  // namespace sisl::communications
