// An employment relationship as its accepted communications shape it (issue 12 point 7): a hire
// (or a mission start) opens it, an extension moves its end, a transformation changes its
// contract, a transfer moves the workplace, a termination closes it. The state is a fold of the
// communications in force, in filing order, so corrections and cancellations recompute it.
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_RELATIONSHIP_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_RELATIONSHIP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"

namespace sisl::communications {

enum class RelationshipStatus { kOpen, kClosed, kCancelled };

struct RelationshipState {
  RelationshipStatus status = RelationshipStatus::kOpen;
  std::string employer_fiscal_code;
  std::string employer_name;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;  // planned end, or the termination date once closed
  std::string contract_type;
  std::string working_time;
  double weekly_hours = 0;
  std::string profession;
  std::string ccnl;
  std::string workplace_municipality_code;
  std::string termination_cause;
  std::string mission_user_fiscal_code;
  int extensions = 0;
  std::string last_code;  // the last communication in force
};

// The communications of one relationship that are in force (not corrected nor cancelled), in
// filing order; cancellations among them are skipped. Empty (its hire was cancelled): nullopt.
// A first one that is not a hire (a relationship hired before SISL) seeds it from its contract.
// An employer change (VARDATORI) among them moves the relationship to its employer when it
// lists the worker and the relationship is with its previous employer at that step.
std::optional<RelationshipState> FoldRelationship(const std::vector<Communication>& in_force);

// What the rules need to know of it.
RelationshipFacts FactsOf(const RelationshipState& state);

// The employer a relationship belongs to: the agency for UNISOMM, else the employer.
const std::string& RelationshipEmployer(const Communication& c);

// The relationship's start as a communication states it: the contract start (a mission start's
// agency relationship starts with the contract too).
absl::CivilDay RelationshipStart(const Communication& c);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_RELATIONSHIP_H_
