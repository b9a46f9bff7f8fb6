// EMP: the employer (fiscal code, name, ATECO sector, registered office, workplace, PEC).

#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"

namespace sisl::communications::rules_internal {
namespace {

constexpr size_t kMaxEmailLength = 80;

// Every filing but a cancellation names its employer.
bool HasEmployer(const Communication& c) { return !IsCancellation(c); }
// The complete forms and VARDATORI describe the employer in full (UNIURG is a short form).
bool HasEmployerDetails(const Communication& c) {
  return IsFullForm(c) || (c.form == Form::kVardatori && !IsCancellation(c));
}

std::string Code(const Communication& c) { return NormalizedCode(c.employer.fiscal_code); }

}  // namespace

bool IsAtecoInForce(absl::string_view ateco, absl::CivilDay event, absl::CivilDay filed) {
  return reference::ValidateAteco("ateco", ateco, event).ok() ||
         reference::ValidateAteco("ateco", ateco, filed).ok();
}

namespace {}  // namespace

void AddEmployerRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"EMP-001", kError, kAreaEmployer, "employer.fiscal_code",
           "Il codice fiscale del datore di lavoro è obbligatorio.",
           "The employer's fiscal code is required.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployer(c) && IsBlank(c.employer.fiscal_code);
           }},
          {"EMP-002", kError, kAreaEmployer, "employer.fiscal_code",
           "Il codice fiscale numerico del datore non è una partita IVA valida.",
           "The employer's 11-digit fiscal code is not a valid VAT number.",
           [](const Communication& c, const RuleContext&) {
             const std::string code = Code(c);
             return HasEmployer(c) && code.size() == 11 && !reference::ValidateVatNumber(code).ok();
           }},
          {"EMP-003", kError, kAreaEmployer, "employer.fiscal_code",
           "Il codice fiscale di 16 caratteri del datore (persona fisica) non è valido.",
           "The employer's 16-character (personal) fiscal code is not valid.",
           [](const Communication& c, const RuleContext&) {
             const std::string code = Code(c);
             return HasEmployer(c) && code.size() == 16 &&
                    !reference::ValidateFiscalCode(code).ok();
           }},
          {"EMP-004", kError, kAreaEmployer, "employer.fiscal_code",
           "Il codice fiscale del datore ha 11 cifre (società) o 16 caratteri (persona fisica).",
           "The employer's fiscal code has 11 digits (company) or 16 characters (person).",
           [](const Communication& c, const RuleContext&) {
             const size_t size = Code(c).size();
             return HasEmployer(c) && size != 0 && size != 11 && size != 16;
           }},
          {"EMP-005", kError, kAreaEmployer, "employer.name",
           "La denominazione del datore di lavoro è obbligatoria.",
           "The employer's name is required.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployer(c) && IsBlank(c.employer.name);
           }},
          {"EMP-006", kError, kAreaEmployer, "employer.ateco",
           "Il settore ATECO del datore di lavoro è obbligatorio.",
           "The employer's ATECO sector is required.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployerDetails(c) && IsBlank(c.employer.ateco);
           }},
          {"EMP-007", kError, kAreaEmployer, "employer.ateco",
           "Il codice ATECO del datore non esiste o non è in vigore né alla data dell'evento né "
           "a quella di invio.",
           "The employer's ATECO code does not exist or is in force neither on the event date nor "
           "on the filing day.",
           [](const Communication& c, const RuleContext& x) {
             return HasEmployer(c) && !IsBlank(c.employer.ateco) &&
                    !IsAtecoInForce(c.employer.ateco, EventDate(c), x.today);
           }},
          {"EMP-008", kError, kAreaEmployer, "employer.workplace.municipality_code",
           "Il comune della sede di lavoro è obbligatorio.",
           "The workplace municipality is required.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployer(c) && c.form != Form::kVardatori &&
                    IsBlank(c.employer.workplace.municipality_code);
           }},
          {"EMP-009", kError, kAreaEmployer, "employer.workplace.municipality_code",
           "Il comune (o lo stato estero) della sede di lavoro non esiste alla data dell'evento.",
           "The workplace municipality (or foreign country) does not exist on the event date.",
           [](const Communication& c, const RuleContext&) {
             const std::string& code = c.employer.workplace.municipality_code;
             return HasEmployer(c) && !IsBlank(code) && !IsPlaceOn(code, EventDate(c), true);
           }},
          {"EMP-010", kError, kAreaEmployer, "employer.workplace.postcode",
           "Il CAP della sede di lavoro è di 5 cifre.", "The workplace postcode is 5 digits.",
           [](const Communication& c, const RuleContext&) {
             const std::string& postcode = c.employer.workplace.postcode;
             return HasEmployer(c) && !postcode.empty() && !IsWellFormedPostcode(postcode);
           }},
          {"EMP-011", kError, kAreaEmployer, "employer.workplace.street",
           "L'indirizzo della sede di lavoro è obbligatorio.",
           "The workplace street address is required.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsBlank(c.employer.workplace.street);
           }},
          {"EMP-012", kError, kAreaEmployer, "employer.registered_office.municipality_code",
           "Il comune della sede legale è obbligatorio.",
           "The registered office municipality is required.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployerDetails(c) &&
                    IsBlank(c.employer.registered_office.municipality_code);
           }},
          {"EMP-013", kError, kAreaEmployer, "employer.registered_office.municipality_code",
           "Il comune (o lo stato estero) della sede legale non esiste alla data dell'evento.",
           "The registered office municipality (or foreign country) does not exist on the event "
           "date.",
           [](const Communication& c, const RuleContext&) {
             const std::string& code = c.employer.registered_office.municipality_code;
             return HasEmployer(c) && !IsBlank(code) && !IsPlaceOn(code, EventDate(c), true);
           }},
          {"EMP-014", kError, kAreaEmployer, "employer.registered_office.postcode",
           "Il CAP della sede legale è di 5 cifre.", "The registered office postcode is 5 digits.",
           [](const Communication& c, const RuleContext&) {
             const std::string& postcode = c.employer.registered_office.postcode;
             return HasEmployer(c) && !postcode.empty() && !IsWellFormedPostcode(postcode);
           }},
          {"EMP-015", kError, kAreaEmployer, "employer.pec",
           "La PEC del datore di lavoro non può superare 80 caratteri.",
           "The employer's PEC address cannot exceed 80 characters.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployer(c) && c.employer.pec.size() > kMaxEmailLength;
           }},
          {"EMP-016", kError, kAreaEmployer, "employer.pec",
           "La PEC del datore di lavoro non è un indirizzo e-mail ben formato.",
           "The employer's PEC is not a well-formed e-mail address.",
           [](const Communication& c, const RuleContext&) {
             return HasEmployer(c) && !c.employer.pec.empty() && !IsWellFormedEmail(c.employer.pec);
           }},
          {"EMP-017", kError, kAreaEmployer, "employer.fiscal_code",
           "Una pubblica amministrazione ha un codice fiscale numerico di 11 cifre.",
           "A public administration has an 11-digit fiscal code.",
           [](const Communication& c, const RuleContext&) {
             const std::string code = Code(c);
             return HasEmployer(c) && c.employer.public_administration && !code.empty() &&
                    (code.size() != 11 || !IsDigits(code));
           }},
      });
}

}  // namespace sisl::communications::rules_internal
