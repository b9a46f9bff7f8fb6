// DLN: late filing (deadlines.h). Always warnings: a late communication is accepted and the
// lateness, in working days, is kept on the receipt (Validate appends the count).

#include <optional>
#include <vector>

#include "services/communications/domain/deadlines.h"
#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

// True when the filing's deadline has one of the bases given and the filing day is after it.
bool Late(const Communication& c, const RuleContext& x, absl::string_view basis,
          absl::string_view other_basis = "") {
  const std::optional<Deadline> deadline = DeadlineOf(c);
  if (!deadline || (deadline->basis != basis && deadline->basis != other_basis)) return false;
  const std::optional<int> late = DaysLate(c, x.today);
  return late.has_value() && *late > 0;
}

}  // namespace

void AddDeadlineRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"DLN-001", kWarning, kAreaDeadline, "event_date",
           "Assunzione comunicata in ritardo: il termine è il giorno precedente l'inizio (L. "
           "296/2006 art. 1 c. 1180).",
           "Hire filed late: the deadline is the day before the start (law 296/2006 art. 1 c. "
           "1180).",
           [](const Communication& c, const RuleContext& x) { return Late(c, x, kBasisHire); }},
          {"DLN-002", kWarning, kAreaDeadline, "event_date",
           "UNIURG comunicato in ritardo: il termine è il giorno precedente l'inizio.",
           "UNIURG filed late: the deadline is the day before the start.",
           [](const Communication& c, const RuleContext& x) {
             return Late(c, x, kBasisUrgentHire);
           }},
          {"DLN-003", kWarning, kAreaDeadline, "event_date",
           "UNILAV successivo all'urgenza comunicato in ritardo: il termine è di 5 giorni "
           "dall'inizio (3 nel turismo).",
           "UNILAV after an urgency filed late: the deadline is 5 days from the start (3 in "
           "tourism).",
           [](const Communication& c, const RuleContext& x) {
             return Late(c, x, kBasisAfterUrgency, kBasisAfterUrgencyTourism);
           }},
          {"DLN-004", kWarning, kAreaDeadline, "event_date",
           "Somministrazione comunicata in ritardo: il termine è il 20 del mese successivo "
           "all'evento.",
           "Agency work filed late: the deadline is the 20th of the month after the event.",
           [](const Communication& c, const RuleContext& x) {
             return Late(c, x, kBasisAgencyWork);
           }},
          {"DLN-005", kWarning, kAreaDeadline, "event_date",
           "Comunicazione della pubblica amministrazione in ritardo: il termine è il 20 del mese "
           "successivo all'evento.",
           "Public employer filing late: the deadline is the 20th of the month after the event.",
           [](const Communication& c, const RuleContext& x) {
             return Late(c, x, kBasisPublicEmployer);
           }},
          {"DLN-006", kWarning, kAreaDeadline, "event_date",
           "Assunzione di scuola o ente di formazione comunicata in ritardo: il termine è di 10 "
           "giorni dall'inizio.",
           "School or training body hire filed late: the deadline is 10 days from the start.",
           [](const Communication& c, const RuleContext& x) { return Late(c, x, kBasisSchool); }},
          {"DLN-007", kWarning, kAreaDeadline, "event_date",
           "Proroga, trasformazione, trasferimento o cessazione comunicati in ritardo: il "
           "termine è di 5 giorni dall'evento.",
           "Extension, transformation, transfer or termination filed late: the deadline is 5 "
           "days from the event.",
           [](const Communication& c, const RuleContext& x) { return Late(c, x, kBasisEvent); }},
          {"DLN-008", kWarning, kAreaDeadline, "employer_change.date",
           "Variazione del datore comunicata in ritardo: il termine è di 30 giorni dalla "
           "variazione.",
           "Employer change filed late: the deadline is 30 days from the change.",
           [](const Communication& c, const RuleContext& x) {
             return Late(c, x, kBasisEmployerChange);
           }},
      });
}

}  // namespace sisl::communications::rules_internal
