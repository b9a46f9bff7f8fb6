#ifndef SISL_ENTERPRISE_STORE_SERVICE_REQUEST_STORE_H_
#define SISL_ENTERPRISE_STORE_SERVICE_REQUEST_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/service_request.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise::store {

struct StoredServiceRequest {
  ServiceRequest request;  // with its messages from Get, without them from List
  std::string company_name;
  int64_t message_count = 0;
  int64_t version = 0;  // what Update expects
  absl::Time updated_at;
};

// The service_requests and service_request_messages tables (V003), inside the caller's
// transaction.
class ServiceRequestStore final {
 public:
  // The request and its messages.
  static absl::Status Insert(platform::db::Transaction& tx, const ServiceRequest& r, absl::Time at);
  // Writes what a step or a message changed over `current` (state, outcome, handler, counters,
  // history) and inserts the messages `r` has beyond `current`'s. ABORTED (DB_CONFLICT, retried
  // by the committer) when another change came after `current` was read.
  static absl::Status Update(platform::db::Transaction& tx, const StoredServiceRequest& current,
                             const ServiceRequest& r, absl::Time at);
  // With its thread. NOT_FOUND, reason SERVICE_REQUEST_NOT_FOUND.
  static absl::StatusOr<StoredServiceRequest> Get(platform::db::Transaction& tx,
                                                  const std::string& id);
  // A company's requests, a CPI's, or every one (both empty), in the given states (all when
  // empty), newest first, after the id `after` in that order; without their threads.
  static absl::StatusOr<std::vector<StoredServiceRequest>> List(
      platform::db::Transaction& tx, const std::string& company, const std::string& cpi_code,
      const std::vector<std::string>& states, const std::string& after, int limit);
};

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_SERVICE_REQUEST_STORE_H_
