#ifndef SISL_PLATFORM_ERRORS_H_
#define SISL_PLATFORM_ERRORS_H_

#include "absl/strings/string_view.h"
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace sisl::platform {

struct FieldViolation {
  std::string field;
  std::string description;
};

// Builds an expected-failure status with a machine-readable reason (UPPER_SNAKE_CASE), a message
// for people, optional metadata and field violations. The reason and the rest travel as status
// payloads and become google.rpc.ErrorInfo / BadRequest once, at the gRPC boundary.
absl::Status Error(absl::StatusCode code, absl::string_view reason, absl::string_view message,
                   const std::map<std::string, std::string>& metadata = {},
                   const std::vector<FieldViolation>& violations = {});

// Shorthand for INVALID_ARGUMENT on one field.
absl::Status InvalidField(absl::string_view reason, absl::string_view field,
                          absl::string_view description);

// The reason of a status made by Error(), or "" when it has none.
std::string ErrorReason(const absl::Status& status);
std::map<std::string, std::string> ErrorMetadata(const absl::Status& status);
std::vector<FieldViolation> ErrorFieldViolations(const absl::Status& status);

// Returns `status` with its message prefixed by `context`, keeping code and payloads.
absl::Status Annotate(const absl::Status& status, absl::string_view context);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_ERRORS_H_
