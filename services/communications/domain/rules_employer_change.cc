// VAR: VARDATORI, the change of employer (a name change, or a transfer of business moving the
// listed workers from the previous employer to `employer`).

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/communications/domain/rules_helpers.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"

namespace sisl::communications::rules_internal {
namespace {

const EmployerChange* Data(const Communication& c) {
  return c.form == Form::kVardatori && !IsCancellation(c) && c.employer_change ? &*c.employer_change
                                                                               : nullptr;
}
bool KindIs(const Communication& c, absl::string_view kind) {
  const EmployerChange* v = Data(c);
  return v != nullptr && v->kind == kind;
}

bool IsValidWorkerCode(absl::string_view code) {
  const std::string normalized = NormalizedCode(code);
  if (normalized.size() == 11) return reference::ValidateVatNumber(normalized).ok();
  return reference::ValidateFiscalCode(normalized).ok();
}

bool HasDuplicateWorker(const EmployerChange& v) {
  std::set<std::string> seen;
  for (const std::string& code : v.worker_fiscal_codes) {
    if (!seen.insert(NormalizedCode(code)).second) return true;
  }
  return false;
}

}  // namespace

void AddEmployerChangeRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"VAR-001", kError, kAreaEmployerChange, "employer_change",
           "Il modulo VARDATORI richiede i dati della variazione.",
           "The VARDATORI form needs the change's data.",
           [](const Communication& c, const RuleContext&) {
             return c.form == Form::kVardatori && !IsCancellation(c) && !c.employer_change;
           }},
          {"VAR-002", kError, kAreaEmployerChange, "employer_change.kind",
           "Il tipo di variazione è NAME (ragione sociale) o TRANSFER (trasferimento d'azienda).",
           "The change kind is NAME (name change) or TRANSFER (transfer of business).",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && v->kind != "NAME" && v->kind != "TRANSFER";
           }},
          {"VAR-003", kError, kAreaEmployerChange, "employer_change.previous_fiscal_code",
           "Il codice fiscale del datore precedente è obbligatorio.",
           "The previous employer's fiscal code is required.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && IsBlank(v->previous_fiscal_code);
           }},
          {"VAR-004", kError, kAreaEmployerChange, "employer_change.previous_fiscal_code",
           "Il codice fiscale del datore precedente non è valido.",
           "The previous employer's fiscal code is not valid.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && !IsBlank(v->previous_fiscal_code) &&
                    !IsValidFiscalCode(v->previous_fiscal_code);
           }},
          {"VAR-005", kError, kAreaEmployerChange, "employer_change.previous_name",
           "La denominazione del datore precedente è obbligatoria.",
           "The previous employer's name is required.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && IsBlank(v->previous_name);
           }},
          {"VAR-006", kError, kAreaEmployerChange, "employer_change.worker_fiscal_codes",
           "La variazione deve indicare almeno un lavoratore.",
           "The change must list at least one worker.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && v->worker_fiscal_codes.empty();
           }},
          {"VAR-007", kError, kAreaEmployerChange, "employer_change.worker_fiscal_codes",
           "Un codice fiscale dei lavoratori non è valido.", "A worker's fiscal code is not valid.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             if (v == nullptr) return false;
             for (const std::string& code : v->worker_fiscal_codes) {
               if (!IsValidWorkerCode(code)) return true;
             }
             return false;
           }},
          {"VAR-008", kError, kAreaEmployerChange, "employer_change.worker_fiscal_codes",
           "Un lavoratore è indicato più di una volta.", "A worker is listed more than once.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return v != nullptr && HasDuplicateWorker(*v);
           }},
          {"VAR-009", kError, kAreaEmployerChange, "employer_change.previous_fiscal_code",
           "Nel trasferimento d'azienda il datore precedente è diverso dal nuovo.",
           "In a transfer of business the previous employer differs from the new one.",
           [](const Communication& c, const RuleContext&) {
             return KindIs(c, "TRANSFER") &&
                    SameFiscalCode(c.employer_change->previous_fiscal_code, c.employer.fiscal_code);
           }},
          {"VAR-010", kError, kAreaEmployerChange, "employer_change.previous_fiscal_code",
           "Il cambio di ragione sociale mantiene il codice fiscale: se cambia, è un "
           "trasferimento d'azienda.",
           "A name change keeps the fiscal code: if it changes, it is a transfer of business.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             return KindIs(c, "NAME") && !IsBlank(v->previous_fiscal_code) &&
                    !SameFiscalCode(v->previous_fiscal_code, c.employer.fiscal_code);
           }},
          {"VAR-011", kError, kAreaEmployerChange, "employer_change.previous_name",
           "Nel cambio di ragione sociale la nuova denominazione è diversa dalla precedente.",
           "In a name change the new name differs from the previous one.",
           [](const Communication& c, const RuleContext&) {
             return KindIs(c, "NAME") && !IsBlank(c.employer.name) &&
                    absl::EqualsIgnoreCase(
                        absl::StripAsciiWhitespace(c.employer_change->previous_name),
                        absl::StripAsciiWhitespace(c.employer.name));
           }},
          {"VAR-012", kError, kAreaEmployerChange, "employer_change.worker_fiscal_codes",
           "Tra i lavoratori non può comparire il datore di lavoro, nuovo o precedente.",
           "The workers cannot include the employer, new or previous.",
           [](const Communication& c, const RuleContext&) {
             const EmployerChange* v = Data(c);
             if (v == nullptr) return false;
             for (const std::string& code : v->worker_fiscal_codes) {
               if (SameFiscalCode(code, c.employer.fiscal_code) ||
                   SameFiscalCode(code, v->previous_fiscal_code)) {
                 return true;
               }
             }
             return false;
           }},
          {"VAR-013", kWarning, kAreaEmployerChange, "employer_change.worker_fiscal_codes",
           "Per uno o più lavoratori indicati non risulta un rapporto aperto con il datore "
           "precedente: per loro nessun rapporto è stato spostato al nuovo datore.",
           "One or more workers listed have no open relationship with the previous employer on "
           "record: no relationship was moved to the new employer for them.",
           [](const Communication& c, const RuleContext& x) {
             return Data(c) != nullptr && !x.unmoved_workers.empty();
           }},
          {"VAR-014", kError, kAreaEmployerChange, "employer.fiscal_code",
           "Il rapporto è passato a un altro datore con una variazione (VARDATORI): le "
           "comunicazioni successive le presenta il nuovo datore.",
           "The relationship passed to another employer with an employer change (VARDATORI): "
           "the new employer files its further communications.",
           [](const Communication& c, const RuleContext& x) {
             return HasRelationship(c) && x.moved_away;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
