#include "services/booking/domain/geo.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using reference::Municipalities;
using reference::Municipality;

bool IsIstatCode(absl::string_view text) {
  return text.size() == 6 && std::all_of(text.begin(), text.end(), absl::ascii_isdigit);
}

std::optional<reference::GeoPoint> LocationOf(absl::string_view name, absl::string_view province) {
  for (const Municipality* m : Municipalities::Default().ByName(name, province)) {
    if (m->location) return m->location;
  }
  return std::nullopt;
}

}  // namespace

bool InPiedmont(const Municipality& municipality) {
  return municipality.region == reference::kPiedmont;
}

absl::StatusOr<const Municipality*> ResolveMunicipality(absl::string_view code_or_name,
                                                        absl::string_view field) {
  const absl::string_view text = absl::StripAsciiWhitespace(code_or_name);
  const Municipalities& registry = Municipalities::Default();
  if (IsIstatCode(text)) {
    const Municipality* m = registry.ByIstatCode(text);
    if (m != nullptr && m->current()) return m;
  } else if (!text.empty()) {
    std::vector<const Municipality*> named = registry.ByName(text);
    auto piedmont = std::find_if(named.begin(), named.end(),
                                 [](const Municipality* m) { return InPiedmont(*m); });
    if (piedmont != named.end()) return *piedmont;
    if (named.size() == 1) return named.front();
    if (named.size() > 1) {
      std::vector<std::string> provinces;
      for (const Municipality* m : named) provinces.push_back(m->province_code);
      return platform::Error(absl::StatusCode::kInvalidArgument, "AMBIGUOUS_MUNICIPALITY",
                             "several municipalities have this name: choose one from the list",
                             {{"provinces", absl::StrJoin(provinces, ",")}},
                             {{std::string(field), "give the municipality's ISTAT code"}});
    }
  }
  return platform::InvalidField("UNKNOWN_MUNICIPALITY", field,
                                "choose the municipality from the list (ISTAT code or name)");
}

void LocateSites(std::vector<SiteRef>& sites) {
  for (SiteRef& s : sites) s.location = LocationOf(s.municipality, s.province);
}

std::vector<std::string> SitesByDistance(const std::vector<SiteRef>& sites,
                                         absl::string_view municipality) {
  auto resolved = ResolveMunicipality(municipality, "municipality");
  const std::optional<reference::GeoPoint> origin =
      resolved.ok() ? (*resolved)->location : std::nullopt;
  std::vector<std::pair<double, std::string>> ranked;
  for (const SiteRef& s : sites) {
    double key;
    if (origin) {
      auto where = s.location ? s.location : LocationOf(s.municipality, s.province);
      key = where ? reference::DistanceKm(*origin, *where) : 1e9;
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
