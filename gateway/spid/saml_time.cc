#include "gateway/spid/saml_time.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"

namespace sisl::gateway::spid {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

absl::Status Bad() { return absl::InvalidArgumentError("invalid SAML date-time"); }

}  // namespace

absl::StatusOr<absl::Time> ParseSamlTime(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (s.size() < 19 || !Digits(s, 0, 4, year) || s[4] != '-' || !Digits(s, 5, 2, month) ||
      s[7] != '-' || !Digits(s, 8, 2, day) || s[10] != 'T' || !Digits(s, 11, 2, hour) ||
      s[13] != ':' || !Digits(s, 14, 2, minute) || s[16] != ':' || !Digits(s, 17, 2, second)) {
    return Bad();
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 59) {
    return Bad();
  }
  absl::CivilSecond civil(year, month, day, hour, minute, second);
  if (civil.day() != day || civil.month() != month) return Bad();  // e.g. 31 February
  size_t pos = 19;
  absl::Duration fraction = absl::ZeroDuration();
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    int64_t nanos = 0;
    int scale = 100000000;
    while (pos < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[pos]))) {
      nanos += static_cast<int64_t>(s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start || pos - start > 12) return Bad();
    fraction = absl::Nanoseconds(nanos);
  }
  absl::Duration offset = absl::ZeroDuration();
  if (pos < s.size()) {
    if (s[pos] == 'Z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int oh, om;
      if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
          !Digits(s, pos + 4, 2, om) || oh > 14 || om > 59) {
        return Bad();
      }
      offset = absl::Hours(oh) + absl::Minutes(om);
      if (s[pos] == '-') offset = -offset;
      pos += 6;
    } else {
      return Bad();
    }
  }
  if (pos != s.size()) return Bad();
  return absl::FromCivil(civil, absl::UTCTimeZone()) + fraction - offset;
}

std::string FormatSamlTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

}  // namespace sisl::gateway::spid
