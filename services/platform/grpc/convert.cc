#include "services/platform/grpc/convert.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/time_util.h"

namespace sisl::platform {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(time));
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(timestamp));
}

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text, absl::string_view field) {
  absl::CivilDay day;
  // ParseCivilTime accepts only the canonical YYYY-MM-DD and rejects impossible dates.
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) {
    return InvalidField("INVALID_DATE", field, "must be a date written YYYY-MM-DD");
  }
  return day;
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

absl::Status UnmappedEnum(int value, absl::string_view field) {
  const std::string upper = absl::AsciiStrToUpper(field);
  if (value == 0) {
    return InvalidField(absl::StrCat(upper, "_REQUIRED"), field, "choose a value");
  }
  return InvalidField(absl::StrCat("INVALID_", upper), field,
                      absl::StrCat("unknown value ", value));
}

}  // namespace sisl::platform
