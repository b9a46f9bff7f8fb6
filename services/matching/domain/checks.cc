#include "services/matching/domain/checks.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/reference/code_lists.h"
#include "services/reference/cpi_areas.h"
#include "services/reference/municipalities.h"

namespace sisl::matching::internal {
namespace {

constexpr absl::string_view kDrivingLicences[] = {"AM",  "A1", "A2",  "A",  "B1", "B",
                                                  "BE",  "C1", "C1E", "C",  "CE", "D1",
                                                  "D1E", "D",  "DE",  "KA", "KB", "CQC"};

void AddStatus(Problems& out, const std::string& field, const absl::Status& st) {
  if (st.ok()) return;
  std::string reason = platform::ErrorReason(st);
  if (reason.empty()) reason = "INVALID_FIELD";
  out.push_back({field, reason, std::string(st.message())});
}

bool AllDigits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

bool IsDrivingLicence(absl::string_view normalized) {
  return std::find(std::begin(kDrivingLicences), std::end(kDrivingLicences), normalized) !=
         std::end(kDrivingLicences);
}

void CheckId(Problems& out, const std::string& field, absl::string_view id,
             absl::string_view required_reason) {
  if (id.empty()) {
    out.push_back({field, std::string(required_reason), "required"});
    return;
  }
  const bool printable = std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isgraph(static_cast<unsigned char>(c));
  });
  if (!printable || id.size() > kMaxIdLength) {
    out.push_back({field, "INVALID_ID", "1 to 128 printable ASCII characters without blanks"});
  }
}

void CheckProfession(Problems& out, const std::string& field, absl::string_view code,
                     absl::CivilDay day) {
  if (code.empty()) {
    out.push_back({field, "PROFESSION_REQUIRED", "a CP2011 code of 5 or 6 levels"});
  } else if (reference::IsWellFormedCp2011Unit(code)) {
    AddStatus(out, field, reference::ValidateProfessionUnit(field, code, day));
  } else {
    AddStatus(out, field, reference::ValidateCoProfession(field, code, day));
  }
}

void CheckContractType(Problems& out, const std::string& field, absl::string_view code,
                       absl::CivilDay day) {
  AddStatus(out, field, reference::ValidateContractType(field, code, day));
}

void CheckWorkingMode(Problems& out, const std::string& field, WorkingMode mode) {
  if (mode == WorkingMode::kUnspecified) {
    out.push_back({field, "WORKING_MODE_REQUIRED", "on-site, remote or hybrid"});
  }
}

void CheckMunicipality(Problems& out, const std::string& field, absl::string_view istat_code) {
  if (istat_code.size() != 6 || !AllDigits(istat_code)) {
    out.push_back({field, "MALFORMED_MUNICIPALITY_CODE", "an ISTAT code of 6 digits"});
    return;
  }
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(istat_code);
  if (m == nullptr) {
    out.push_back({field, "UNKNOWN_MUNICIPALITY_CODE", "no municipality has this ISTAT code"});
  } else if (!m->current()) {
    out.push_back({field, "MUNICIPALITY_NOT_IN_FORCE",
                   absl::StrCat(m->name, " is no longer a municipality")});
  } else if (!m->location.has_value()) {
    out.push_back({field, "MUNICIPALITY_WITHOUT_LOCATION",
                   absl::StrCat(m->name, " has no centroid to measure distances from")});
  }
}

void CheckCpi(Problems& out, const std::string& field, absl::string_view cpi_code) {
  if (cpi_code.empty()) {
    out.push_back({field, "CPI_REQUIRED", "the code of a CPI, e.g. CPI-TO-15"});
    return;
  }
  const auto& sites = reference::CpiAreas::Default().sites();
  const bool known = std::any_of(sites.begin(), sites.end(), [&](const reference::CpiSite& s) {
    return s.cpi_code == cpi_code;
  });
  if (!known)
    out.push_back({field, "UNKNOWN_CPI", absl::StrCat("no CPI has code '", cpi_code, "'")});
}

void CheckRadius(Problems& out, const std::string& field, int radius_km) {
  if (radius_km < 0 || radius_km > kMaxRadiusKm) {
    out.push_back({field, "INVALID_RADIUS", absl::StrCat("0 to ", kMaxRadiusKm, " km")});
  }
}

void CheckLanguage(Problems& out, const std::string& field, absl::string_view language,
                   CefrLevel level, std::vector<std::string>& seen) {
  if (language.size() != 2 || !absl::ascii_islower(static_cast<unsigned char>(language[0])) ||
      !absl::ascii_islower(static_cast<unsigned char>(language[1]))) {
    out.push_back({field + ".language", "INVALID_LANGUAGE_CODE", "ISO 639-1, e.g. en"});
  } else if (std::find(seen.begin(), seen.end(), language) != seen.end()) {
    out.push_back({field + ".language", "DUPLICATE_LANGUAGE", "each language once"});
  } else {
    seen.emplace_back(language);
  }
  if (level < CefrLevel::kA1 || level > CefrLevel::kC2) {
    out.push_back({field + ".level", "CEFR_LEVEL_REQUIRED", "A1, A2, B1, B2, C1 or C2"});
  }
}

void CheckTags(Problems& out, absl::string_view name, const std::vector<std::string>& tags,
               absl::string_view invalid_reason) {
  std::vector<std::string> seen;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string field = absl::StrCat(name, "[", i, "]");
    const std::string key = NormalizeTag(tags[i]);
    if (key.empty() || key.size() > kMaxTagLength) {
      out.push_back({field, std::string(invalid_reason), "1 to 200 characters"});
    } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      out.push_back({field, "DUPLICATE_ENTRY", absl::StrCat("'", tags[i], "' is listed twice")});
    } else {
      seen.push_back(key);
    }
  }
}

void CheckLicences(Problems& out, absl::string_view name, const std::vector<std::string>& codes) {
  std::vector<std::string> seen;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string field = absl::StrCat(name, "[", i, "]");
    const std::string key = NormalizeTag(codes[i]);
    if (!IsDrivingLicence(key)) {
      out.push_back({field, "INVALID_DRIVING_LICENCE",
                     "a licence category: AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, "
                     "DE, KA, KB or CQC"});
    } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      out.push_back({field, "DUPLICATE_DRIVING_LICENCE", absl::StrCat(key, " is listed twice")});
    } else {
      seen.push_back(key);
    }
  }
}

}  // namespace sisl::matching::internal
