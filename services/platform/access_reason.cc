#include "services/platform/access_reason.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::platform {

size_t Utf8Characters(absl::string_view text) {
  size_t characters = 0;
  for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
  return characters;
}

absl::Status CheckAccessReason(absl::string_view reason, absl::string_view looking_up) {
  if (absl::StripAsciiWhitespace(reason).empty()) {
    return InvalidField("ACCESS_REASON_REQUIRED", "access_reason",
                        absl::StrCat("say why you are looking up ", looking_up, " (audited)"));
  }
  if (Utf8Characters(reason) > kMaxAccessReasonLength) {
    return InvalidField("ACCESS_REASON_TOO_LONG", "access_reason",
                        absl::StrCat("must be at most ", kMaxAccessReasonLength, " characters"));
  }
  return absl::OkStatus();
}

}  // namespace sisl::platform
