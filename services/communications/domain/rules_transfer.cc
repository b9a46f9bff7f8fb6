// TRS: the transfer (another workplace of the same employer) and the secondment (distacco: the
// worker serves a host employer for a while).

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

bool IsTransferEvent(const Communication& c) {
  return HasRelationship(c) &&
         (c.event == EventKind::kTransfer || c.event == EventKind::kSecondment);
}
const Transfer* Data(const Communication& c) {
  return IsTransferEvent(c) && c.transfer ? &*c.transfer : nullptr;
}
const Transfer* Secondment(const Communication& c) {
  return c.event == EventKind::kSecondment ? Data(c) : nullptr;
}
bool Abroad(const Transfer& t) { return absl::StartsWith(t.new_workplace.municipality_code, "Z"); }

bool SameWorkplace(const Address& a, const Address& b) {
  return !IsBlank(a.municipality_code) && a.municipality_code == b.municipality_code &&
         absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(a.street),
                                absl::StripAsciiWhitespace(b.street));
}

}  // namespace

void AddTransferRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"TRS-001", kError, kAreaTransfer, "transfer",
           "Trasferimento e distacco devono indicarne i dati (data, nuova sede).",
           "A transfer or secondment must give its data (date, new workplace).",
           [](const Communication& c, const RuleContext&) {
             return IsTransferEvent(c) && !c.transfer;
           }},
          {"TRS-002", kError, kAreaTransfer, "transfer.date",
           "La data di trasferimento o distacco non può precedere l'inizio del rapporto.",
           "The transfer or secondment date cannot be before the start of the relationship.",
           [](const Communication& c, const RuleContext& x) {
             const Transfer* t = Data(c);
             return t != nullptr && t->date < RelationshipStart(c, x);
           }},
          {"TRS-003", kError, kAreaTransfer, "transfer.date",
           "La data di trasferimento o distacco non può essere successiva alla fine del rapporto.",
           "The transfer or secondment date cannot be after the end of the relationship.",
           [](const Communication& c, const RuleContext& x) {
             const Transfer* t = Data(c);
             const std::optional<absl::CivilDay> end = RelationshipEnd(c, x);
             return t != nullptr && end && t->date > *end;
           }},
          {"TRS-004", kError, kAreaTransfer, "transfer.new_workplace.municipality_code",
           "Il comune della nuova sede di lavoro è obbligatorio.",
           "The new workplace municipality is required.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && IsBlank(t->new_workplace.municipality_code);
           }},
          {"TRS-005", kError, kAreaTransfer, "transfer.new_workplace.municipality_code",
           "Il comune (o lo stato estero) della nuova sede non esiste alla data dell'evento.",
           "The new workplace municipality (or foreign country) does not exist on the event date.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && !IsBlank(t->new_workplace.municipality_code) &&
                    !IsPlaceOn(t->new_workplace.municipality_code, t->date, true);
           }},
          {"TRS-006", kError, kAreaTransfer, "transfer.new_workplace.postcode",
           "Il CAP della nuova sede di lavoro è di 5 cifre.",
           "The new workplace postcode is 5 digits.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && !t->new_workplace.postcode.empty() &&
                    !IsWellFormedPostcode(t->new_workplace.postcode);
           }},
          {"TRS-007", kError, kAreaTransfer, "transfer.host_employer_fiscal_code",
           "Per il distacco in Italia il codice fiscale del datore distaccatario è obbligatorio.",
           "A secondment in Italy needs the host employer's fiscal code.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Secondment(c);
             return t != nullptr && !Abroad(*t) && IsBlank(t->host_employer_fiscal_code);
           }},
          {"TRS-008", kError, kAreaTransfer, "transfer.host_employer_fiscal_code",
           "Il codice fiscale del datore distaccatario non è valido.",
           "The host employer's fiscal code is not valid.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Secondment(c);
             return t != nullptr && !Abroad(*t) && !IsBlank(t->host_employer_fiscal_code) &&
                    !IsValidFiscalCode(t->host_employer_fiscal_code);
           }},
          {"TRS-009", kError, kAreaTransfer, "transfer.host_employer_fiscal_code",
           "Il datore distaccatario deve essere diverso dal datore di lavoro.",
           "The host employer must differ from the employer.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Secondment(c);
             return t != nullptr &&
                    SameFiscalCode(t->host_employer_fiscal_code, c.employer.fiscal_code);
           }},
          {"TRS-010", kError, kAreaTransfer, "transfer.host_employer_name",
           "La denominazione del datore distaccatario è obbligatoria.",
           "The host employer's name is required.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Secondment(c);
             return t != nullptr && IsBlank(t->host_employer_name);
           }},
          {"TRS-011", kError, kAreaTransfer, "transfer.end",
           "La fine del distacco non può precedere il suo inizio.",
           "The secondment cannot end before it starts.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && t->end && *t->end < t->date;
           }},
          {"TRS-012", kWarning, kAreaTransfer, "transfer.end",
           "Il distacco è temporaneo: manca la data di fine prevista.",
           "A secondment is temporary: its planned end is missing.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Secondment(c);
             return t != nullptr && !t->end;
           }},
          {"TRS-013", kWarning, kAreaTransfer, "transfer.host_employer_fiscal_code",
           "Un trasferimento resta presso lo stesso datore: i dati del distaccatario sono "
           "ignorati.",
           "A transfer stays with the same employer: the host employer data is ignored.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && c.event == EventKind::kTransfer &&
                    (!IsBlank(t->host_employer_fiscal_code) || !IsBlank(t->host_employer_name));
           }},
          {"TRS-014", kWarning, kAreaTransfer, "transfer.new_workplace",
           "La nuova sede di lavoro coincide con quella attuale.",
           "The new workplace is the same as the current one.",
           [](const Communication& c, const RuleContext&) {
             const Transfer* t = Data(c);
             return t != nullptr && c.event == EventKind::kTransfer &&
                    SameWorkplace(t->new_workplace, c.employer.workplace);
           }},
          {"TRS-015", kError, kAreaTransfer, "event",
           "Il rapporto è già cessato: non può essere trasferito né distaccato.",
           "The relationship has already ended: it cannot be transferred or seconded.",
           [](const Communication& c, const RuleContext& x) {
             return IsTransferEvent(c) && RelationshipClosed(x);
           }},
      });
}

}  // namespace sisl::communications::rules_internal
