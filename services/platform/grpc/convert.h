#ifndef SISL_PLATFORM_GRPC_CONVERT_H_
#define SISL_PLATFORM_GRPC_CONVERT_H_

// Conversions between protos and domain types, in one checked place for every service.

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/platform/errors.h"

namespace sisl::platform {

google::protobuf::Timestamp ToTimestamp(absl::Time time);
absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp);

// "YYYY-MM-DD" <-> CivilDay; INVALID_ARGUMENT (reason INVALID_DATE) naming `field` otherwise.
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text, absl::string_view field);
std::string FormatDate(absl::CivilDay day);

// The error of EnumMapping::FromProto.
absl::Status UnmappedEnum(int value, absl::string_view field);

// A two-way mapping between a domain enum and its proto enum, written once per pair:
//
//   constexpr EnumMapping<DeliveryMode, v1::DeliveryMode> kModes{
//       {DeliveryMode::kInPerson, v1::DELIVERY_MODE_IN_PERSON}, ...};
//   p.set_delivery_mode(kModes.ToProto(a.mode));
//   ASSIGN_OR_RETURN(DeliveryMode mode, kModes.FromProto(r->delivery_mode(), "delivery_mode"));
//
// FromProto refuses the proto's 0 (_UNSPECIFIED) and values with no domain counterpart, with
// INVALID_ARGUMENT, reason `<FIELD>_REQUIRED` or `INVALID_<FIELD>`, naming the field.
template <typename Domain, typename Proto>
class EnumMapping final {
 public:
  EnumMapping(std::initializer_list<std::pair<Domain, Proto>> pairs) : pairs_(pairs) {}

  // Every domain value is mapped by construction of the table; an unmapped one (a table missing
  // a new value) answers the proto's _UNSPECIFIED.
  Proto ToProto(Domain value) const {
    for (const auto& [d, p] : pairs_) {
      if (d == value) return p;
    }
    return static_cast<Proto>(0);
  }

  absl::StatusOr<Domain> FromProto(Proto value, absl::string_view field) const {
    if (static_cast<int>(value) != 0) {
      for (const auto& [d, p] : pairs_) {
        if (p == value) return d;
      }
    }
    return UnmappedEnum(static_cast<int>(value), field);
  }

 private:
  std::vector<std::pair<Domain, Proto>> pairs_;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_CONVERT_H_
