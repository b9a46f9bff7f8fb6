// ComputeL68Return: validation, tallies, then the three stages (bases, quotas, coverage).

#include "services/enterprise/domain/l68_return.h"

#include <cstddef>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/enterprise/domain/l68_internal.h"
#include "services/platform/errors.h"

namespace sisl::enterprise {

absl::StatusOr<L68Return> ComputeL68Return(const L68ReturnInput& input) {
  if (absl::Status st = l68::ValidateInput(input); !st.ok()) return st;
  l68::Work w{input, absl::StrCat("31/12/", input.year), 0, {}, {}, {}};
  w.out.year = input.year;
  for (size_t i = 0; i < input.provinces.size(); ++i) {
    const L68ProvinceInput& p = input.provinces[i];
    w.tallies.push_back(l68::TallyProvince(p));
    w.national.Add(w.tallies.back());
    L68ProvinceResult r;
    r.province = p.province;
    r.registered_office = p.province == input.registered_office_province;
    if (r.registered_office) w.office = i;
    w.out.provinces.push_back(std::move(r));
  }
  if (!w.national.part_time_units.valid() || !w.national.disabled_pro_rata_units.valid()) {
    return platform::Error(absl::StatusCode::kOutOfRange, "L68_ARITHMETIC_OVERFLOW",
                           "the weekly hours are too varied to add up exactly");
  }
  l68::ComputeBases(w);
  l68::ComputeQuotas(w);
  if (absl::Status st = l68::ComputeCoverage(w); !st.ok()) return st;
  return std::move(w.out);
}

}  // namespace sisl::enterprise
