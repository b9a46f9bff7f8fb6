// EXT: the extension (proroga) of a fixed-term relationship or traineeship.
//
// The 24-month cap and the limit of 4 extensions (D.Lgs. 81/2015 art. 19 and 21) are warnings,
// not errors: breaking them does not make the filing false, it makes the relationship
// open-ended by law, and the employer must still report the fact. Collective agreements may
// also set other limits. Seasonal work is exempt.

#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications::rules_internal {
namespace {

constexpr int kFixedTermMonths = 24;
constexpr int kMaxExtensions = 4;
constexpr int kTraineeshipMonths = 12;

bool IsExtension(const Communication& c) {
  return HasRelationship(c) && c.event == EventKind::kExtension;
}

// The extension's new end, when the communication is an extension carrying it.
std::optional<absl::CivilDay> NewEnd(const Communication& c) {
  if (!IsExtension(c) || !c.extension) return std::nullopt;
  return c.extension->new_end;
}

}  // namespace

void AddExtensionRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"EXT-001", kError, kAreaExtension, "extension",
           "Una proroga deve indicare la nuova data di fine.",
           "An extension must give the new end date.",
           [](const Communication& c, const RuleContext&) {
             return IsExtension(c) && !c.extension;
           }},
          {"EXT-002", kError, kAreaExtension, "contract.contract_type",
           "Si può prorogare solo un rapporto a termine o un tirocinio.",
           "Only a fixed-term relationship or a traineeship can be extended.",
           [](const Communication& c, const RuleContext& x) {
             const std::string type = RelationshipType(c, x);
             return IsExtension(c) && !IsBlank(type) && !IsFixedTermType(type);
           }},
          {"EXT-003", kError, kAreaExtension, "extension.new_end",
           "La nuova data di fine deve essere successiva alla data di fine precedente.",
           "The new end date must be after the previous end date.",
           [](const Communication& c, const RuleContext&) {
             const std::optional<absl::CivilDay> new_end = NewEnd(c);
             return new_end && c.contract.end && *new_end <= *c.contract.end;
           }},
          {"EXT-004", kWarning, kAreaExtension, "extension.new_end",
           "Con la proroga il rapporto a termine supera 24 mesi: per legge diventa a tempo "
           "indeterminato, salvo diversa previsione dei contratti collettivi. La comunicazione è "
           "accettata perché registra un fatto.",
           "With this extension the fixed-term relationship exceeds 24 months: by law it becomes "
           "open-ended unless collective agreements provide otherwise. The filing is accepted "
           "because it records a fact.",
           [](const Communication& c, const RuleContext& x) {
             const std::optional<absl::CivilDay> new_end = NewEnd(c);
             return new_end && IsCappedFixedTerm(c, x) &&
                    *new_end > PeriodEnd(RelationshipStart(c, x), kFixedTermMonths);
           }},
          {"EXT-005", kWarning, kAreaExtension, "extension",
           "È la quinta proroga (o oltre): oltre la quarta il rapporto diventa per legge a tempo "
           "indeterminato. La comunicazione è accettata perché registra un fatto.",
           "This is the fifth extension (or later): beyond the fourth the relationship becomes "
           "open-ended by law. The filing is accepted because it records a fact.",
           [](const Communication& c, const RuleContext& x) {
             return IsExtension(c) && IsCappedFixedTerm(c, x) && x.relationship &&
                    x.relationship->extensions >= kMaxExtensions;
           }},
          {"EXT-006", kError, kAreaExtension, "extension.new_end",
           "Il tirocinio non è un rapporto di lavoro: non può essere prorogato oltre 12 mesi "
           "complessivi.",
           "A traineeship is not employment: it cannot be extended beyond 12 months in all.",
           [](const Communication& c, const RuleContext& x) {
             const std::optional<absl::CivilDay> new_end = NewEnd(c);
             return new_end && IsTraineeshipType(RelationshipType(c, x)) &&
                    *new_end > PeriodEnd(RelationshipStart(c, x), kTraineeshipMonths);
           }},
          {"EXT-007", kError, kAreaExtension, "event",
           "Il rapporto è già cessato: non può essere prorogato.",
           "The relationship has already ended: it cannot be extended.",
           [](const Communication& c, const RuleContext& x) {
             return IsExtension(c) && RelationshipClosed(x);
           }},
          {"EXT-008", kWarning, kAreaExtension, "contract.end",
           "La data di fine precedente non coincide con quella registrata per il rapporto.",
           "The previous end date differs from the one recorded for the relationship.",
           [](const Communication& c, const RuleContext& x) {
             return IsExtension(c) && x.relationship && x.relationship->end && c.contract.end &&
                    *c.contract.end != *x.relationship->end;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
