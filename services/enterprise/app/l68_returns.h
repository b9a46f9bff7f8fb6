#ifndef SISL_ENTERPRISE_APP_L68_RETURNS_H_
#define SISL_ENTERPRISE_APP_L68_RETURNS_H_

// The L.68/1999 return as a service feature (DOMAIN.md §7, §12): drafts, submission with a
// protocol number (late after 31 January of the following year: accepted and marked), correction
// by a new version that references the previous one, cancellation, and the ministry's XML.
//
//   draft ──submit──> submitted ──request correction──> under correction ──correct──> corrected
//     │                   │                                   │                 (+ version n+1,
//     └──────cancel───────┴───────────────cancel──────────────┘                   submitted)
//
// Who: the company's people with the l68_returns scope (checked against the delegations), the
// operators of the company's CPIs (read; they may request a correction) and administrators
// (read, request a correction, cancel).

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/enterprise/app/deps.h"
#include "services/enterprise/domain/l68_return.h"
#include "services/enterprise/store/l68_return_store.h"
#include "services/enterprise/xml/l68_xml.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/outbox/committer.h"

namespace sisl::enterprise {

// A version with every version of the same return (oldest first).
struct L68ReturnView {
  store::StoredL68Return current;
  std::vector<store::StoredL68Return> versions;
};

struct L68ReturnPage {
  std::vector<store::StoredL68Return> returns;
  std::string next_page_token;
};

// The outcome of one `prospetto` of an imported document.
struct L68ImportResult {
  int index = 0;
  int line = 0;
  std::string company;
  int year = 0;
  std::string id;       // the draft created
  absl::Status status;  // why it was refused
  std::vector<xml::L68XmlProblem> problems;
};

// The due date of a return: 31 January of the following year.
absl::CivilDay L68DueDate(int year);

class L68ReturnManager final {
 public:
  explicit L68ReturnManager(Deps deps) : deps_(deps) {}

  // The computation alone, for the wizard (any authenticated caller).
  static absl::StatusOr<L68Return> Compute(const L68ReturnInput& input);

  // A draft for `company` ("" for the one the caller acts for).
  absl::StatusOr<store::StoredL68Return> Create(const platform::auth::Caller& caller,
                                                std::string company, const L68ReturnInput& input,
                                                const std::string& request_id);
  // The input of a draft, or the proposed correction of a return under correction.
  absl::StatusOr<store::StoredL68Return> Update(const platform::auth::Caller& caller,
                                                const std::string& id, const L68ReturnInput& input);
  absl::StatusOr<store::StoredL68Return> Submit(const platform::auth::Caller& caller,
                                                const std::string& id);
  absl::StatusOr<store::StoredL68Return> RequestCorrection(const platform::auth::Caller& caller,
                                                           const std::string& id,
                                                           const std::string& reason);
  // Files the correction of a return under correction from `input` (or the saved proposal):
  // returns the new, submitted version.
  absl::StatusOr<store::StoredL68Return> Correct(const platform::auth::Caller& caller,
                                                 const std::string& id,
                                                 const std::optional<L68ReturnInput>& input,
                                                 const std::string& reason);
  absl::StatusOr<store::StoredL68Return> Cancel(const platform::auth::Caller& caller,
                                                const std::string& id, const std::string& reason);
  absl::StatusOr<L68ReturnView> Get(const platform::auth::Caller& caller, const std::string& id);
  // The company's (acting for it), the operator's CPI's companies', or all (administrators).
  absl::StatusOr<L68ReturnPage> List(const platform::auth::Caller& caller, int year,
                                     const std::vector<store::L68ReturnState>& states,
                                     int page_size, const std::string& page_token);

  absl::StatusOr<std::string> ExportXml(const platform::auth::Caller& caller,
                                        const std::string& id);
  // One result per `prospetto`; a document that is not well-formed fails as a whole.
  absl::StatusOr<std::vector<L68ImportResult>> ImportXml(const platform::auth::Caller& caller,
                                                         const std::string& xml,
                                                         const std::string& request_id);

 private:
  // Who may act on an existing return.
  struct Permit {
    bool company = false;    // the company's people with the l68_returns scope
    bool operators = false;  // operators of the company's CPIs
    bool admins = false;
  };
  static constexpr Permit kReaders{.company = true, .operators = true, .admins = true};
  // NOT_FOUND for company people acting for another company, the reasons of access.h, or
  // PERMISSION_DENIED L68_ACTION_NOT_ALLOWED.
  absl::Status Authorize(platform::db::Transaction& tx, const platform::auth::Caller& caller,
                         const std::string& company, Permit permit);
  // Loads the version, checks `permit`, then `change` in the same transaction (it saves).
  absl::StatusOr<store::StoredL68Return> Change(
      const platform::auth::Caller& caller, const std::string& id, Permit permit,
      absl::FunctionRef<absl::StatusOr<store::StoredL68Return>(
          platform::db::Transaction&, platform::outbox::EventWriter&, store::StoredL68Return&)>
          change);
  // A draft for `company`, `acting` being the caller as checked against its delegations.
  absl::StatusOr<store::StoredL68Return> CreateDraft(const platform::auth::Caller& acting,
                                                     const std::string& company,
                                                     const L68ReturnInput& input,
                                                     const platform::db::RequestKey& key,
                                                     const char* action);

  Deps deps_;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_L68_RETURNS_H_
