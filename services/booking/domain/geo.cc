#include "services/booking/domain/geo.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sisl::booking {
namespace {

struct Place {
  absl::string_view name;
  GeoPoint point;
};

// Approximate town-centre coordinates (WGS84) of the municipalities with a CPI site.
constexpr Place kPlaces[] = {
    {"Acqui Terme", {44.676, 8.470}},     {"Alba", {44.700, 8.035}},
    {"Alessandria", {44.913, 8.615}},     {"Asti", {44.900, 8.207}},
    {"Beinasco", {45.023, 7.586}},        {"Biella", {45.567, 8.053}},
    {"Borgomanero", {45.700, 8.467}},     {"Borgosesia", {45.717, 8.277}},
    {"Bra", {44.699, 7.855}},             {"Canelli", {44.721, 8.293}},
    {"Carmagnola", {44.847, 7.718}},      {"Casale Monferrato", {45.133, 8.450}},
    {"Ceva", {44.385, 8.032}},            {"Chieri", {45.012, 7.824}},
    {"Chivasso", {45.191, 7.888}},        {"Ciriè", {45.233, 7.600}},
    {"Cuneo", {44.384, 7.543}},           {"Cuorgnè", {45.391, 7.650}},
    {"Domodossola", {46.117, 8.293}},     {"Fossano", {44.550, 7.725}},
    {"Ivrea", {45.467, 7.876}},           {"Moncalieri", {45.000, 7.683}},
    {"Mondovì", {44.390, 7.822}},         {"Nizza Monferrato", {44.775, 8.356}},
    {"Novara", {45.446, 8.622}},          {"Novi Ligure", {44.761, 8.787}},
    {"Omegna", {45.877, 8.407}},          {"Orbassano", {45.008, 7.536}},
    {"Ovada", {44.637, 8.643}},           {"Pinerolo", {44.885, 7.331}},
    {"Rivoli", {45.071, 7.515}},          {"Saluzzo", {44.645, 7.493}},
    {"Savigliano", {44.648, 7.657}},      {"Settimo Torinese", {45.139, 7.770}},
    {"Susa", {45.137, 7.049}},            {"Torino", {45.070, 7.687}},
    {"Tortona", {44.894, 8.865}},         {"Venaria Reale", {45.133, 7.633}},
    {"Verbania", {45.922, 8.552}},        {"Vercelli", {45.320, 8.420}},
    {"Villanova d'Asti", {44.943, 7.936}},
};

}  // namespace

std::optional<GeoPoint> MunicipalityLocation(absl::string_view municipality) {
  for (const Place& p : kPlaces) {
    if (p.name == municipality) return p.point;
  }
  return std::nullopt;
}

double DistanceKm(GeoPoint a, GeoPoint b) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(h));
}

std::vector<std::string> SitesByDistance(const std::vector<SiteRef>& sites,
                                         absl::string_view municipality) {
  const std::optional<GeoPoint> origin = MunicipalityLocation(municipality);
  std::vector<std::pair<double, std::string>> ranked;
  for (const SiteRef& s : sites) {
    double key;
    if (origin) {
      auto where = MunicipalityLocation(s.municipality);
      key = where ? DistanceKm(*origin, *where) : 1e9;
    } else {
      key = s.municipality == municipality ? 0 : 1;
    }
    ranked.emplace_back(key, s.site_code);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto& [d, code] : ranked) out.push_back(std::move(code));
  return out;
}

}  // namespace sisl::booking
