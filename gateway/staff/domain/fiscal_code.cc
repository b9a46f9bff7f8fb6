#include "gateway/staff/domain/fiscal_code.h"

#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"

namespace sisl::gateway::staff {

std::string NormalizeFiscalCode(absl::string_view code) {
  return reference::NormalizeFiscalCode(code);
}

absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field) {
  const absl::Status st = reference::ValidateFiscalCode(code, field);
  if (st.ok()) return st;
  return platform::InvalidField("INVALID_FISCAL_CODE", field,
                                "must be a valid codice fiscale (16 characters, check letter)");
}

}  // namespace sisl::gateway::staff
