// GEN: coherence of form, nature and event, the communication code and the dates every filing
// has.

#include <vector>

#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

const absl::CivilDay kEarliestDay(1900, 1, 1);

bool IsMissionEvent(EventKind event) {
  return event == EventKind::kMissionStart || event == EventKind::kMissionExtension ||
         event == EventKind::kMissionTermination;
}

// True when the communication carries the section of an event other than its own.
bool HasForeignSection(const Communication& c) {
  const EventKind e = c.event;
  const bool extension = e == EventKind::kExtension || e == EventKind::kMissionExtension;
  const bool transfer = e == EventKind::kTransfer || e == EventKind::kSecondment;
  const bool termination = e == EventKind::kTermination || e == EventKind::kMissionTermination;
  return (c.extension && !extension) || (c.transformation && e != EventKind::kTransformation) ||
         (c.transfer && !transfer) || (c.termination && !termination) ||
         (c.employer_change && e != EventKind::kEmployerChange);
}

}  // namespace

void AddGeneralRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"GEN-001", kError, kAreaGeneral, "event",
           "Gli eventi di missione (inizio, proroga, cessazione) sono ammessi solo nel modulo "
           "UNISOMM.",
           "Mission events (start, extension, termination) are allowed on UNISOMM only.",
           [](const Communication& c, const RuleContext&) {
             return IsMissionEvent(c.event) && c.form != Form::kUnisomm;
           }},
          {"GEN-002", kError, kAreaGeneral, "form",
           "Il modulo VARDATORI comunica solo la variazione del datore di lavoro, e la variazione "
           "del datore si comunica solo con VARDATORI.",
           "The VARDATORI form reports an employer change only, and an employer change is "
           "reported on VARDATORI only.",
           [](const Communication& c, const RuleContext&) {
             return (c.form == Form::kVardatori) != (c.event == EventKind::kEmployerChange);
           }},
          {"GEN-003", kError, kAreaGeneral, "event",
           "La comunicazione contiene i dati di un evento diverso dal proprio.",
           "The communication carries the data of an event other than its own.",
           [](const Communication& c, const RuleContext&) {
             return !IsCancellation(c) && HasForeignSection(c);
           }},
          {"GEN-004", kError, kAreaGeneral, "code",
           "Il codice comunicazione, se indicato, è di 16 caratteri alfanumerici maiuscoli.",
           "The communication code, when given, is 16 upper-case letters and digits.",
           [](const Communication& c, const RuleContext&) {
             return !c.code.empty() && (c.code.size() != 16 || !IsUpperAlnum(c.code));
           }},
          {"GEN-005", kError, kAreaGeneral, "previous_code",
           "Il codice della comunicazione precedente si indica solo per rettifiche, annullamenti "
           "e per l'UNILAV successivo a un UNIURG.",
           "The previous communication code is given only for corrections, cancellations and "
           "the UNILAV after a UNIURG.",
           [](const Communication& c, const RuleContext&) {
             return !IsBlank(c.previous_code) &&
                    (c.nature == Nature::kOrdinary || c.nature == Nature::kByOffice);
           }},
          {"GEN-006", kError, kAreaGeneral, "contract.start",
           "La data di inizio del rapporto non può precedere il 01/01/1900.",
           "The relationship's start date cannot be before 1900-01-01.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && c.contract.start != kNoDay &&
                    c.contract.start < kEarliestDay;
           }},
          {"GEN-007", kError, kAreaGeneral, "contract.start",
           "Un'assunzione non può iniziare oltre un anno dopo la data di invio.",
           "A hire cannot start more than one year after the filing day.",
           [](const Communication& c, const RuleContext& x) {
             return IsHireEvent(c) && EventDate(c) > AddMonths(x.today, 12);
           }},
          {"GEN-008", kError, kAreaGeneral, "event_date",
           "La data dell'evento non può precedere il 01/01/1900.",
           "The event date cannot be before 1900-01-01.",
           [](const Communication& c, const RuleContext&) {
             return !IsCancellation(c) && c.event != EventKind::kHire &&
                    EventDate(c) < kEarliestDay;
           }},
          {"GEN-009", kWarning, kAreaGeneral, "event_date",
           "La data dell'evento è di oltre cinque anni fa: verificare la data.",
           "The event date is more than five years ago: check the date.",
           [](const Communication& c, const RuleContext& x) {
             const absl::CivilDay day = EventDate(c);
             return !IsCancellation(c) && day >= kEarliestDay && day < AddMonths(x.today, -60);
           }},
          {"GEN-011", kWarning, kAreaGeneral, "event_date",
           "La data dell'evento è oltre un anno dopo la data di invio: verificare la data.",
           "The event date is more than one year after the filing day: check the date.",
           [](const Communication& c, const RuleContext& x) {
             return !IsCancellation(c) && !IsHireEvent(c) && EventDate(c) > AddMonths(x.today, 12);
           }},
          {"GEN-010", kWarning, kAreaGeneral, "event",
           "Esiste già un rapporto aperto tra lo stesso datore e lo stesso lavoratore.",
           "An open relationship between the same employer and worker already exists.",
           [](const Communication& c, const RuleContext& x) {
             return IsHireEvent(c) && c.nature == Nature::kOrdinary && x.relationship &&
                    x.relationship->open;
           }},
          {"GEN-012", kError, kAreaGeneral, "contract.start",
           "La data di inizio del rapporto è obbligatoria.",
           "The relationship's start date is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && c.contract.start == kNoDay;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
