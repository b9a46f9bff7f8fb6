#ifndef SISL_ENTERPRISE_DOMAIN_L68_INTERNAL_H_
#define SISL_ENTERPRISE_DOMAIN_L68_INTERNAL_H_

// Shared by the l68_*.cc files only: the per-province tallies, the apportionment of national
// figures to provinces and the helpers that write explanation steps.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/enterprise/domain/l68_fraction.h"
#include "services/enterprise/domain/l68_return.h"

namespace sisl::enterprise::l68 {

inline constexpr size_t kExclusionCount =
    static_cast<size_t>(L68Exclusion::kConstructionSiteStaff) + 1;

// What one province's staff amounts to (or the nation's, summed).
struct Tally {
  int64_t workers = 0;
  int64_t disabled = 0;
  std::array<int64_t, kExclusionCount> excluded{};  // by L68Exclusion value
  int64_t protected_workers = 0;
  int64_t protected_17_01_2000 = 0;
  int64_t part_time_workers = 0;  // ordinary, not excluded, part-time or intermittent
  Fraction part_time_units;       // what they count for, exactly
  int64_t disabled_full_time = 0;
  int64_t disabled_above_half = 0;  // part-time above 50%: one unit each
  int64_t disabled_pro_rata = 0;    // part-time up to 50%: pro rata
  Fraction disabled_pro_rata_units;
  int64_t other_coverage = 0;

  int64_t ExcludedFromDisabledBase() const;   // every category
  int64_t ExcludedFromProtectedBase() const;  // the categories of scope kBoth
  Fraction DisabledUnits() const;             // full time + above half + pro-rata units, exact
  void Add(const Tally& o);
};

Tally TallyProvince(const L68ProvinceInput& province);

// The computation in progress.
struct Work {
  const L68ReturnInput& input;
  std::string day;    // "31/12/<year>"
  size_t office = 0;  // index of the registered office's province
  std::vector<Tally> tallies;
  Tally national;
  L68Return out;
};

absl::Status ValidateInput(const L68ReturnInput& input);
void ComputeBases(Work& w);             // l68_base.cc: up to the two bases
void ComputeQuotas(Work& w);            // l68_quota.cc: category, quotas, exemptions
absl::Status ComputeCoverage(Work& w);  // l68_coverage.cc: compensation, coverage, uncovered

// ---- Apportionment ----------------------------------------------------------------------------

struct Apportionment {
  std::vector<int64_t> shares;
  std::vector<int> adjustments;  // per province: -1, 0 or +1 against its own rounding
};

// Integer shares of `exact` (one per province) that add up to `total`, which is the national
// figure: RoundAboveHalf of the sum of `exact`, or that sum when it is whole. Each share starts
// as its own RoundAboveHalf; when they add up to more than `total`, the shares that were rounded
// up with the smallest fraction go back down first; when to less, the shares left down with the
// largest fraction go up first. Ties favour `first` (the registered office) when adding and
// spare it when removing, then follow province order. Every share stays between the floor and
// the ceiling of its exact value.
Apportionment Apportion(const std::vector<Fraction>& exact, int64_t total, size_t first);

// ---- Explanation steps ------------------------------------------------------------------------

L68Value Num(std::string name, int64_t value);
L68Value Num(std::string name, const Fraction& value);
L68Value Text(std::string name, std::string value);
L68Step MakeStep(std::string code, std::string text_it, std::string text_en,
                 std::vector<L68Value> values);

// ROUNDING: how `exact` became `rounded` under the "above 0.50" rule (only for non-integers).
void AddRounding(L68Figure& figure, const Fraction& exact, int64_t rounded);
// APPORTIONED: the share moved by `adjustment` so provinces add up to `national`.
void AddApportioned(L68Figure& figure, int adjustment, int64_t national);
// NATIONAL_SUM: the national figure as the sum of the provinces' (`pick` selects the figure).
L68Figure NationalSum(const Work& w, const L68Figure L68Figures::*pick, const std::string& what_it,
                      const std::string& what_en);
// Appends every step of `from` to `to`.
void AppendSteps(L68Figure& to, const L68Figure& from);

}  // namespace sisl::enterprise::l68

#endif  // SISL_ENTERPRISE_DOMAIN_L68_INTERNAL_H_
