// The relationships an employer change (VARDATORI) moves (issue 12 point 7): an ordinary one
// moves its listed workers' open relationships with the previous employer to the new employer;
// it becomes a step of each (store::EmployerChangeLink, with the relationship's next seq), so
// their fold applies it and the new employer's filings find them. Its cancellation re-folds them
// without it (back to the previous employer), its correction with the corrected change. Each
// relationship re-folded is published with a RelationshipChanged.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_EMPLOYER_CHANGE_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_EMPLOYER_CHANGE_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/communications/app/deps.h"
#include "services/communications/app/filing_support.h"
#include "services/communications/store/filing_store.h"

namespace sisl::communications {

// Before the rules, for a VARDATORI `c` (its referenced communication already in `context`):
// the relationships it re-folds (context.employer_change), the listed workers with none to move
// (context.rules.unmoved_workers, rule VAR-013), and for a correction or cancellation whether
// the change it amends is still the last step of every relationship it moved
// (context.rules.referenced_is_last, rule COR-004).
absl::Status LoadEmployerChange(store::FilingStore& store, const Communication& c,
                                FilingContext& context);

// Before the rules, for a filing of another form whose relationship its key does not find:
// whether an employer change in force moved that relationship to another employer
// (context.rules.moved_away, rule VAR-014).
absl::Status CheckMovedAway(store::FilingStore& store, const Communication& c,
                            FilingContext& context);

// After the VARDATORI `s` is stored: re-folds every relationship of context.employer_change
// with it (without the change it replaces), stores each and its link, and publishes each.
absl::Status ApplyEmployerChange(store::FilingStore& store, platform::outbox::EventWriter& events,
                                 const store::StoredCommunication& s, const FilingContext& context,
                                 absl::Time now, const Deps& deps);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_EMPLOYER_CHANGE_H_
