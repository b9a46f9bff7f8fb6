// The validation rule catalogue of mandatory communications (issue 12 point 3). Each rule has a
// stable code, a severity, the field it concerns and its message in Italian and English; the
// catalogue is data plus one predicate per rule, and docs/communications-rules.md is generated
// from it. Errors refuse a filing; warnings (lateness among them) are kept on the receipt.
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications {

enum class Severity { kError, kWarning };

// The relationship a communication acts on, as the store knows it before this filing.
struct RelationshipFacts {
  std::string contract_type;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  std::string working_time;
  bool open = true;       // no termination yet
  int extensions = 0;     // extensions accepted so far
  std::string last_code;  // the code of its last accepted communication
};

// What the rules may know beyond the communication itself; the app fills it from the store.
struct RuleContext {
  absl::CivilDay today;  // the filing day (Europe/Rome)
  // The relationship of (employer, worker) the event acts on; none when the store has none.
  std::optional<RelationshipFacts> relationship;
  // The communication named by previous_code (corrections, cancellations, a UNILAV after its
  // UNIURG), when it exists; `referenced_is_last` tells whether it is its relationship's last.
  std::optional<Communication> referenced;
  bool referenced_is_last = true;
  // VARDATORI: the workers it lists (as listed) that have no open relationship with the previous
  // employer to move (their hire may predate SISL).
  std::vector<std::string> unmoved_workers;
  // The relationship this filing names (employer, worker, start) is no longer the employer's:
  // an employer change in force moved it to another employer.
  bool moved_away = false;
};

struct Finding {
  std::string rule;  // e.g. "WRK-003"
  Severity severity = Severity::kError;
  std::string field;  // e.g. "worker.fiscal_code"
  std::string message_it;
  std::string message_en;
  bool operator==(const Finding&) const = default;
};

struct Rule {
  absl::string_view code;
  Severity severity;
  absl::string_view area;  // employer, worker, contract, event, agency, urgency, correction, ...
  absl::string_view field;
  absl::string_view message_it;
  absl::string_view message_en;
  bool (*violated)(const Communication&, const RuleContext&);
};

// Every rule, in code order (codes unique and stable: a retired code is never reused).
const std::vector<Rule>& RuleCatalogue();
const Rule* FindRule(absl::string_view code);

// The findings of every violated rule, in catalogue order.
std::vector<Finding> Validate(const Communication& c, const RuleContext& context);
bool HasErrors(const std::vector<Finding>& findings);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_H_
