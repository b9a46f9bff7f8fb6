#ifndef SISL_BOOKING_DOMAIN_OFFICE_H_
#define SISL_BOOKING_DOMAIN_OFFICE_H_

#include "absl/strings/string_view.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::booking {

enum class OfficeKind { kCentre, kBranch };

struct Cpi {
  std::string code;
  std::string name;
  std::string province;
  int32_t catchment_number = 0;
  int64_t resident_population = 0;
  int64_t working_age_population = 0;
  double area_km2 = 0;
};

struct Office {
  std::string site_code;
  std::string cpi_code;
  std::string cpi_name;
  OfficeKind kind = OfficeKind::kCentre;
  std::string province;
  std::string municipality;
  std::string address;
  std::string label;
  std::string phone;
  std::string email;
  std::string source_note;
  int64_t version = 1;
  absl::Time updated_at;

  bool operator==(const Office&) const = default;
};

struct OfficeFilter {
  std::string province;
  std::string cpi_code;
};

// The fields of an office that staff may change; unset fields stay as they are.
struct OfficePatch {
  std::optional<std::string> address;
  std::optional<std::string> label;
  std::optional<std::string> phone;
  std::optional<std::string> email;
};

struct OfficeChange {
  Office office;                            // as it is after the change
  std::vector<std::string> changed_fields;  // empty when the patch changed nothing
};

// Validates a site code ("TO-01": province letters, dash, two digits).
absl::Status ValidateSiteCode(absl::string_view site_code);

// Validates the patch (lengths, e-mail and phone shapes) and applies it to `current`, bumping the
// version and update time when something changed.
absl::StatusOr<OfficeChange> ApplyPatch(const Office& current, const OfficePatch& patch,
                                        absl::Time now);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_OFFICE_H_
