// Parsing of the seed data files (copied from the regional plan's tables; see data/README).
#include "absl/strings/string_view.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/booking/store/office_store.h"
#include "services/platform/csv.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

absl::Status BadSeed(absl::string_view file, size_t record, absl::string_view what) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_SEED_DATA",
                         absl::StrCat(file, " record ", record, ": ", what));
}

}  // namespace

absl::StatusOr<std::vector<Cpi>> ParseCpiCsv(absl::string_view csv) {
  ASSIGN_OR_RETURN(std::vector<platform::CsvRecord> records, platform::ParseCsv(csv));
  std::vector<Cpi> out;
  for (size_t i = 0; i < records.size(); ++i) {
    platform::CsvRecord& r = records[i];
    Cpi c;
    c.code = r["code"];
    c.name = r["name"];
    c.province = r["province"];
    if (c.code.empty() || c.name.empty() ||
        !absl::SimpleAtoi(r["catchment_no"], &c.catchment_number) ||
        !absl::SimpleAtoi(r["resident_population"], &c.resident_population) ||
        !absl::SimpleAtoi(r["working_age_population_15_64"], &c.working_age_population) ||
        !absl::SimpleAtod(r["area_km2"], &c.area_km2)) {
      return BadSeed("cpi_piemonte.csv", i + 1, "missing or malformed field");
    }
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<std::vector<Office>> ParseSiteCsv(absl::string_view csv, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<platform::CsvRecord> records, platform::ParseCsv(csv));
  std::vector<Office> out;
  for (size_t i = 0; i < records.size(); ++i) {
    platform::CsvRecord& r = records[i];
    Office o;
    o.site_code = r["site_code"];
    o.cpi_code = r["cpi_code"];
    if (r["kind"] != "centre" && r["kind"] != "branch") {
      return BadSeed("cpi_sites_piemonte.csv", i + 1, "kind must be centre or branch");
    }
    if (!ValidateSiteCode(o.site_code).ok() || o.cpi_code.empty()) {
      return BadSeed("cpi_sites_piemonte.csv", i + 1, "malformed site or CPI code");
    }
    o.kind = r["kind"] == "branch" ? OfficeKind::kBranch : OfficeKind::kCentre;
    o.province = r["province"];
    o.municipality = r["municipality"];
    o.address = r["address"];
    o.label = r["label"];
    o.source_note = r["source_note"];
    o.updated_at = now;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace sisl::booking
