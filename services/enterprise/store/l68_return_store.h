#ifndef SISL_ENTERPRISE_STORE_L68_RETURN_STORE_H_
#define SISL_ENTERPRISE_STORE_L68_RETURN_STORE_H_

// The L.68/1999 returns as stored (migrations/V002__l68_returns.sql): one row per version, the
// input and the computed figures as a JSON record (l68_return_json.h) beside the columns queries
// filter on.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/l68_return.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise::store {

enum class L68ReturnState {
  kUnspecified,
  kDraft,
  kSubmitted,
  kUnderCorrection,
  kCorrected,  // replaced by a later version
  kCancelled,
};
// "draft", "submitted", "under_correction", "corrected", "cancelled" (what the database keeps).
absl::string_view L68ReturnStateName(L68ReturnState state);
L68ReturnState L68ReturnStateFromName(absl::string_view name);

// One act on a version, never changed once recorded.
struct L68ReturnAct {
  std::string action;  // "create", "update", "submit", "request_correction", "correct", ...
  L68ReturnState from = L68ReturnState::kUnspecified;
  L68ReturnState to = L68ReturnState::kUnspecified;
  std::string actor;       // pseudonymous person id or staff id
  std::string actor_role;  // "company", "consultant", "operator", "admin"
  absl::Time at;
  std::string reason;
};

// What one version says: the input and the figures computed from it.
struct L68Filing {
  L68ReturnInput input;
  L68Return figures;
};

struct StoredL68Return {
  std::string id;
  std::string chain_id;  // the id of version 1
  std::string company;   // fiscal code
  std::string company_name;
  int year = 0;
  int version = 1;
  L68ReturnState state = L68ReturnState::kUnspecified;
  std::string previous_id;  // the version this one corrects
  std::string protocol;     // once submitted
  std::optional<absl::Time> submitted_at;
  bool late = false;
  L68Filing filing;
  std::optional<L68Filing> correction;  // under correction: the proposed new content
  std::vector<L68ReturnAct> acts;       // oldest first
  absl::Time created_at;
  absl::Time updated_at;
};

class L68ReturnStore final {
 public:
  // ALREADY_EXISTS, reason L68_RETURN_ALREADY_OPEN, when the company has an open return (draft,
  // submitted or under correction) for the year.
  static absl::Status Insert(platform::db::Transaction& tx, const StoredL68Return& r);
  // Rewrites state, protocol, submission, late flag and record.
  static absl::Status Update(platform::db::Transaction& tx, const StoredL68Return& r);
  // NOT_FOUND, reason L68_RETURN_NOT_FOUND.
  static absl::StatusOr<StoredL68Return> Get(platform::db::Transaction& tx, const std::string& id);
  // The company's open return for `year`, if any.
  static absl::StatusOr<std::optional<StoredL68Return>> OpenFor(platform::db::Transaction& tx,
                                                                const std::string& company,
                                                                int year);
  // Every version of a chain, oldest first.
  static absl::StatusOr<std::vector<StoredL68Return>> Chain(platform::db::Transaction& tx,
                                                            const std::string& chain_id);
  // A company's returns (`company` non-empty), a CPI's companies' (`cpi_code` non-empty) or all,
  // of `year` (0: any) in `states` (empty: any), newest first, after the id `after`.
  static absl::StatusOr<std::vector<StoredL68Return>> List(platform::db::Transaction& tx,
                                                           const std::string& company,
                                                           const std::string& cpi_code, int year,
                                                           const std::vector<std::string>& states,
                                                           const std::string& after, int limit);
  // The next protocol number of `year`: "PI-2027-000001", ...
  static absl::StatusOr<std::string> NextProtocol(platform::db::Transaction& tx, int year);
};

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_L68_RETURN_STORE_H_
