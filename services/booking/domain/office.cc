#include "absl/strings/string_view.h"
#include "services/booking/domain/office.h"

#include <cctype>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using platform::InvalidField;

absl::Status CheckText(absl::string_view field, const std::string& value, size_t min, size_t max) {
  if (value.size() < min || value.size() > max) {
    return InvalidField("INVALID_OFFICE_FIELD", absl::StrCat("office.", field),
                        absl::StrCat("must be ", min, " to ", max, " characters long"));
  }
  for (unsigned char c : value) {
    if (c < 0x20) {
      return InvalidField("INVALID_OFFICE_FIELD", absl::StrCat("office.", field),
                          "must not contain control characters");
    }
  }
  return absl::OkStatus();
}

bool LooksLikeEmail(const std::string& s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;  // no spaces, no control characters
  }
  const size_t at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
         s.find('.', at) != std::string::npos && s.back() != '.';
}

bool LooksLikePhone(const std::string& s) {
  int digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '/' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 6 && digits <= 15;
}

}  // namespace

absl::Status ValidateSiteCode(absl::string_view code) {
  const size_t dash = code.find('-');
  bool ok = code.size() == 5 && dash == 2;
  for (size_t i = 0; ok && i < code.size(); ++i) {
    if (i < 2) ok = std::isupper(static_cast<unsigned char>(code[i]));
    if (i > 2) ok = std::isdigit(static_cast<unsigned char>(code[i]));
  }
  if (!ok) {
    return InvalidField("INVALID_SITE_CODE", "site_code",
                        "must look like TO-01 (province letters, dash, two digits)");
  }
  return absl::OkStatus();
}

absl::StatusOr<OfficeChange> ApplyPatch(const Office& current, const OfficePatch& patch,
                                        absl::Time now) {
  OfficeChange change{current, {}};
  Office& next = change.office;
  if (patch.address) {
    if (auto st = CheckText("address", *patch.address, 3, 200); !st.ok()) return st;
    if (*patch.address != next.address) change.changed_fields.push_back("address");
    next.address = *patch.address;
  }
  if (patch.label) {
    if (auto st = CheckText("label", *patch.label, 3, 200); !st.ok()) return st;
    if (*patch.label != next.label) change.changed_fields.push_back("label");
    next.label = *patch.label;
  }
  if (patch.phone) {
    if (!patch.phone->empty() && !LooksLikePhone(*patch.phone)) {
      return InvalidField("INVALID_OFFICE_FIELD", "office.phone",
                          "must be 6 to 15 digits, optionally with +, spaces, - or /");
    }
    if (*patch.phone != next.phone) change.changed_fields.push_back("phone");
    next.phone = *patch.phone;
  }
  if (patch.email) {
    if (!patch.email->empty() && (!LooksLikeEmail(*patch.email) || patch.email->size() > 254)) {
      return InvalidField("INVALID_OFFICE_FIELD", "office.email", "must be an e-mail address");
    }
    if (*patch.email != next.email) change.changed_fields.push_back("email");
    next.email = *patch.email;
  }
  if (!change.changed_fields.empty()) {
    ++next.version;
    next.updated_at = now;
  }
  return change;
}

}  // namespace sisl::booking
