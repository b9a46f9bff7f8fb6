// TRM: the termination (cessazione) of a relationship or of an agency mission.

#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"

namespace sisl::communications::rules_internal {
namespace {

bool IsTermination(const Communication& c) {
  return HasRelationship(c) &&
         (c.event == EventKind::kTermination || c.event == EventKind::kMissionTermination);
}
const Termination* Data(const Communication& c) {
  return IsTermination(c) && c.termination ? &*c.termination : nullptr;
}

// The causes COMONL reserves to apprenticeships (during or at the end of the training period)
// and to public administrations (reference::CoTerminationCauses labels them).
bool IsApprenticeshipCause(absl::string_view cause) {
  return cause == "AC" || cause == "AD" || cause == "AM" || cause == "AR";
}
bool IsPublicCause(absl::string_view cause) { return cause == "DS" || cause == "EP"; }

// A relationship termination of a fixed-term relationship whose planned end is known.
std::optional<absl::CivilDay> PlannedEnd(const Communication& c, const RuleContext& x) {
  if (Data(c) == nullptr || c.event != EventKind::kTermination ||
      !IsFixedTermType(RelationshipType(c, x))) {
    return std::nullopt;
  }
  return RelationshipEnd(c, x);
}

}  // namespace

void AddTerminationRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"TRM-001", kError, kAreaTermination, "termination",
           "Una cessazione deve indicarne la data e la causa.",
           "A termination must give its date and cause.",
           [](const Communication& c, const RuleContext&) {
             return IsTermination(c) && !c.termination;
           }},
          {"TRM-002", kError, kAreaTermination, "termination.cause",
           "La causa di cessazione è obbligatoria.", "The termination cause is required.",
           [](const Communication& c, const RuleContext&) {
             const Termination* t = Data(c);
             return t != nullptr && IsBlank(t->cause);
           }},
          {"TRM-003", kError, kAreaTermination, "termination.cause",
           "La causa di cessazione non esiste o non è valida alla data di cessazione.",
           "The termination cause does not exist or is not valid on the termination date.",
           [](const Communication& c, const RuleContext&) {
             const Termination* t = Data(c);
             return t != nullptr && !IsBlank(t->cause) &&
                    !reference::ValidateTerminationCause("termination.cause", t->cause, t->date)
                         .ok();
           }},
          {"TRM-004", kError, kAreaTermination, "termination.date",
           "La data di cessazione non può precedere l'inizio del rapporto.",
           "The termination date cannot be before the start of the relationship.",
           [](const Communication& c, const RuleContext& x) {
             const Termination* t = Data(c);
             return t != nullptr && t->date < RelationshipStart(c, x);
           }},
          {"TRM-005", kError, kAreaTermination, "termination.cause",
           "Le cause AC, AD, AM e AR valgono solo per l'apprendistato.",
           "The causes AC, AD, AM and AR apply to apprenticeships only.",
           [](const Communication& c, const RuleContext& x) {
             const Termination* t = Data(c);
             const std::string type = RelationshipType(c, x);
             return t != nullptr && IsApprenticeshipCause(t->cause) && !IsBlank(type) &&
                    !IsApprenticeshipType(type);
           }},
          {"TRM-006", kError, kAreaTermination, "termination.cause",
           "Le cause DS (decadenza dal servizio) ed EP valgono solo per le pubbliche "
           "amministrazioni.",
           "The causes DS (forfeiture of office) and EP apply to public administrations only.",
           [](const Communication& c, const RuleContext&) {
             const Termination* t = Data(c);
             return t != nullptr && IsPublicCause(t->cause) && !c.employer.public_administration;
           }},
          {"TRM-007", kError, kAreaTermination, "event", "Il rapporto è già cessato.",
           "The relationship has already ended.",
           [](const Communication& c, const RuleContext& x) {
             return IsTermination(c) && c.event == EventKind::kTermination && RelationshipClosed(x);
           }},
          {"TRM-008", kWarning, kAreaTermination, "termination.date",
           "Un rapporto a termine che cessa alla scadenza prevista non richiede la comunicazione "
           "di cessazione.",
           "A fixed-term relationship that ends on its planned end date needs no termination "
           "filing.",
           [](const Communication& c, const RuleContext& x) {
             const std::optional<absl::CivilDay> end = PlannedEnd(c, x);
             return end && c.termination->date == *end;
           }},
          {"TRM-009", kWarning, kAreaTermination, "termination.date",
           "La cessazione è successiva alla fine prevista del rapporto a termine senza una "
           "proroga: verificare la prosecuzione di fatto.",
           "The termination is after the planned end of the fixed-term relationship with no "
           "extension: check whether it went on de facto.",
           [](const Communication& c, const RuleContext& x) {
             const std::optional<absl::CivilDay> end = PlannedEnd(c, x);
             return end && c.termination->date > *end;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
