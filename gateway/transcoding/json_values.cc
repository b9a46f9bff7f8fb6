#include "gateway/transcoding/json_values.h"

#include <map>
#include <regex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/transcoding/field_rules.h"

namespace sisl::gateway::transcoding::internal {

namespace pb = google::protobuf;
using nlohmann::json;

bool IsInteger32(const pb::FieldDescriptor* f) {
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return true;
    default:
      return false;
  }
}

bool IsInteger64(const pb::FieldDescriptor* f) {
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 ||
         f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT64;
}

bool IsMessage(const pb::FieldDescriptor* f) {
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE;
}

Wkt WellKnownKind(const pb::Descriptor* d, bool* nullable) {
  static const auto* const kinds = new std::map<std::string, std::pair<Wkt, bool>>{
      {"google.protobuf.Timestamp", {Wkt::kString, false}},
      {"google.protobuf.Duration", {Wkt::kString, false}},
      {"google.protobuf.FieldMask", {Wkt::kString, false}},
      {"google.protobuf.DoubleValue", {Wkt::kNumber, true}},
      {"google.protobuf.FloatValue", {Wkt::kNumber, true}},
      {"google.protobuf.Int64Value", {Wkt::kString, true}},
      {"google.protobuf.UInt64Value", {Wkt::kString, true}},
      {"google.protobuf.Int32Value", {Wkt::kInteger, true}},
      {"google.protobuf.UInt32Value", {Wkt::kInteger, true}},
      {"google.protobuf.BoolValue", {Wkt::kBool, true}},
      {"google.protobuf.StringValue", {Wkt::kString, true}},
      {"google.protobuf.BytesValue", {Wkt::kString, true}},
      {"google.protobuf.Struct", {Wkt::kAny, true}},
      {"google.protobuf.Value", {Wkt::kAny, true}},
      {"google.protobuf.ListValue", {Wkt::kAny, true}},
      {"google.protobuf.Any", {Wkt::kAny, true}},
      {"google.protobuf.Empty", {Wkt::kAny, true}}};
  auto it = kinds->find(d->full_name());
  if (it == kinds->end()) return Wkt::kNone;
  *nullable = it->second.second;
  return it->second.first;
}

// The value of `f` in `object` as sent (by JSON name or proto name), or nullptr.
const json* Given(const json& object, const pb::FieldDescriptor* f) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(f->json_name()); it != object.end()) return &*it;
  if (auto it = object.find(f->name()); it != object.end()) return &*it;
  return nullptr;
}

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : absl::StrCat(prefix, ".", name);
}

// 64-bit integers as sent (body or query): decimal strings of the documented form.
void CheckInt64Text(const pb::FieldDescriptor* f, const json& v, const std::string& path,
                    Violations& out) {
  static const auto* const int64 = new std::regex(kInt64Pattern, std::regex::ECMAScript);
  static const auto* const uint64 = new std::regex(kUint64Pattern, std::regex::ECMAScript);
  const std::regex& pattern =
      f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 ? *int64 : *uint64;
  auto fits = [&pattern](const json& e) {
    return e.is_string() && std::regex_match(e.get<std::string>(), pattern);
  };
  bool ok = true;
  if (v.is_array()) {
    for (const json& e : v) ok &= fits(e);
  } else {
    ok = fits(v);
  }
  if (!ok) out.push_back({path, "must be a decimal integer in a string, e.g. \"12\""});
}

bool IsFieldMask(const pb::Descriptor* d) { return d->full_name() == "google.protobuf.FieldMask"; }

void CheckFieldMaskText(const json& v, const std::string& path, Violations& out) {
  static const auto* const mask = new std::regex(kFieldMaskPattern, std::regex::ECMAScript);
  if (!v.is_string() || v.get<std::string>().size() > kFieldMaskMaxLength ||
      !std::regex_match(v.get<std::string>(), *mask)) {
    out.push_back({path, "must be comma-separated lowerCamelCase field paths"});
  }
}

absl::Status Refuse(Violations violations) {
  std::string detail = "the request breaks the API's field rules:";
  for (const auto& v : violations) absl::StrAppend(&detail, " ", v.field, " ", v.description, ";");
  detail.pop_back();
  return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD", detail, {},
                         violations);
}

}  // namespace sisl::gateway::transcoding::internal
