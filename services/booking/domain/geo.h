#ifndef SISL_BOOKING_DOMAIN_GEO_H_
#define SISL_BOOKING_DOMAIN_GEO_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/reference/municipalities.h"

namespace sisl::booking {

// A current Italian municipality named by its ISTAT code ("001156") or by a name unique in Italy
// ("Moncalieri", matched ignoring case and accents; Piedmont's wins over homonyms elsewhere).
// INVALID_ARGUMENT on `field`: UNKNOWN_MUNICIPALITY, or AMBIGUOUS_MUNICIPALITY when the name
// belongs to several municipalities outside Piedmont (use the ISTAT code).
absl::StatusOr<const reference::Municipality*> ResolveMunicipality(absl::string_view code_or_name,
                                                                   absl::string_view field);

// Whether a resolved municipality is in Piedmont (the domicile some services require).
bool InPiedmont(const reference::Municipality& municipality);

struct SiteRef {
  std::string site_code;
  std::string province;
  std::string municipality;
  // The municipality's centroid; LocateSites() fills it once.
  std::optional<reference::GeoPoint> location = std::nullopt;
};

// Looks up every site's municipality in the reference data (done once, at start).
void LocateSites(std::vector<SiteRef>& sites);

// Orders sites for a "nearest" search from `municipality` (ISTAT code or name, as
// ResolveMunicipality): by great-circle distance between the municipalities' centroids, so any
// of Piedmont's 1,180 municipalities works; when it cannot be resolved, sites in a municipality
// of that name first, then the rest by site code.
std::vector<std::string> SitesByDistance(const std::vector<SiteRef>& sites,
                                         absl::string_view municipality);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_GEO_H_
