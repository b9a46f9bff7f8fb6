#ifndef SISL_BOOKING_DOMAIN_GEO_H_
#define SISL_BOOKING_DOMAIN_GEO_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sisl::booking {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// Approximate centre of a municipality that hosts a CPI site (the 41 site municipalities), or
// nullopt. Other municipalities are not known yet (see docs/adr/0006).
std::optional<GeoPoint> MunicipalityLocation(absl::string_view municipality);

// Great-circle distance in kilometres.
double DistanceKm(GeoPoint a, GeoPoint b);

struct SiteRef {
  std::string site_code;
  std::string province;
  std::string municipality;
};

// Orders sites for a "nearest" search from `municipality`: by distance when the municipality is
// known; otherwise sites in that municipality first, then the rest by site code.
std::vector<std::string> SitesByDistance(const std::vector<SiteRef>& sites,
                                         absl::string_view municipality);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_GEO_H_
