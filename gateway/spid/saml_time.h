#ifndef SISL_GATEWAY_SPID_SAML_TIME_H_
#define SISL_GATEWAY_SPID_SAML_TIME_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::gateway::spid {

// Parses an xs:dateTime as SAML uses it: YYYY-MM-DDThh:mm:ss, optional fraction, then "Z", an
// offset (+hh:mm / -hh:mm) or nothing (read as UTC). Anything else is an error.
absl::StatusOr<absl::Time> ParseSamlTime(std::string_view text);

// UTC with seconds precision: "2025-01-31T09:15:00Z" (what SPID expects in requests).
std::string FormatSamlTime(absl::Time time);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_SAML_TIME_H_
