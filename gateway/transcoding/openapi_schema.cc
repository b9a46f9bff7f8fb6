#include "gateway/transcoding/openapi_schema.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/transcoding/field_rules.h"

namespace sisl::gateway::transcoding {

namespace pb = google::protobuf;
using nlohmann::json;

json Ref(const std::string& kind, const std::string& name) {
  return {{"$ref", absl::StrCat("#/components/", kind, "/", name)}};
}

// Well-known types: "scalar" ones print as one JSON value (and can be query parameters).
namespace {

const json& WellKnownTypes() {
  static const json* const types = new json(json::parse(R"json({
    "scalar": {
      "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
      "google.protobuf.Duration": {"type": "string",
                                   "description": "Seconds with an 's' suffix, e.g. \"1.5s\"."},
      "google.protobuf.FieldMask": {"type": "string",
                                    "description": "Comma-separated lowerCamelCase field paths."},
      "google.protobuf.DoubleValue": {"type": "number", "format": "double", "nullable": true},
      "google.protobuf.FloatValue": {"type": "number", "format": "float", "nullable": true},
      "google.protobuf.Int64Value": {"type": "string", "format": "int64", "nullable": true},
      "google.protobuf.UInt64Value": {"type": "string", "format": "uint64", "nullable": true},
      "google.protobuf.Int32Value": {"type": "integer", "format": "int32", "nullable": true},
      "google.protobuf.UInt32Value": {"type": "integer", "format": "int64", "minimum": 0,
                                      "nullable": true},
      "google.protobuf.BoolValue": {"type": "boolean", "nullable": true},
      "google.protobuf.StringValue": {"type": "string", "nullable": true},
      "google.protobuf.BytesValue": {"type": "string", "format": "byte", "nullable": true}
    },
    "structured": {
      "google.protobuf.Struct": {"type": "object", "additionalProperties": true},
      "google.protobuf.Value": {"description": "Any JSON value."},
      "google.protobuf.ListValue": {"type": "array", "items": {}},
      "google.protobuf.Empty": {"type": "object"},
      "google.protobuf.Any": {"type": "object", "required": ["@type"],
                              "properties": {"@type": {"type": "string"}},
                              "additionalProperties": true}
    }})json"));
  return *types;
}

}  // namespace

// The inline schema of a well-known type, or null; `scalar` ones print as one JSON value (and so
// can be query parameters).
const json* WellKnown(const pb::Descriptor* d, bool scalar_only) {
  for (const char* kind : {"scalar", "structured"}) {
    const json& table = WellKnownTypes()[kind];
    if (auto it = table.find(d->full_name()); it != table.end()) return &*it;
    if (scalar_only) break;
  }
  return nullptr;
}

json SchemaBuilder::MessageSchema(const pb::Descriptor* d) {
  if (const json* s = WellKnown(d)) {
    json schema = *s;
    if (d->full_name() == "google.protobuf.FieldMask") {
      schema["pattern"] = kFieldMaskPattern;
      schema["maxLength"] = kFieldMaskMaxLength;
    }
    return schema;
  }
  if (done_.insert(d->full_name()).second) (*schemas_)[d->full_name()] = BuildMessage(d);
  return Ref("schemas", d->full_name());
}

json SchemaBuilder::EnumSchema(const pb::EnumDescriptor* e) {
  if (e->full_name() == "google.protobuf.NullValue") return json{{"nullable", true}};
  if (done_.insert(e->full_name()).second) {
    json values = json::array();
    for (int i = 0; i < e->value_count(); ++i) values.push_back(e->value(i)->name());
    json s = {{"type", "string"}, {"enum", values}};
    if (auto c = CommentOf(e); !c.empty()) s["description"] = c;
    (*schemas_)[e->full_name()] = s;
  }
  return Ref("schemas", e->full_name());
}

// The schema of one value of `f` (an element when repeated).
json SchemaBuilder::ValueSchema(const pb::FieldDescriptor* f) {
  if (f->type() == pb::FieldDescriptor::TYPE_ENUM) return EnumSchema(f->enum_type());
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE)
    return MessageSchema(f->message_type());
  static const auto* const scalars = new json(json::parse(R"json({
    "double": {"type": "number", "format": "double"},
    "float": {"type": "number", "format": "float"},
    "int32": {"type": "integer", "format": "int32"},
    "sint32": {"type": "integer", "format": "int32"},
    "sfixed32": {"type": "integer", "format": "int32"},
    "uint32": {"type": "integer", "format": "int64", "minimum": 0},
    "fixed32": {"type": "integer", "format": "int64", "minimum": 0},
    "int64": {"type": "string", "format": "int64"},
    "sint64": {"type": "string", "format": "int64"},
    "sfixed64": {"type": "string", "format": "int64"},
    "uint64": {"type": "string", "format": "uint64"},
    "fixed64": {"type": "string", "format": "uint64"},
    "bool": {"type": "boolean"}, "string": {"type": "string"},
    "bytes": {"type": "string", "format": "byte"}})json"));
  json schema = scalars->at(f->type_name());
  // 64-bit integers are decimal strings; the transcoder takes this form only (field_rules.h).
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64) schema["pattern"] = kInt64Pattern;
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT64) schema["pattern"] = kUint64Pattern;
  return schema;
}

json SchemaBuilder::FieldSchema(const pb::FieldDescriptor* f) {
  if (f->is_map()) {
    return {{"type", "object"},
            {"additionalProperties", ValueSchema(f->message_type()->map_value())}};
  }
  json value = ValueSchema(f);
  AddRuleKeywords(f, value);  // the (sisl.api.v1.field) rule, which the transcoder enforces
  if (f->is_repeated()) return {{"type", "array"}, {"items", std::move(value)}};
  return value;
}

json SchemaBuilder::BuildMessage(const pb::Descriptor* d) {
  json properties = json::object();
  std::vector<std::string> notes;
  if (auto c = CommentOf(d); !c.empty()) notes.push_back(c);
  for (int i = 0; i < d->real_oneof_decl_count(); ++i) {
    const pb::OneofDescriptor* oneof = d->oneof_decl(i);  // real oneofs come first
    std::vector<std::string> members;
    for (int j = 0; j < oneof->field_count(); ++j)
      members.push_back(oneof->field(j)->json_name());
    notes.push_back(absl::StrCat("Oneof `", oneof->name(), "`: at most one of ",
                                 absl::StrJoin(members, ", "), " is set."));
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    json schema = FieldSchema(f);
    std::string description = CommentOf(f);
    if (const pb::OneofDescriptor* oneof = f->real_containing_oneof()) {
      absl::StrAppend(&description, description.empty() ? "" : " ", "Member of oneof `",
                      oneof->name(), "`.");
    }
    if (!description.empty()) {
      if (schema.contains("$ref")) schema = {{"allOf", json::array({schema})}};
      schema["description"] = description;
    }
    properties[f->json_name()] = std::move(schema);
  }
  // The transcoder refuses fields the message does not have (and so does the proto3 JSON parser).
  json s = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  json required = json::array();
  for (int i = 0; i < d->field_count(); ++i) {
    if (IsRequired(d->field(i))) required.push_back(d->field(i)->json_name());
  }
  if (!required.empty()) s["required"] = std::move(required);
  if (!notes.empty()) s["description"] = absl::StrJoin(notes, "\n\n");
  return s;
}

}  // namespace sisl::gateway::transcoding
