#ifndef SISL_BOOKING_STORE_OFFICE_STORE_H_
#define SISL_BOOKING_STORE_OFFICE_STORE_H_

#include "absl/strings/string_view.h"
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/booking/domain/office.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

// Offices and CPIs in the booking store. Reads open their own transaction; writes take the
// caller's, so a change and its outbox event commit together.
class OfficeStore final {
 public:
  explicit OfficeStore(platform::db::Database& db) : db_(db) {}

  // Sites matching `filter` with site_code > `after`, in site-code order, at most `limit`.
  absl::StatusOr<std::vector<Office>> List(const OfficeFilter& filter, const std::string& after,
                                           int limit);
  absl::StatusOr<int> Count(const OfficeFilter& filter);
  // NOT_FOUND (reason OFFICE_NOT_FOUND) when absent.
  absl::StatusOr<Office> Get(const std::string& site_code);
  absl::StatusOr<Office> Get(platform::db::Transaction& tx, const std::string& site_code);
  // Writes the changed office if its stored version is still `office.version - 1`; ABORTED
  // (reason OFFICE_VERSION_CONFLICT) when someone else changed it meanwhile.
  absl::Status Update(platform::db::Transaction& tx, const Office& office);
  absl::StatusOr<std::vector<Cpi>> ListCpis(const std::string& province);

  // Inserts the CPIs and sites that are not there yet; existing rows are left as they are.
  // Returns how many rows were inserted.
  absl::StatusOr<int> Seed(platform::db::Transaction& tx, const std::vector<Cpi>& cpis,
                           const std::vector<Office>& offices);

 private:
  platform::db::Database& db_;
};

// Parses the seed files: the CPIs and their sites (services/reference/data) and the catalogue
// (services/booking/data).
absl::StatusOr<std::vector<Cpi>> ParseCpiCsv(absl::string_view csv);
absl::StatusOr<std::vector<Office>> ParseSiteCsv(absl::string_view csv, absl::Time now);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_OFFICE_STORE_H_
