// COR: corrections (rettifiche) and cancellations (annullamenti). Only the last communication
// of a relationship can be corrected or cancelled; essential data cannot be corrected (cancel
// and file again); a hire can be cancelled only until its start date.

#include <vector>

#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

bool IsCorrection(const Communication& c) { return c.nature == Nature::kCorrection; }
bool Amends(const Communication& c) { return IsCorrection(c) || IsCancellation(c); }

// The communication a correction amends, when the store found it.
const Communication* Corrected(const Communication& c, const RuleContext& x) {
  return IsCorrection(c) && x.referenced ? &*x.referenced : nullptr;
}
const Communication* Cancelled(const Communication& c, const RuleContext& x) {
  return IsCancellation(c) && x.referenced ? &*x.referenced : nullptr;
}

}  // namespace

void AddCorrectionRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"COR-001", kError, kAreaCorrection, "previous_code",
           "Rettifiche e annullamenti indicano il codice della comunicazione precedente.",
           "Corrections and cancellations give the previous communication's code.",
           [](const Communication& c, const RuleContext&) {
             return Amends(c) && IsBlank(c.previous_code);
           }},
          {"COR-002", kError, kAreaCorrection, "previous_code",
           "Il codice della comunicazione precedente è di 16 caratteri alfanumerici maiuscoli.",
           "The previous communication code is 16 upper-case letters and digits.",
           [](const Communication& c, const RuleContext&) {
             return !c.previous_code.empty() &&
                    (c.previous_code.size() != 16 || !IsUpperAlnum(c.previous_code));
           }},
          {"COR-003", kError, kAreaCorrection, "previous_code",
           "La comunicazione da rettificare o annullare non esiste.",
           "The communication to correct or cancel does not exist.",
           [](const Communication& c, const RuleContext& x) {
             return Amends(c) && !IsBlank(c.previous_code) && !x.referenced;
           }},
          {"COR-004", kError, kAreaCorrection, "previous_code",
           "Si può rettificare o annullare solo l'ultima comunicazione del rapporto.",
           "Only the last communication of a relationship can be corrected or cancelled.",
           [](const Communication& c, const RuleContext& x) {
             return Amends(c) && x.referenced && !x.referenced_is_last;
           }},
          {"COR-005", kError, kAreaCorrection, "previous_code",
           "La comunicazione trovata non ha il codice indicato.",
           "The communication found does not have the code given.",
           [](const Communication& c, const RuleContext& x) {
             return !c.previous_code.empty() && x.referenced && !x.referenced->code.empty() &&
                    x.referenced->code != c.previous_code;
           }},
          {"COR-006", kError, kAreaCorrection, "worker.fiscal_code",
           "Il codice fiscale del lavoratore è un dato essenziale: non si rettifica (annullare "
           "e ripresentare).",
           "The worker's fiscal code is essential data: it cannot be corrected (cancel and file "
           "again).",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr &&
                    NormalizedCode(r->worker.fiscal_code) != NormalizedCode(c.worker.fiscal_code);
           }},
          {"COR-007", kError, kAreaCorrection, "employer.fiscal_code",
           "Il codice fiscale del datore è un dato essenziale: non si rettifica (annullare e "
           "ripresentare).",
           "The employer's fiscal code is essential data: it cannot be corrected (cancel and "
           "file again).",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr && NormalizedCode(r->employer.fiscal_code) !=
                                        NormalizedCode(c.employer.fiscal_code);
           }},
          {"COR-008", kError, kAreaCorrection, "form",
           "Il modulo è un dato essenziale: non si rettifica.",
           "The form is essential data: it cannot be corrected.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr && r->form != c.form;
           }},
          {"COR-009", kError, kAreaCorrection, "event",
           "Il tipo di evento è un dato essenziale: non si rettifica.",
           "The event kind is essential data: it cannot be corrected.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr && r->event != c.event;
           }},
          {"COR-010", kError, kAreaCorrection, "contract.start",
           "La data di inizio di un'assunzione è un dato essenziale: non si rettifica.",
           "The start date of a hire is essential data: it cannot be corrected.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr && r->event == EventKind::kHire &&
                    r->contract.start != c.contract.start;
           }},
          {"COR-011", kError, kAreaCorrection, "nature",
           "Un'assunzione si può annullare solo fino alla sua data di inizio.",
           "A hire can be cancelled only until its start date.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Cancelled(c, x);
             return r != nullptr && r->event == EventKind::kHire && x.today > r->contract.start;
           }},
          {"COR-012", kError, kAreaCorrection, "nature", "Un annullamento non si può annullare.",
           "A cancellation cannot be cancelled.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Cancelled(c, x);
             return r != nullptr && r->nature == Nature::kCancellation;
           }},
          {"COR-013", kError, kAreaCorrection, "nature", "Un annullamento non si può rettificare.",
           "A cancellation cannot be corrected.",
           [](const Communication& c, const RuleContext& x) {
             const Communication* r = Corrected(c, x);
             return r != nullptr && r->nature == Nature::kCancellation;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
