#ifndef SISL_GATEWAY_TRANSCODING_FIELD_RULES_H_
#define SISL_GATEWAY_TRANSCODING_FIELD_RULES_H_

// The field rules declared with (sisl.api.v1.field) and the JSON types of the proto3 JSON
// mapping: checked here on every transcoded request, and stated by the OpenAPI document through
// AddRuleKeywords, from the one declaration, so the check and the document cannot drift.

#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "sisl/api/v1/http.pb.h"

namespace sisl::gateway::transcoding {

// The rule declared on `f`, or nullptr when it has none.
const sisl::api::v1::FieldRule* RuleOf(const google::protobuf::FieldDescriptor* f);

// INVALID_ARGUMENT when a declared rule cannot be checked: a pattern that does not compile,
// bounds on a field of the wrong type, a format on a non-string field.
absl::Status ValidateRule(const google::protobuf::FieldDescriptor* f);

// Every rule of every field reachable from `d` (ValidateRule), for the route table.
absl::Status ValidateRulesOf(const google::protobuf::Descriptor* d);

// The JSON body as sent against the schema the document gives `type`: strings where the mapping
// prints strings (64-bit integers, enums, timestamps), integers for 32-bit integers, no nulls
// except for wrappers. INVALID_ARGUMENT, reason INVALID_FIELD, one violation per wrong value
// (the lowerCamelCase field path).
absl::Status CheckJsonTypes(const google::protobuf::Descriptor* type, const nlohmann::json& body);

// The field rules on `message`, built from `given` (the request as sent: body, path and query
// merged; keys lowerCamelCase or proto names). A rule applies to a field the request carries;
// `required` to one it does not. Enum fields must carry a declared value name. INVALID_ARGUMENT,
// reason INVALID_FIELD, one violation per broken rule.
absl::Status CheckFieldRules(const google::protobuf::Message& message, const nlohmann::json& given);

// The decimal form the gateway takes for 64-bit integers (strings in the proto3 JSON mapping):
// at most 18 digits for int64, 19 for uint64, so that every value the pattern allows fits.
inline constexpr char kInt64Pattern[] = "^(0|-?[1-9][0-9]{0,17})$";
inline constexpr char kUint64Pattern[] = "^(0|[1-9][0-9]{0,18})$";
// A google.protobuf.FieldMask in JSON: comma-separated lowerCamelCase paths ("" for none), at
// most kFieldMaskMaxLength characters (checked before the pattern).
inline constexpr int kFieldMaskMaxLength = 1000;
inline constexpr char kFieldMaskPattern[] =
    "^([a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)*(,[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)*)*)?$";

// Whether the field's rule makes it required.
bool IsRequired(const google::protobuf::FieldDescriptor* f);

// Adds the rule's keywords (pattern, minLength, maxLength, minimum, maximum, format) to the
// schema of one value of `f`.
void AddRuleKeywords(const google::protobuf::FieldDescriptor* f, nlohmann::json& schema);

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_FIELD_RULES_H_
