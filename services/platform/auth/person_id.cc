#include "services/platform/auth/person_id.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"

namespace sisl::platform::auth {

std::string PersonIdHasher::PersonId(absl::string_view fiscal_code) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(fiscal_code.data()), fiscal_code.size(), out, &len);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(out), len));
}

}  // namespace sisl::platform::auth
