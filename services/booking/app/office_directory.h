#ifndef SISL_BOOKING_APP_OFFICE_DIRECTORY_H_
#define SISL_BOOKING_APP_OFFICE_DIRECTORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/booking/domain/office.h"
#include "services/booking/store/office_store.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/outbox/committer.h"
#include "sisl/booking/v1/offices.pb.h"

namespace sisl::booking {

// The offices use cases: cached reads and audited, evented changes. Reads go to the cache first
// and fall back to the store on a miss or when the cache is unreachable; a change bumps a cache
// generation so every cached page and office is invalidated at once, across replicas.
class OfficeDirectory final {
 public:
  OfficeDirectory(platform::outbox::Committer& committer, platform::cache::Cache& cache);

  absl::StatusOr<v1::ListOfficesResponse> List(const v1::ListOfficesRequest& request);
  absl::StatusOr<v1::Office> Get(const std::string& site_code);
  absl::StatusOr<v1::ListCpisResponse> ListCpis(const std::string& province);
  absl::StatusOr<v1::Office> Update(const std::string& site_code, const OfficePatch& patch,
                                    int64_t expected_version);

 private:
  std::optional<std::string> Generation();
  std::optional<std::string> CacheGet(const std::string& key);
  void CachePut(const std::string& key, const std::string& value);
  absl::StatusOr<v1::ListOfficesResponse> ListFromStore(const OfficeFilter& filter,
                                                         const std::string& cursor, int page_size,
                                                         const std::string& query);

  OfficeStore store_;
  platform::outbox::Committer& committer_;
  platform::cache::Cache& cache_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_OFFICE_DIRECTORY_H_
