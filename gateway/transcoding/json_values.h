#ifndef SISL_GATEWAY_TRANSCODING_JSON_VALUES_H_
#define SISL_GATEWAY_TRANSCODING_JSON_VALUES_H_

// Helpers shared by the field rules (field_rules.cc) and the JSON type checks (json_types.cc):
// how a field's value appears in a request as sent, and the checks both need. Internal to
// gateway/transcoding.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "services/platform/errors.h"

namespace sisl::gateway::transcoding::internal {

using Violations = std::vector<platform::FieldViolation>;

// How deep the checks follow nested messages.
inline constexpr int kMaxDepth = 32;

bool IsInteger32(const google::protobuf::FieldDescriptor* f);
bool IsInteger64(const google::protobuf::FieldDescriptor* f);
bool IsMessage(const google::protobuf::FieldDescriptor* f);

// Well-known messages that are one JSON value, and the JSON type of that value.
enum class Wkt { kNone, kString, kInteger, kNumber, kBool, kAny };
Wkt WellKnownKind(const google::protobuf::Descriptor* d, bool* nullable);

// The value of `f` in `object` as sent (by JSON name or proto name), or nullptr.
const nlohmann::json* Given(const nlohmann::json& object,
                           const google::protobuf::FieldDescriptor* f);
std::string Join(const std::string& prefix, const std::string& name);

// 64-bit integers as sent (body or query): decimal strings of the documented form.
void CheckInt64Text(const google::protobuf::FieldDescriptor* f, const nlohmann::json& v,
                    const std::string& path, Violations& out);
bool IsFieldMask(const google::protobuf::Descriptor* d);
void CheckFieldMaskText(const nlohmann::json& v, const std::string& path, Violations& out);

// INVALID_ARGUMENT, reason INVALID_FIELD, with one field violation per broken rule.
absl::Status Refuse(Violations violations);

}  // namespace sisl::gateway::transcoding::internal

#endif  // SISL_GATEWAY_TRANSCODING_JSON_VALUES_H_
