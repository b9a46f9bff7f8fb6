#ifndef SISL_BOOKING_STORE_CATALOGUE_STORE_H_
#define SISL_BOOKING_STORE_CATALOGUE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/booking/domain/bookable_service.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

// The service catalogue. Each service's settings are stored as one JSON document.
class CatalogueStore final {
 public:
  explicit CatalogueStore(platform::db::Database& db) : db_(db) {}

  absl::StatusOr<std::vector<BookableService>> List(bool citizen_self_booking_only);
  // NOT_FOUND (reason SERVICE_NOT_FOUND) when absent.
  absl::StatusOr<BookableService> Get(const std::string& code);
  absl::StatusOr<BookableService> Get(platform::db::Transaction& tx, const std::string& code);
  // Inserts the services not there yet; returns how many.
  absl::StatusOr<int> Seed(platform::db::Transaction& tx,
                           const std::vector<BookableService>& services, absl::Time now);

 private:
  platform::db::Database& db_;
};

std::string BookableServiceToJson(const BookableService& s);
absl::StatusOr<BookableService> BookableServiceFromJson(const std::string& json);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_CATALOGUE_STORE_H_
