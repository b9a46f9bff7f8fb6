#ifndef SISL_REFERENCE_CPI_AREAS_H_
#define SISL_REFERENCE_CPI_AREAS_H_

// Piedmont's Centri per l'impiego (CPI): their 44 sites and the CPI competent for a municipality.
//
// The competent CPI of a municipality is set by the Region (the catchment areas, "bacini", of each
// CPI). That official municipality -> CPI table is a regional act not available here, so
// CompetentCpi APPROXIMATES it from the sites of the regional plan (table 2, June 2023; see
// data/SOURCES.md) with one rule, for a current Piedmont municipality M:
//
//   the CPI of the nearest site in M's province, by the distance between M's centroid and the
//   centroid of the site's municipality (DistanceKm); a site in M itself counts as distance 0,
//   so a municipality with a site belongs to that site's CPI. Ties (two sites in one
//   municipality, or at the same distance): a centre ("sede del CPI") before a branch ("sede
//   decentrata"), then the lower site code.
//
// Sites of another province never count, even when nearer: the CPIs are provincial. Torino's
// CPI-TO-15 comes out as the city alone, as in the plan's table 1; the other areas' populations
// differ from the plan's by -40% to +61% (data/SOURCES.md): good enough to route a vacancy or a
// report to an office, not for statistics by official catchment area.
//
//   const std::optional<std::string> cpi = reference::CompetentCpi(workplace_istat_code);
//   if (!cpi.has_value()) ...  // outside Piedmont, suppressed or unknown

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/reference/municipalities.h"

namespace sisl::reference {

enum class CpiSiteKind {
  kCentre,  // the seat of a CPI ("centre" in the file); every CPI has exactly one
  kBranch,  // a decentralised office of a CPI ("branch")
};

// One office of a CPI (data/cpi_sites_piemonte.csv).
struct CpiSite {
  std::string site_code;  // "TO-01" (SISL's own code)
  std::string cpi_code;   // "CPI-TO-15" (data/cpi_piemonte.csv)
  CpiSiteKind kind = CpiSiteKind::kCentre;
  std::string province_name;            // "Torino", as the municipality registry spells it
  std::string municipality_istat_code;  // "001272", resolved from the file's municipality name
  std::string address;                  // "via Castelgomberto 75"
  std::string label;                    // "Centro per l'impiego di Torino"
};

// Parses the layout of cpi_sites_piemonte.csv (site_code, cpi_code, kind, province, municipality,
// address, label, source_note), resolving each site's municipality name within its province to
// exactly one current Piedmont municipality of `registry` that has a centroid. INVALID_ARGUMENT,
// reason REFERENCE_DATA_INVALID, naming the record, otherwise (also for an empty or repeated site
// code, an empty CPI code or a kind other than centre/branch).
absl::StatusOr<std::vector<CpiSite>> ParseCpiSites(absl::string_view csv,
                                                   const Municipalities& registry);

// The competent CPI of every current Piedmont municipality of a registry, computed once with the
// rule above. Immutable, so one instance is shared by every thread.
class CpiAreas final {
 public:
  // The embedded sites over Municipalities::Default(), built on first use (about the time of
  // 1,180 x 44 distances once the registry is parsed). A binary whose data does not parse or
  // resolve aborts here; the unit tests check the same data.
  static const CpiAreas& Default();

  // Areas from `sites` over `registry` (read during the call only). Sites whose municipality is
  // not a current municipality of `registry` with a centroid are ignored (ParseCpiSites refuses
  // them); a municipality of a province without sites, or without a centroid, gets no CPI.
  static CpiAreas Build(std::vector<CpiSite> sites, const Municipalities& registry);

  // The sites in file order.
  const std::vector<CpiSite>& sites() const { return sites_; }

  // The CPI code competent for the current municipality with this ISTAT code ("001272");
  // nullopt for a municipality outside Piedmont, a suppressed one, or an unknown code.
  std::optional<std::string> CompetentCpi(absl::string_view istat_code) const;

  // The ISTAT codes of the municipalities whose competent CPI is `cpi_code`, sorted; empty for
  // an unknown code.
  std::vector<std::string> MunicipalitiesOfCpi(absl::string_view cpi_code) const;

 private:
  using Assignment = std::pair<std::string, std::string>;  // ISTAT code, CPI code

  CpiAreas() = default;

  std::vector<CpiSite> sites_;
  std::vector<Assignment> by_municipality_;  // sorted by ISTAT code
  std::vector<Assignment> by_cpi_;           // the same pairs as (CPI code, ISTAT code), sorted
};

// CpiAreas::Default(), for short.
const std::vector<CpiSite>& CpiSites();
std::optional<std::string> CompetentCpi(absl::string_view istat_code);
std::vector<std::string> MunicipalitiesOfCpi(absl::string_view cpi_code);

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_CPI_AREAS_H_
