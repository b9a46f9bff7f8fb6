// The weights of the score, per CPI: defaults with per-CPI overrides, from the flat key=value
// entries of the service's configuration (whatever file format carries them):
//
//   default.profession = 30        CPI-TO-15.distance = 20        CPI-TO-15.skills = 5
//
// A CPI's entries apply over the defaults, which apply over Weights{}.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_WEIGHTS_H_
#define SISL_SERVICES_MATCHING_DOMAIN_WEIGHTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::matching {

// Relative weights of the criteria (non-negative, at least one positive; they need not add up
// to 100: the score is normalised to 0..kMaxScore) and two parameters of the criteria.
struct Weights {
  int profession = 30;                // exact unit: all of it; same group: the percent below
  int profession_group_percent = 50;  // 0..100
  int skills = 15;                    // share of the vacancy's desired IT skills the person has
  int languages = 10;                 // share of the vacancy's languages at the level asked
  int experience = 15;                // months in the vacancy's unit, up to the cap
  int experience_cap_months = 60;     // the cap when the vacancy asks no minimum; 1..600
  int education = 5;                  // at least the education asked
  int distance = 10;                  // 1 at the workplace, 0 at the tighter of the two radii
  int l68_priority = 10;              // in the L.68/99 lists
  int long_term_unemployed = 5;       // unemployed for 12 months or more

  int Total() const;  // the sum of the criteria's weights
  friend bool operator==(const Weights&, const Weights&) = default;
};

inline constexpr int kMaxWeight = 1000;

// INVALID_ARGUMENT on the field (the key name, prefixed by `prefix`): NEGATIVE_WEIGHT,
// WEIGHT_TOO_LARGE (above kMaxWeight), NO_POSITIVE_WEIGHT, INVALID_PERCENT,
// INVALID_EXPERIENCE_CAP.
absl::Status ValidateWeights(const Weights& weights, absl::string_view prefix = "");

// The key names, in the order of the struct: "profession", "profession_group_percent", ...
std::vector<std::string> WeightKeys();

class WeightsByCpi final {
 public:
  WeightsByCpi() = default;
  explicit WeightsByCpi(Weights defaults) : defaults_(defaults) {}

  // From "default.<key>" and "<cpi_code>.<key>" entries, values decimal integers. Reasons
  // (INVALID_ARGUMENT, field = the entry's key): MALFORMED_WEIGHT_KEY (no "<section>.<key>"),
  // UNKNOWN_WEIGHT (the key is not a weight), INVALID_WEIGHT (not an integer), and those of
  // ValidateWeights for each section as it results.
  static absl::StatusOr<WeightsByCpi> Parse(const std::map<std::string, std::string>& entries);

  // Replaces a CPI's weights (the errors of ValidateWeights).
  absl::Status SetOverride(absl::string_view cpi_code, const Weights& weights);

  // The weights of `cpi_code`: its override, else the defaults.
  const Weights& For(absl::string_view cpi_code) const;
  const Weights& defaults() const { return defaults_; }

 private:
  Weights defaults_;
  absl::flat_hash_map<std::string, Weights> overrides_;
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_WEIGHTS_H_
