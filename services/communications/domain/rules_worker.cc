// WRK: the worker (fiscal code and its coherence with the personal data, age, birth place,
// citizenship, education, domicile).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"
#include "services/reference/vat_number.h"

namespace sisl::communications::rules_internal {
namespace {

const absl::CivilDay kEarliestBirth(1900, 1, 1);
constexpr int kMinimumWorkingAge = 16;

std::string Code(const Communication& c) { return NormalizedCode(c.worker.fiscal_code); }

// A personal code (16 characters) or a provisional numeric one (11 digits, VAT check).
bool IsValidWorkerCode(const std::string& code) {
  if (code.size() == 11) return reference::ValidateVatNumber(code).ok();
  return reference::ValidateFiscalCode(code).ok();
}

// True when the worker's valid personal code disagrees with the declared `field`.
bool Mismatch(const Communication& c, const RuleContext& x, absl::string_view field) {
  const std::string code = Code(c);
  if (!HasRelationship(c) || code.size() != 16 || !reference::ValidateFiscalCode(code).ok()) {
    return false;
  }
  const reference::FiscalCodePerson person{c.worker.surname, c.worker.name, c.worker.sex,
                                           c.worker.birth_date, c.worker.birth_place_code};
  const absl::StatusOr<reference::FiscalCodeCoherence> coherence =
      reference::CheckFiscalCodeCoherence(code, person, x.today);
  if (!coherence.ok()) return false;
  for (const reference::FiscalCodeMismatch& mismatch : coherence->mismatches) {
    if (mismatch.field == field) return true;
  }
  return false;
}

// Surname and name are on every form; sex, birth date and birth place on the complete ones.
bool NameMismatch(const Communication& c, const RuleContext& x, absl::string_view field) {
  const bool blank = field == "surname" ? IsBlank(c.worker.surname) : IsBlank(c.worker.name);
  return !blank && Mismatch(c, x, field);
}
bool BirthMismatch(const Communication& c, const RuleContext& x, absl::string_view field) {
  return IsFullForm(c) && Mismatch(c, x, field);
}

}  // namespace

void AddWorkerRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"WRK-001", kError, kAreaWorker, "worker.fiscal_code",
           "Il codice fiscale del lavoratore è obbligatorio.",
           "The worker's fiscal code is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsBlank(c.worker.fiscal_code);
           }},
          {"WRK-002", kError, kAreaWorker, "worker.fiscal_code",
           "Il codice fiscale del lavoratore non è valido.",
           "The worker's fiscal code is not valid.",
           [](const Communication& c, const RuleContext&) {
             const std::string code = Code(c);
             return HasRelationship(c) && !code.empty() && !IsValidWorkerCode(code);
           }},
          {"WRK-003", kError, kAreaWorker, "worker.surname",
           "Il cognome non è coerente con il codice fiscale del lavoratore.",
           "The surname does not match the worker's fiscal code.",
           [](const Communication& c, const RuleContext& x) {
             return NameMismatch(c, x, "surname");
           }},
          {"WRK-004", kError, kAreaWorker, "worker.name",
           "Il nome non è coerente con il codice fiscale del lavoratore.",
           "The name does not match the worker's fiscal code.",
           [](const Communication& c, const RuleContext& x) { return NameMismatch(c, x, "name"); }},
          {"WRK-005", kError, kAreaWorker, "worker.sex",
           "Il sesso non è coerente con il codice fiscale del lavoratore.",
           "The sex does not match the worker's fiscal code.",
           [](const Communication& c, const RuleContext& x) { return BirthMismatch(c, x, "sex"); }},
          {"WRK-006", kError, kAreaWorker, "worker.birth_date",
           "La data di nascita non è coerente con il codice fiscale del lavoratore.",
           "The birth date does not match the worker's fiscal code.",
           [](const Communication& c, const RuleContext& x) {
             return BirthMismatch(c, x, "birth_date");
           }},
          {"WRK-007", kError, kAreaWorker, "worker.birth_place_code",
           "Il luogo di nascita non è coerente con il codice fiscale del lavoratore.",
           "The birth place does not match the worker's fiscal code.",
           [](const Communication& c, const RuleContext& x) {
             return !IsBlank(c.worker.birth_place_code) && BirthMismatch(c, x, "birth_place_code");
           }},
          {"WRK-008", kError, kAreaWorker, "worker.fiscal_code",
           "Il lavoratore non può essere il datore di lavoro stesso.",
           "The worker cannot be the employer.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) &&
                    SameFiscalCode(c.worker.fiscal_code, c.employer.fiscal_code);
           }},
          {"WRK-009", kError, kAreaWorker, "worker.surname",
           "Il cognome del lavoratore è obbligatorio.", "The worker's surname is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsBlank(c.worker.surname);
           }},
          {"WRK-010", kError, kAreaWorker, "worker.name", "Il nome del lavoratore è obbligatorio.",
           "The worker's name is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsBlank(c.worker.name);
           }},
          {"WRK-011", kError, kAreaWorker, "worker.birth_date",
           "La data di nascita non può precedere il 01/01/1900 né essere futura.",
           "The birth date cannot be before 1900-01-01 or in the future.",
           [](const Communication& c, const RuleContext& x) {
             return IsFullForm(c) &&
                    (c.worker.birth_date < kEarliestBirth || c.worker.birth_date > x.today);
           }},
          {"WRK-012", kError, kAreaWorker, "worker.birth_date",
           "Il lavoratore deve avere almeno 16 anni alla data di inizio (15 per l'apprendistato "
           "A.03.08).",
           "The worker must be at least 16 on the start date (15 for the A.03.08 "
           "apprenticeship).",
           [](const Communication& c, const RuleContext& x) {
             return IsDetailedHire(c) && c.worker.birth_date <= x.today &&
                    c.contract.contract_type != "A.03.08" &&
                    reference::AgeOn(c.worker.birth_date, c.contract.start) < kMinimumWorkingAge;
           }},
          {"WRK-013", kError, kAreaWorker, "worker.birth_place_code",
           "Il luogo di nascita è obbligatorio.", "The birth place is required.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsBlank(c.worker.birth_place_code);
           }},
          {"WRK-014", kError, kAreaWorker, "worker.birth_place_code",
           "Il comune o lo stato di nascita non esisteva alla data di nascita.",
           "The birth municipality or country did not exist on the birth date.",
           [](const Communication& c, const RuleContext&) {
             const std::string& place = c.worker.birth_place_code;
             return IsFullForm(c) && !IsBlank(place) &&
                    !reference::Municipalities::Default().BirthPlaceKnown(place,
                                                                          c.worker.birth_date);
           }},
          {"WRK-015", kError, kAreaWorker, "worker.citizenship",
           "La cittadinanza del lavoratore è obbligatoria.",
           "The worker's citizenship is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsBlank(c.worker.citizenship);
           }},
          {"WRK-016", kError, kAreaWorker, "worker.citizenship",
           "Il codice di cittadinanza non esiste o non è valido alla data dell'evento.",
           "The citizenship code does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !IsBlank(c.worker.citizenship) &&
                    !reference::ValidateCitizenship("worker.citizenship", c.worker.citizenship,
                                                    EventDate(c))
                         .ok();
           }},
          {"WRK-017", kError, kAreaWorker, "worker.education_level",
           "Il livello di istruzione del lavoratore è obbligatorio all'assunzione.",
           "The worker's education level is required on a hire.",
           [](const Communication& c, const RuleContext&) {
             return IsDetailedHire(c) && IsBlank(c.worker.education_level);
           }},
          {"WRK-018", kError, kAreaWorker, "worker.education_level",
           "Il livello di istruzione non esiste o non è valido alla data dell'evento.",
           "The education level does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !IsBlank(c.worker.education_level) &&
                    !reference::ValidateEducationLevel("worker.education_level",
                                                       c.worker.education_level, EventDate(c))
                         .ok();
           }},
          {"WRK-019", kError, kAreaWorker, "worker.domicile.municipality_code",
           "Il comune di domicilio del lavoratore è obbligatorio all'assunzione.",
           "The worker's domicile municipality is required on a hire.",
           [](const Communication& c, const RuleContext&) {
             return IsDetailedHire(c) && IsBlank(c.worker.domicile.municipality_code);
           }},
          {"WRK-020", kError, kAreaWorker, "worker.domicile.municipality_code",
           "Il comune di domicilio non esiste alla data dell'evento.",
           "The domicile municipality does not exist on the event date.",
           [](const Communication& c, const RuleContext&) {
             const std::string& code = c.worker.domicile.municipality_code;
             return HasRelationship(c) && !IsBlank(code) && !IsPlaceOn(code, EventDate(c), false);
           }},
          {"WRK-021", kError, kAreaWorker, "worker.domicile.postcode",
           "Il CAP del domicilio è di 5 cifre.", "The domicile postcode is 5 digits.",
           [](const Communication& c, const RuleContext&) {
             const std::string& postcode = c.worker.domicile.postcode;
             return HasRelationship(c) && !postcode.empty() && !IsWellFormedPostcode(postcode);
           }},
      });
}

}  // namespace sisl::communications::rules_internal
