#ifndef SISL_GATEWAY_SPID_LEVELS_H_
#define SISL_GATEWAY_SPID_LEVELS_H_

#include <string>
#include <string_view>

namespace sisl::gateway::spid {

inline constexpr char kSpidL1[] = "https://www.spid.gov.it/SpidL1";
inline constexpr char kSpidL2[] = "https://www.spid.gov.it/SpidL2";
inline constexpr char kSpidL3[] = "https://www.spid.gov.it/SpidL3";

// "https://www.spid.gov.it/SpidL<level>" for 1..3.
inline std::string LevelUri(int level) {
  return level == 1 ? kSpidL1 : level == 3 ? kSpidL3 : kSpidL2;
}

// 1..3 for the three SPID level URIs, 0 for anything else (the pre-2017
// urn:oasis:names:tc:SAML:2.0:ac:classes:SpidLx values included).
inline int LevelFromUri(std::string_view uri) {
  if (uri == kSpidL1) return 1;
  if (uri == kSpidL2) return 2;
  if (uri == kSpidL3) return 3;
  return 0;
}

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_LEVELS_H_
