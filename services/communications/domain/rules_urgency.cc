// URG: the urgent hire (UNIURG) and the UNILAV that completes it (nature "after urgency",
// previous_code naming the UNIURG). Its lateness (5 days, 3 in tourism) is DLN-003.

#include <vector>

#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

bool IsUniurg(const Communication& c) { return c.form == Form::kUniurg && !IsCancellation(c); }
bool IsAfterUrgency(const Communication& c) { return c.nature == Nature::kAfterUrgency; }

// The referenced UNIURG of a UNILAV after urgency, when the store found it.
const Communication* Urgent(const Communication& c, const RuleContext& x) {
  return IsAfterUrgency(c) && x.referenced && x.referenced->form == Form::kUniurg ? &*x.referenced
                                                                                  : nullptr;
}

}  // namespace

void AddUrgencyRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"URG-001", kError, kAreaUrgency, "event", "Il modulo UNIURG comunica solo assunzioni.",
           "The UNIURG form reports hires only.",
           [](const Communication& c, const RuleContext&) {
             return IsUniurg(c) && c.event != EventKind::kHire;
           }},
          {"URG-002", kError, kAreaUrgency, "urgency.reason",
           "Il motivo dell'urgenza è obbligatorio.", "The reason for the urgency is required.",
           [](const Communication& c, const RuleContext&) {
             return IsUniurg(c) && (!c.urgency || IsBlank(c.urgency->reason));
           }},
          {"URG-003", kWarning, kAreaUrgency, "urgency",
           "Il motivo dell'urgenza si indica solo nel modulo UNIURG: è ignorato.",
           "The reason for the urgency belongs to the UNIURG form only: it is ignored.",
           [](const Communication& c, const RuleContext&) {
             return c.form != Form::kUniurg && !IsCancellation(c) && c.urgency;
           }},
          {"URG-004", kError, kAreaUrgency, "nature",
           "La comunicazione successiva a un'urgenza è solo un'assunzione con modulo UNILAV.",
           "A filing after an urgency can only be a UNILAV hire.",
           [](const Communication& c, const RuleContext&) {
             return IsAfterUrgency(c) && (c.form != Form::kUnilav || c.event != EventKind::kHire);
           }},
          {"URG-005", kError, kAreaUrgency, "previous_code",
           "L'UNILAV successivo a un'urgenza indica il codice dell'UNIURG.",
           "The UNILAV after an urgency gives the UNIURG's code.",
           [](const Communication& c, const RuleContext&) {
             return IsAfterUrgency(c) && IsBlank(c.previous_code);
           }},
          {"URG-006", kError, kAreaUrgency, "previous_code", "L'UNIURG indicato non esiste.",
           "The UNIURG named does not exist.",
           [](const Communication& c, const RuleContext& x) {
             return IsAfterUrgency(c) && !IsBlank(c.previous_code) && !x.referenced;
           }},
          {"URG-007", kError, kAreaUrgency, "previous_code",
           "La comunicazione indicata non è un UNIURG.", "The communication named is not a UNIURG.",
           [](const Communication& c, const RuleContext& x) {
             return IsAfterUrgency(c) && x.referenced && x.referenced->form != Form::kUniurg;
           }},
          {"URG-008", kError, kAreaUrgency, "worker.fiscal_code",
           "Il lavoratore non è quello dell'UNIURG.", "The worker is not the UNIURG's.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* u = Urgent(c, x);
             return u != nullptr && !SameFiscalCode(u->worker.fiscal_code, c.worker.fiscal_code);
           }},
          {"URG-009", kError, kAreaUrgency, "employer.fiscal_code",
           "Il datore di lavoro non è quello dell'UNIURG.", "The employer is not the UNIURG's.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* u = Urgent(c, x);
             return u != nullptr &&
                    !SameFiscalCode(u->employer.fiscal_code, c.employer.fiscal_code);
           }},
          {"URG-010", kError, kAreaUrgency, "contract.start",
           "La data di inizio non coincide con quella dell'UNIURG.",
           "The start date differs from the UNIURG's.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* u = Urgent(c, x);
             return u != nullptr && u->contract.start != c.contract.start;
           }},
          {"URG-011", kWarning, kAreaUrgency, "contract.contract_type",
           "La procedura d'urgenza è pensata per il lavoro subordinato (tipologie A.*): "
           "verificare la tipologia.",
           "The urgent procedure is meant for employment (A.* types): check the contract type.",
           [](const Communication& c, const RuleContext&) {
             return IsUniurg(c) && !IsBlank(c.contract.contract_type) &&
                    !IsEmploymentType(c.contract.contract_type);
           }},
      });
}

}  // namespace sisl::communications::rules_internal
