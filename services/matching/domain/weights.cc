#include "services/matching/domain/weights.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::matching {
namespace {

struct Key {
  const char* name;
  int Weights::*member;
  bool criterion;  // a criterion's weight (else a parameter)
};

constexpr Key kKeys[] = {
    {"profession", &Weights::profession, true},
    {"profession_group_percent", &Weights::profession_group_percent, false},
    {"skills", &Weights::skills, true},
    {"languages", &Weights::languages, true},
    {"experience", &Weights::experience, true},
    {"experience_cap_months", &Weights::experience_cap_months, false},
    {"education", &Weights::education, true},
    {"distance", &Weights::distance, true},
    {"l68_priority", &Weights::l68_priority, true},
    {"long_term_unemployed", &Weights::long_term_unemployed, true},
};

const Key* FindKey(absl::string_view name) {
  for (const Key& k : kKeys) {
    if (name == k.name) return &k;
  }
  return nullptr;
}

using Section = std::vector<std::pair<std::string, std::string>>;  // (entry key, value)

absl::Status Apply(const Section& section, Weights& w) {
  for (const auto& [entry, value] : section) {
    const absl::string_view name = absl::string_view(entry).substr(entry.find('.') + 1);
    const Key* key = FindKey(name);
    if (key == nullptr) {
      return platform::InvalidField("UNKNOWN_WEIGHT", entry,
                                    absl::StrCat("'", name, "' is not a weight"));
    }
    int parsed = 0;
    if (!absl::SimpleAtoi(value, &parsed)) {
      return platform::InvalidField("INVALID_WEIGHT", entry,
                                    absl::StrCat("'", value, "' is not an integer"));
    }
    w.*(key->member) = parsed;
  }
  return absl::OkStatus();
}

}  // namespace

int Weights::Total() const {
  int total = 0;
  for (const Key& k : kKeys) {
    if (k.criterion) total += this->*(k.member);
  }
  return total;
}

std::vector<std::string> WeightKeys() {
  std::vector<std::string> out;
  for (const Key& k : kKeys) out.emplace_back(k.name);
  return out;
}

absl::Status ValidateWeights(const Weights& w, absl::string_view prefix) {
  for (const Key& k : kKeys) {
    const int value = w.*(k.member);
    const std::string field = absl::StrCat(prefix, k.name);
    if (value < 0) {
      return platform::InvalidField("NEGATIVE_WEIGHT", field, absl::StrCat(value, " is negative"));
    }
    if (value > kMaxWeight) {
      return platform::InvalidField("WEIGHT_TOO_LARGE", field,
                                    absl::StrCat(value, " is above ", kMaxWeight));
    }
  }
  if (w.profession_group_percent > 100) {
    return platform::InvalidField("INVALID_PERCENT",
                                  absl::StrCat(prefix, "profession_group_percent"), "0 to 100");
  }
  if (w.experience_cap_months < 1 || w.experience_cap_months > 600) {
    return platform::InvalidField("INVALID_EXPERIENCE_CAP",
                                  absl::StrCat(prefix, "experience_cap_months"), "1 to 600");
  }
  if (w.Total() <= 0) {
    return platform::InvalidField("NO_POSITIVE_WEIGHT", prefix.empty() ? "weights" : prefix,
                                  "at least one criterion needs a positive weight");
  }
  return absl::OkStatus();
}

absl::StatusOr<WeightsByCpi> WeightsByCpi::Parse(
    const std::map<std::string, std::string>& entries) {
  Section defaults;
  std::map<std::string, Section> cpis;
  for (const auto& [key, value] : entries) {
    const size_t dot = key.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == key.size()) {
      return platform::InvalidField("MALFORMED_WEIGHT_KEY", key,
                                    "<default or CPI code>.<weight>, e.g. default.distance");
    }
    const std::string section = key.substr(0, dot);
    (section == "default" ? defaults : cpis[section]).emplace_back(key, value);
  }
  WeightsByCpi out;
  RETURN_IF_ERROR(Apply(defaults, out.defaults_));
  RETURN_IF_ERROR(ValidateWeights(out.defaults_, "default."));
  for (const auto& [cpi, section] : cpis) {
    Weights w = out.defaults_;
    RETURN_IF_ERROR(Apply(section, w));
    RETURN_IF_ERROR(ValidateWeights(w, absl::StrCat(cpi, ".")));
    out.overrides_[cpi] = w;
  }
  return out;
}

absl::Status WeightsByCpi::SetOverride(absl::string_view cpi_code, const Weights& weights) {
  RETURN_IF_ERROR(ValidateWeights(weights, absl::StrCat(cpi_code, ".")));
  overrides_[std::string(cpi_code)] = weights;
  return absl::OkStatus();
}

const Weights& WeightsByCpi::For(absl::string_view cpi_code) const {
  const auto it = overrides_.find(cpi_code);
  return it == overrides_.end() ? defaults_ : it->second;
}

}  // namespace sisl::matching
