// The catalogue machinery: the rules of every area file, sorted by code, the lookup and the
// validation of one communication.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/communications/domain/deadlines.h"
#include "services/communications/domain/rules.h"
#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications {
namespace {

std::vector<Rule> BuildCatalogue() {
  using namespace rules_internal;  // NOLINT(build/namespaces): the area functions
  std::vector<Rule> rules;
  AddGeneralRules(rules);
  AddEmployerRules(rules);
  AddWorkerRules(rules);
  AddPermitRules(rules);
  AddContractRules(rules);
  AddWorkingTimeRules(rules);
  AddExtensionRules(rules);
  AddTransformationRules(rules);
  AddTransferRules(rules);
  AddTerminationRules(rules);
  AddAgencyRules(rules);
  AddUrgencyRules(rules);
  AddEmployerChangeRules(rules);
  AddCorrectionRules(rules);
  AddDeadlineRules(rules);
  std::sort(rules.begin(), rules.end(),
            [](const Rule& a, const Rule& b) { return a.code < b.code; });
  return rules;
}

Finding FindingOf(const Rule& rule, const Communication& c, const RuleContext& context) {
  Finding finding{std::string(rule.code), rule.severity, std::string(rule.field),
                  std::string(rule.message_it), std::string(rule.message_en)};
  if (rule.area == rules_internal::kAreaDeadline) {
    const std::optional<int> late = DaysLate(c, context.today);
    if (late.has_value()) {
      absl::StrAppend(&finding.message_it, " Giorni lavorativi di ritardo: ", *late, ".");
      absl::StrAppend(&finding.message_en, " Working days late: ", *late, ".");
    }
  }
  return finding;
}

}  // namespace

const std::vector<Rule>& RuleCatalogue() {
  static const std::vector<Rule>* const catalogue = new std::vector<Rule>(BuildCatalogue());
  return *catalogue;
}

const Rule* FindRule(absl::string_view code) {
  const std::vector<Rule>& rules = RuleCatalogue();
  auto it = std::lower_bound(rules.begin(), rules.end(), code,
                             [](const Rule& rule, absl::string_view c) { return rule.code < c; });
  return it != rules.end() && it->code == code ? &*it : nullptr;
}

std::vector<Finding> Validate(const Communication& c, const RuleContext& context) {
  std::vector<Finding> findings;
  for (const Rule& rule : RuleCatalogue()) {
    if (rule.violated(c, context)) findings.push_back(FindingOf(rule, c, context));
  }
  return findings;
}

bool HasErrors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

}  // namespace sisl::communications
