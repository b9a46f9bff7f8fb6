// HRS: the working time of the relationship (code and average weekly hours).

#include <cmath>
#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"

namespace sisl::communications::rules_internal {
namespace {

// The full-time week of the common CCNLs is 40 hours; part-time is anything shorter. The public
// sector's 36 hours is the shortest full-time week accepted, 48 the legal average maximum
// (D.Lgs. 66/2003 art. 4).
constexpr double kFullTimeHours = 40;
constexpr double kShortestFullTimeHours = 36;
constexpr double kMaxWeeklyHours = 48;

const std::string& Time(const Communication& c) { return c.contract.working_time; }
double Hours(const Communication& c) { return c.contract.weekly_hours; }

}  // namespace

void AddWorkingTimeRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"HRS-001", kError, kAreaWorkingTime, "contract.working_time",
           "Il tipo di orario è obbligatorio.", "The working-time code is required.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsBlank(Time(c));
           }},
          {"HRS-002", kError, kAreaWorkingTime, "contract.working_time",
           "Il tipo di orario non esiste o non è valido alla data dell'evento.",
           "The working-time code does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !IsBlank(Time(c)) &&
                    !reference::ValidateWorkingTime("contract.working_time", Time(c), EventDate(c))
                         .ok();
           }},
          {"HRS-003", kError, kAreaWorkingTime, "contract.weekly_hours",
           "Per il tempo parziale (P, V, M) le ore settimanali medie sono obbligatorie.",
           "Part-time work (P, V, M) needs its average weekly hours.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsPartTime(Time(c)) && Hours(c) == 0;
           }},
          {"HRS-004", kError, kAreaWorkingTime, "contract.weekly_hours",
           "Le ore settimanali del tempo parziale sono meno di 40.",
           "Part-time weekly hours are fewer than 40.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsPartTime(Time(c)) && Hours(c) >= kFullTimeHours;
           }},
          {"HRS-005", kError, kAreaWorkingTime, "contract.weekly_hours",
           "Con il tempo pieno (F) le ore settimanali, se indicate, sono almeno 36.",
           "With full time (F) the weekly hours, when given, are at least 36.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && Time(c) == "F" && Hours(c) > 0 &&
                    Hours(c) < kShortestFullTimeHours;
           }},
          {"HRS-006", kError, kAreaWorkingTime, "contract.weekly_hours",
           "Le ore settimanali medie non possono superare 48.",
           "The average weekly hours cannot exceed 48.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && Hours(c) > kMaxWeeklyHours;
           }},
          {"HRS-007", kError, kAreaWorkingTime, "contract.weekly_hours",
           "Le ore settimanali non possono essere negative.",
           "The weekly hours cannot be negative.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && (Hours(c) < 0 || !std::isfinite(Hours(c)));
           }},
          {"HRS-008", kError, kAreaWorkingTime, "contract.working_time",
           "L'orario non definito (N) non è ammesso per il lavoro a tempo determinato, "
           "indeterminato o in apprendistato.",
           "Undefined working time (N) is not allowed for fixed-term, open-ended or "
           "apprenticeship work.",
           [](const Communication& c, const RuleContext&) {
             const std::string& type = c.contract.contract_type;
             return HasRelationship(c) && Time(c) == "N" &&
                    (IsOpenEndedType(type) || IsApprenticeshipType(type) ||
                     (IsFixedTermType(type) && !IsTraineeshipType(type)));
           }},
      });
}

}  // namespace sisl::communications::rules_internal
