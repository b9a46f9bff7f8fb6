// The JSON types of the proto3 JSON mapping, checked on request bodies as sent (CheckJsonTypes,
// declared in field_rules.h).
#include "absl/strings/str_cat.h"
#include "gateway/transcoding/field_rules.h"
#include "gateway/transcoding/json_values.h"

namespace sisl::gateway::transcoding {
namespace {

namespace pb = google::protobuf;
using nlohmann::json;
using internal::CheckFieldMaskText;
using internal::CheckInt64Text;
using internal::Given;
using internal::IsFieldMask;
using internal::IsInteger32;
using internal::IsInteger64;
using internal::IsMessage;
using internal::Join;
using internal::kMaxDepth;
using internal::Refuse;
using internal::Violations;
using internal::WellKnownKind;
using internal::Wkt;

// One value of a non-message field (or of a repeated field's element) against the JSON type.
void CheckValueType(const pb::FieldDescriptor* f, const json& v, const std::string& path, int depth,
                    Violations& out);

void CheckMessageTypes(const pb::Descriptor* d, const json& object, const std::string& path,
                       int depth, Violations& out) {
  if (!object.is_object()) {
    out.push_back({path.empty() ? "body" : path, "must be a JSON object"});
    return;
  }
  if (depth > kMaxDepth) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    const json* v = Given(object, f);
    if (v == nullptr) continue;
    const std::string here = Join(path, f->json_name());
    if (f->is_map()) {
      if (!v->is_object()) {
        out.push_back({here, "must be a JSON object"});
        continue;
      }
      for (const auto& [key, value] : v->items()) {
        CheckValueType(f->message_type()->map_value(), value, Join(here, key), depth + 1, out);
      }
    } else if (f->is_repeated()) {
      if (!v->is_array()) {
        out.push_back({here, "must be a JSON array"});
        continue;
      }
      for (size_t j = 0; j < v->size(); ++j) {
        CheckValueType(f, (*v)[j], absl::StrCat(here, "[", j, "]"), depth + 1, out);
      }
    } else {
      CheckValueType(f, *v, here, depth + 1, out);
    }
  }
}

void CheckValueType(const pb::FieldDescriptor* f, const json& v, const std::string& path, int depth,
                    Violations& out) {
  auto want = [&](bool ok, const char* what) {
    if (!ok) out.push_back({path, absl::StrCat("must be ", what)});
  };
  if (IsMessage(f)) {
    bool nullable = false;
    switch (WellKnownKind(f->message_type(), &nullable)) {
      case Wkt::kNone:
        return CheckMessageTypes(f->message_type(), v, path, depth, out);
      case Wkt::kAny:
        return;
      case Wkt::kString:
        if (IsFieldMask(f->message_type())) return CheckFieldMaskText(v, path, out);
        return want(v.is_string() || (nullable && v.is_null()), "a string");
      case Wkt::kInteger:
        return want(v.is_number_integer() || (nullable && v.is_null()), "an integer");
      case Wkt::kNumber:
        return want(v.is_number() || (nullable && v.is_null()), "a number");
      case Wkt::kBool:
        return want(v.is_boolean() || (nullable && v.is_null()), "true or false");
    }
    return;
  }
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    return want(v.is_boolean(), "true or false");
  }
  if (IsInteger32(f)) return want(v.is_number_integer(), "an integer");
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_FLOAT ||
      f->cpp_type() == pb::FieldDescriptor::CPPTYPE_DOUBLE) {
    return want(v.is_number(), "a number");
  }
  if (IsInteger64(f)) return CheckInt64Text(f, v, path, out);
  // Strings, bytes and enums (by name).
  want(v.is_string(), "a string");
}

}  // namespace

absl::Status CheckJsonTypes(const pb::Descriptor* type, const json& body) {
  Violations violations;
  CheckMessageTypes(type, body, "", 0, violations);
  if (violations.empty()) return absl::OkStatus();
  return Refuse(std::move(violations));
}

}  // namespace sisl::gateway::transcoding
