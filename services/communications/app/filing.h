// Filing, correcting and cancelling communications (issue 12 points 4-7): the rules decide,
// an accepted filing gets its code and protocol time, updates its relationship, enters the
// national node's spool and is published, all in one transaction.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_FILING_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_FILING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/app/access.h"
#include "services/communications/app/deps.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"
#include "services/communications/store/communication_store.h"

namespace sisl::communications {

struct CheckResult {
  std::vector<Finding> findings;
  std::optional<absl::CivilDay> due;
  int days_late = 0;
};

class Filings final {
 public:
  explicit Filings(Deps deps) : deps_(deps) {}

  // The findings a filing of `c` would get today (who may file it only).
  absl::StatusOr<CheckResult> Check(const Caller& caller, const Communication& c);

  // Refused: INVALID_ARGUMENT, reason COMMUNICATION_REFUSED, a violation per error finding.
  absl::StatusOr<store::StoredCommunication> File(const Caller& caller, Communication c,
                                                  const std::string& request_id);
  absl::StatusOr<store::StoredCommunication> Correct(const Caller& caller, const std::string& code,
                                                     Communication c,
                                                     const std::string& request_id);
  absl::StatusOr<store::StoredCommunication> Cancel(const Caller& caller, const std::string& code,
                                                    const std::string& request_id);

 private:
  absl::StatusOr<store::StoredCommunication> FileIn(platform::db::Transaction& tx,
                                                    platform::outbox::EventWriter& events,
                                                    const Caller& caller, Communication c,
                                                    const std::string& request_id,
                                                    absl::string_view operation);
  Deps deps_;
};

// The refusal of a filing whose findings hold errors.
absl::Status RefusalOf(const std::vector<Finding>& findings);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_FILING_H_
