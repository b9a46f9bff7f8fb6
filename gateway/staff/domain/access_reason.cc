#include "gateway/staff/domain/access_reason.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/access_reason.h"

namespace sisl::gateway::staff {
namespace {

bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// The byte length of the first `max_chars` characters of `s` (all of it when shorter).
size_t PrefixBytes(absl::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (StartsCharacter(s[i]) && chars++ == max_chars) return i;
  }
  return s.size();
}

}  // namespace

absl::Status ValidateAccessReason(absl::string_view reason) {
  return platform::CheckAccessReason(reason, "staff members");
}

std::string BoundedAccessReason(absl::string_view reason) {
  return std::string(reason.substr(0, PrefixBytes(reason, kMaxAccessReasonLength)));
}

}  // namespace sisl::gateway::staff
