#ifndef SISL_PLATFORM_AUTH_PERSON_ID_H_
#define SISL_PLATFORM_AUTH_PERSON_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sisl::platform::auth {

// The pseudonymous person id: hex HMAC-SHA256 of the (normalised) fiscal code under a
// deployment secret. Used as event key and for lookups, so fiscal codes never travel as keys.
class PersonIdHasher final {
 public:
  // `secret` should be at least 32 bytes.
  explicit PersonIdHasher(std::string secret) : secret_(std::move(secret)) {}
  std::string PersonId(absl::string_view fiscal_code) const;

 private:
  std::string secret_;
};

}  // namespace sisl::platform::auth

#endif  // SISL_PLATFORM_AUTH_PERSON_ID_H_
