// Lookups of the municipalities registry; parsing is in municipalities_parse.cc.

#include "services/reference/municipalities.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/strings/match.h"
#include "services/reference/text_folding.h"

namespace sisl::reference {
namespace {

// Entries of a sorted key index whose text starts with `prefix` (all of them for "").
template <typename Key>
std::pair<typename std::vector<Key>::const_iterator, typename std::vector<Key>::const_iterator>
PrefixRange(const std::vector<Key>& index, absl::string_view prefix) {
  auto first = std::lower_bound(index.begin(), index.end(), prefix,
                                [](const Key& k, absl::string_view p) { return k.first < p; });
  auto last = first;
  while (last != index.end() && absl::StartsWith(last->first, prefix)) ++last;
  return {first, last};
}

template <typename Key>
std::pair<typename std::vector<Key>::const_iterator, typename std::vector<Key>::const_iterator>
EqualRange(const std::vector<Key>& index, absl::string_view text) {
  auto first = std::lower_bound(index.begin(), index.end(), text,
                                [](const Key& k, absl::string_view t) { return k.first < t; });
  auto last = first;
  while (last != index.end() && last->first == text) ++last;
  return {first, last};
}

bool ByNameThenProvince(const Municipality* a, const Municipality* b) {
  return std::tie(a->name, a->province_code, a->valid_from) <
         std::tie(b->name, b->province_code, b->valid_from);
}

}  // namespace

double DistanceKm(GeoPoint a, GeoPoint b) {
  constexpr double kEarthKm = 6371.0088;  // mean radius (IUGG)
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

void Municipalities::BuildIndexes() {
  for (uint32_t i = 0; i < rows_.size(); ++i) {
    const Municipality& m = rows_[i];
    if (!m.istat_code.empty()) by_istat_.emplace_back(m.istat_code, i);
    for (const std::string* name : {&m.name, &m.name_alt}) {
      if (name->empty()) continue;
      const std::string folded = FoldPlaceName(*name);
      by_name_.emplace_back(folded, i);
      if (!m.current()) continue;
      for (size_t start = 0; start != std::string::npos;) {
        by_prefix_.emplace_back(folded.substr(start), i);
        start = folded.find(' ', start);
        if (start != std::string::npos) ++start;
      }
    }
  }
  std::sort(by_istat_.begin(), by_istat_.end());
  std::sort(by_name_.begin(), by_name_.end());
  std::sort(by_prefix_.begin(), by_prefix_.end());
}

const Municipality* Municipalities::ByIstatCode(absl::string_view istat_code) const {
  const Municipality* found = nullptr;
  for (auto [it, end] = EqualRange(by_istat_, istat_code); it != end; ++it) {
    const Municipality* m = &rows_[it->second];
    if (found == nullptr || m->current() || m->valid_from > found->valid_from) found = m;
    if (m->current()) break;
  }
  return found;
}

const Municipality* Municipalities::ByBelfiore(absl::string_view code) const {
  auto it = std::upper_bound(
      rows_.begin(), rows_.end(), code,
      [](absl::string_view c, const Municipality& m) { return c < m.belfiore_code; });
  // Rows of one code are sorted by first day, so the row before the upper bound is the latest.
  if (it == rows_.begin() || std::prev(it)->belfiore_code != code) return nullptr;
  return &*std::prev(it);
}

const Municipality* Municipalities::ByBelfioreOn(absl::string_view code, absl::CivilDay day) const {
  auto it = std::lower_bound(
      rows_.begin(), rows_.end(), code,
      [](const Municipality& m, absl::string_view c) { return m.belfiore_code < c; });
  for (; it != rows_.end() && it->belfiore_code == code; ++it) {
    if (it->ValidOn(day)) return &*it;
  }
  return nullptr;
}

std::vector<const Municipality*> Municipalities::ByName(absl::string_view name,
                                                        absl::string_view province,
                                                        std::optional<absl::CivilDay> on) const {
  const std::string wanted_province = FoldPlaceName(province);
  std::vector<const Municipality*> out;
  for (auto [it, end] = EqualRange(by_name_, FoldPlaceName(name)); it != end; ++it) {
    const Municipality* m = &rows_[it->second];
    if (on.has_value() ? !m->ValidOn(*on) : !m->current()) continue;
    if (!wanted_province.empty() && FoldPlaceName(m->province_code) != wanted_province &&
        FoldPlaceName(m->province_name) != wanted_province) {
      continue;
    }
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  std::sort(out.begin(), out.end(), ByNameThenProvince);
  return out;
}

std::vector<const Municipality*> Municipalities::Search(absl::string_view prefix,
                                                        const MunicipalitySearch& options) const {
  const std::string query = FoldPlaceName(prefix);
  if (query.empty()) return {};
  std::map<const Municipality*, int> rank;  // 0 exact name, 1 name prefix, 2 word prefix
  for (auto [it, end] = PrefixRange(by_prefix_, query); it != end; ++it) {
    const Municipality* m = &rows_[it->second];
    const std::string folded = FoldPlaceName(m->name);
    const int r = folded == query ? 0 : absl::StartsWith(folded, query) ? 1 : 2;
    auto [pos, inserted] = rank.emplace(m, r);
    if (!inserted) pos->second = std::min(pos->second, r);
  }
  std::vector<std::tuple<bool, int, int64_t, const Municipality*>> ranked;
  for (const auto& [m, r] : rank) {
    const bool later = options.piedmont_first && m->region != kPiedmont;
    ranked.emplace_back(later, r, -m->population.value_or(0), m);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) !=
        std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b))) {
      return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
             std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
    return ByNameThenProvince(std::get<3>(a), std::get<3>(b));
  });
  std::vector<const Municipality*> out;
  for (const auto& entry : ranked) {
    if (options.limit != 0 && out.size() == options.limit) break;
    out.push_back(std::get<3>(entry));
  }
  return out;
}

std::vector<const Municipality*> Municipalities::Filter(absl::string_view folded,
                                                        bool province) const {
  std::vector<const Municipality*> out;
  if (folded.empty()) return out;
  for (const Municipality& m : rows_) {
    if (!m.current()) continue;
    const bool match = province ? FoldPlaceName(m.province_code) == folded ||
                                      FoldPlaceName(m.province_name) == folded
                                : FoldPlaceName(m.region) == folded;
    if (match) out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), ByNameThenProvince);
  return out;
}

std::vector<const Municipality*> Municipalities::InRegion(absl::string_view region) const {
  return Filter(FoldPlaceName(region), /*province=*/false);
}

std::vector<const Municipality*> Municipalities::InProvince(absl::string_view province) const {
  return Filter(FoldPlaceName(province), /*province=*/true);
}

const ForeignCountry* Municipalities::CountryByCode(absl::string_view z_code) const {
  const ForeignCountry* found = nullptr;
  for (const ForeignCountry& c : countries_) {
    if (c.belfiore_code != z_code) continue;
    if (found == nullptr || c.current()) found = &c;
  }
  return found;
}

const ForeignCountry* Municipalities::CountryByCodeOn(absl::string_view z_code,
                                                      absl::CivilDay day) const {
  for (const ForeignCountry& c : countries_) {
    if (c.belfiore_code == z_code && c.ValidOn(day)) return &c;
  }
  return nullptr;
}

bool Municipalities::BirthPlaceKnown(absl::string_view code, absl::CivilDay day) const {
  if (absl::StartsWith(code, "Z")) return CountryByCodeOn(code, day) != nullptr;
  return ByBelfioreOn(code, day) != nullptr;
}

}  // namespace sisl::reference
