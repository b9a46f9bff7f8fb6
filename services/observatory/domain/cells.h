#ifndef SISL_OBSERVATORY_DOMAIN_CELLS_H_
#define SISL_OBSERVATORY_DOMAIN_CELLS_H_

// The observatory's state: counters ("cells") of cubes at their finest grain, one per month and
// combination of dimension codes. Events add and subtract deltas; tables sum cells.
//
//   cube         what a cell counts                         its dimensions
//   flow         communications in force, by kind           kind (hire, extension,
//                (a correction moves one, a cancellation      transformation, termination),
//                takes it back)                               province, municipality,
//                                                             ateco_section, contract_type,
//                                                             working_time, sex, age_band,
//                                                             citizenship_group
//   stock        relationships in force on a month's last   the same but kind; a relationship
//                day, as deltas: +1 in its start month,       adds +1 and -1, so the stock of a
//                -1 in the month after it ended              month is the sum up to it
//   vacancy      vacancies published, filled, expired,      kind, province, profession_group,
//                withdrawn; `total` the days to fill         contract_type
//   proposal     matching proposals reaching a state        outcome, cpi, profession_group
//   appointment  appointments booked, delivered, missed,    kind, cpi, service
//                cancelled

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sisl::observatory {

enum class Cube { kFlow, kStock, kVacancy, kProposal, kAppointment };

absl::string_view CubeName(Cube cube);  // "flow", "stock", ...
std::optional<Cube> CubeFromName(absl::string_view name);

// The dimensions, in the order of CellKey::codes. Their ids are the store's column names and
// the API's dimension ids.
enum class Dim {
  kKind,
  kProvince,
  kMunicipality,
  kAtecoSection,
  kContractType,
  kWorkingTime,
  kSex,
  kAgeBand,
  kCitizenshipGroup,
  kProfessionGroup,
  kCpi,
  kService,
  kOutcome,
};
inline constexpr int kDimCount = 13;

absl::string_view DimId(Dim dim);  // "kind", "province", ...
// A dimension id of the API ("month" is not a Dim: every cell has one), or nullopt.
std::optional<Dim> DimFromId(absl::string_view id);
const std::array<Dim, kDimCount>& AllDims();

// One cell: cube, month ("2026-11") and a code per dimension ("" where the cube has none or
// the fact is unknown).
struct CellKey {
  Cube cube = Cube::kFlow;
  std::string month;
  std::array<std::string, kDimCount> codes;

  const std::string& code(Dim d) const { return codes[static_cast<int>(d)]; }
  std::string& code(Dim d) { return codes[static_cast<int>(d)]; }
  bool operator==(const CellKey&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const CellKey& k) {
    return H::combine(std::move(h), k.cube, k.month, k.codes);
  }
};

// A change to one cell: `count` people/relationships/vacancies/appointments, and `total` a sum
// kept beside it (the days to fill of filled vacancies).
struct CellDelta {
  CellKey key;
  int64_t count = 0;
  int64_t total = 0;
};

// "2026-11" of "2026-11-30" (or of "2026-11"); "" when `date` is not of that form.
std::string MonthOf(absl::string_view date);
// The month after "2026-12": "2027-01"; "" for a malformed month.
std::string NextMonth(absl::string_view month);

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_CELLS_H_
