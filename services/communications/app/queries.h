// Reading communications and employment histories (issue 12 points 7 and 11).
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_QUERIES_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_QUERIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/app/access.h"
#include "services/communications/app/deps.h"
#include "services/communications/store/communication_store.h"

namespace sisl::communications {

struct CommunicationPage {
  std::vector<store::StoredCommunication> communications;
  std::string next_page_token;
};

// A relationship with its communications (every one, replaced ones included), for histories.
struct RelationshipHistory {
  store::StoredRelationship relationship;
  std::vector<store::StoredCommunication> steps;
};

struct HistoryPage {
  std::vector<RelationshipHistory> relationships;
  std::string next_page_token;
};

class Queries final {
 public:
  explicit Queries(Deps deps) : deps_(deps) {}

  // The company's filers, the worker it concerns, staff with a reason (audited):
  // PERMISSION_DENIED, reason NOT_YOUR_COMMUNICATION, otherwise.
  absl::StatusOr<store::StoredCommunication> Get(const Caller& caller, const std::string& code,
                                                 const std::string& access_reason);
  // The ministry's XML of a communication, for the company's filers and the worker.
  absl::StatusOr<std::string> ExportXml(const Caller& caller, const std::string& code);
  // A communication for its receipt: the company's filers and the worker (as ExportXml).
  absl::StatusOr<store::StoredCommunication> ForReceipt(const Caller& caller,
                                                        const std::string& code);
  // Filed for the company the caller acts for, newest first.
  absl::StatusOr<CommunicationPage> ListForCompany(const Caller& caller, int page_size,
                                                   const std::string& page_token);
  // A citizen's own relationships (by the fiscal code SPID asserted).
  absl::StatusOr<HistoryPage> MyEmployment(const Caller& caller, int page_size,
                                           const std::string& page_token);
  // Anyone's, for operators and administrators, with a reason; audited.
  absl::StatusOr<HistoryPage> SearchEmployment(const Caller& caller, const std::string& fiscal_code,
                                               const std::string& access_reason, int page_size,
                                               const std::string& page_token);

 private:
  absl::StatusOr<HistoryPage> HistoryOf(platform::db::Transaction& tx, const std::string& worker,
                                        int page_size, const std::string& page_token);
  Deps deps_;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_QUERIES_H_
