#include "services/observatory/domain/cells.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace sisl::observatory {
namespace {

constexpr std::array<absl::string_view, 5> kCubeNames = {"flow", "stock", "vacancy", "proposal",
                                                         "appointment"};
constexpr std::array<absl::string_view, kDimCount> kDimIds = {
    "kind",         "province", "municipality", "ateco_section",     "contract_type",
    "working_time", "sex",      "age_band",     "citizenship_group", "profession_group",
    "cpi",          "service",  "outcome"};

bool Digits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

}  // namespace

absl::string_view CubeName(Cube cube) { return kCubeNames[static_cast<int>(cube)]; }

std::optional<Cube> CubeFromName(absl::string_view name) {
  for (size_t i = 0; i < kCubeNames.size(); ++i) {
    if (kCubeNames[i] == name) return static_cast<Cube>(i);
  }
  return std::nullopt;
}

absl::string_view DimId(Dim dim) { return kDimIds[static_cast<int>(dim)]; }

std::optional<Dim> DimFromId(absl::string_view id) {
  for (size_t i = 0; i < kDimIds.size(); ++i) {
    if (kDimIds[i] == id) return static_cast<Dim>(i);
  }
  return std::nullopt;
}

const std::array<Dim, kDimCount>& AllDims() {
  static const std::array<Dim, kDimCount> all = [] {
    std::array<Dim, kDimCount> a;
    for (int i = 0; i < kDimCount; ++i) a[i] = static_cast<Dim>(i);
    return a;
  }();
  return all;
}

std::string MonthOf(absl::string_view date) {
  if (date.size() < 7 || date[4] != '-' || !Digits(date.substr(0, 4)) ||
      !Digits(date.substr(5, 2))) {
    return "";
  }
  if (date.size() != 7 && (date.size() != 10 || date[7] != '-')) return "";
  const int month = (date[5] - '0') * 10 + (date[6] - '0');
  if (month < 1 || month > 12) return "";
  return std::string(date.substr(0, 7));
}

std::string NextMonth(absl::string_view month) {
  if (MonthOf(month).empty() || month.size() != 7) return "";
  int year = 0;
  for (char c : month.substr(0, 4)) year = year * 10 + (c - '0');
  int m = (month[5] - '0') * 10 + (month[6] - '0');
  if (++m > 12) {
    m = 1;
    ++year;
  }
  return absl::StrFormat("%04d-%02d", year, m);
}

}  // namespace sisl::observatory
