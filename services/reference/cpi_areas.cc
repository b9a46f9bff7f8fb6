// Parsing of cpi_sites_piemonte.csv and the competent CPI of each Piedmont municipality.

#include "services/reference/cpi_areas.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/platform/csv.h"
#include "services/platform/errors.h"
#include "services/reference/data_files.h"

namespace sisl::reference {
namespace {

constexpr absl::string_view kSitesFile = "cpi_sites_piemonte.csv";

// `record` counts data records from 1 (0: the file as a whole).
absl::Status Invalid(size_t record, absl::string_view what) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "REFERENCE_DATA_INVALID",
                         absl::StrCat(kSitesFile, " record ", record, ": ", what),
                         {{"file", std::string(kSitesFile)}});
}

const std::string& Field(const platform::CsvRecord& r, const std::string& name) {
  static const std::string* const kEmpty = new std::string;
  auto it = r.find(name);
  return it == r.end() ? *kEmpty : it->second;
}

// Orders (key, value) pairs by key only, for lookups by a string_view key.
struct ByFirst {
  bool operator()(const std::pair<std::string, std::string>& a, absl::string_view b) const {
    return a.first < b;
  }
  bool operator()(absl::string_view a, const std::pair<std::string, std::string>& b) const {
    return a < b.first;
  }
};

}  // namespace

absl::StatusOr<std::vector<CpiSite>> ParseCpiSites(absl::string_view csv,
                                                   const Municipalities& registry) {
  absl::StatusOr<std::vector<platform::CsvRecord>> records = platform::ParseCsv(csv);
  if (!records.ok()) return Invalid(0, records.status().message());
  std::vector<CpiSite> out;
  out.reserve(records->size());
  std::set<std::string> site_codes;
  for (size_t i = 0; i < records->size(); ++i) {
    const platform::CsvRecord& r = (*records)[i];
    const size_t record = i + 1;
    CpiSite site;
    site.site_code = Field(r, "site_code");
    site.cpi_code = Field(r, "cpi_code");
    site.address = Field(r, "address");
    site.label = Field(r, "label");
    if (site.site_code.empty() || !site_codes.insert(site.site_code).second) {
      return Invalid(record, absl::StrCat("empty or repeated site_code '", site.site_code, "'"));
    }
    if (site.cpi_code.empty()) return Invalid(record, "cpi_code is required");
    const std::string& kind = Field(r, "kind");
    if (kind == "centre") {
      site.kind = CpiSiteKind::kCentre;
    } else if (kind == "branch") {
      site.kind = CpiSiteKind::kBranch;
    } else {
      return Invalid(record, absl::StrCat("kind '", kind, "' is neither centre nor branch"));
    }
    const std::string& name = Field(r, "municipality");
    const std::string& province = Field(r, "province");
    const std::vector<const Municipality*> found =
        province.empty() ? std::vector<const Municipality*>() : registry.ByName(name, province);
    if (found.size() != 1 || found[0]->region != kPiedmont || found[0]->istat_code.empty() ||
        !found[0]->location.has_value()) {
      return Invalid(record, absl::StrCat("site ", site.site_code, ": municipality '", name,
                                          "' (province '", province, "') matches ", found.size(),
                                          " current municipalities, not one of Piedmont with "
                                          "an ISTAT code and a centroid"));
    }
    site.province_name = found[0]->province_name;
    site.municipality_istat_code = found[0]->istat_code;
    out.push_back(std::move(site));
  }
  return out;
}

const CpiAreas& CpiAreas::Default() {
  static const CpiAreas* const kDefault = [] {
    absl::StatusOr<absl::string_view> csv = DataFile(kSitesFile);
    if (!csv.ok()) std::abort();
    const Municipalities& registry = Municipalities::Default();
    absl::StatusOr<std::vector<CpiSite>> sites = ParseCpiSites(*csv, registry);
    if (!sites.ok()) std::abort();  // cpi_areas_test parses the same data, so not in a release
    return new CpiAreas(Build(*std::move(sites), registry));
  }();
  return *kDefault;
}

CpiAreas CpiAreas::Build(std::vector<CpiSite> sites, const Municipalities& registry) {
  CpiAreas areas;
  areas.sites_ = std::move(sites);
  struct Located {
    const CpiSite* site;
    const Municipality* municipality;
  };
  std::vector<Located> located;
  for (const CpiSite& site : areas.sites_) {
    const Municipality* m = registry.ByIstatCode(site.municipality_istat_code);
    if (m != nullptr && m->current() && m->location.has_value()) located.push_back({&site, m});
  }
  for (const Municipality* m : registry.InRegion(kPiedmont)) {
    if (m->istat_code.empty() || !m->location.has_value()) continue;
    // The nearest site of the province; at the same distance a centre, then the lower code.
    const CpiSite* best = nullptr;
    std::tuple<double, bool, absl::string_view> best_key;
    for (const Located& l : located) {
      if (l.municipality->province_name != m->province_name) continue;
      const double km = l.municipality->istat_code == m->istat_code
                            ? 0.0
                            : DistanceKm(*m->location, *l.municipality->location);
      const std::tuple<double, bool, absl::string_view> key(
          km, l.site->kind != CpiSiteKind::kCentre, l.site->site_code);
      if (best == nullptr || key < best_key) {
        best = l.site;
        best_key = key;
      }
    }
    if (best != nullptr) areas.by_municipality_.emplace_back(m->istat_code, best->cpi_code);
  }
  std::sort(areas.by_municipality_.begin(), areas.by_municipality_.end());
  areas.by_cpi_.reserve(areas.by_municipality_.size());
  for (const auto& [istat_code, cpi_code] : areas.by_municipality_) {
    areas.by_cpi_.emplace_back(cpi_code, istat_code);
  }
  std::sort(areas.by_cpi_.begin(), areas.by_cpi_.end());
  return areas;
}

std::optional<std::string> CpiAreas::CompetentCpi(absl::string_view istat_code) const {
  auto it =
      std::lower_bound(by_municipality_.begin(), by_municipality_.end(), istat_code, ByFirst());
  if (it == by_municipality_.end() || it->first != istat_code) return std::nullopt;
  return it->second;
}

std::vector<std::string> CpiAreas::MunicipalitiesOfCpi(absl::string_view cpi_code) const {
  const auto [first, last] = std::equal_range(by_cpi_.begin(), by_cpi_.end(), cpi_code, ByFirst());
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(last - first));
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

const std::vector<CpiSite>& CpiSites() { return CpiAreas::Default().sites(); }

std::optional<std::string> CompetentCpi(absl::string_view istat_code) {
  return CpiAreas::Default().CompetentCpi(istat_code);
}

std::vector<std::string> MunicipalitiesOfCpi(absl::string_view cpi_code) {
  return CpiAreas::Default().MunicipalitiesOfCpi(cpi_code);
}

}  // namespace sisl::reference
