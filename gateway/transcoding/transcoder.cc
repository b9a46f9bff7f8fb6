#include "gateway/transcoding/transcoder.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/transcoding/field_rules.h"
#include "google/protobuf/util/json_util.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::transcoding {
namespace {

namespace pb = google::protobuf;
using nlohmann::json;

constexpr int kMaxBodyDepth = 32;

absl::Status Invalid(absl::string_view reason, const std::string& field, const std::string& what) {
  return platform::Error(absl::StatusCode::kInvalidArgument, reason, what, {},
                         {{field, what}});
}

bool IsStringLikeMessage(const pb::Descriptor* d) {
  static const char* kNames[] = {
      "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
      "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
      "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
      "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue"};
  for (const char* name : kNames) {
    if (d->full_name() == name) return true;
  }
  return false;
}

const pb::FieldDescriptor* FindField(const pb::Descriptor* d, const std::string& name) {
  if (const auto* f = d->FindFieldByName(name)) return f;
  if (const auto* f = d->FindFieldByCamelcaseName(name)) return f;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->json_name() == name) return d->field(i);
  }
  return nullptr;
}

// Depth of [ and { nesting outside strings; -1 when the text is not even balanced-looking.
int JsonDepth(const std::string& text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') max_depth = std::max(max_depth, ++depth);
    else if (c == '}' || c == ']') --depth;
  }
  return max_depth;
}

// Sets `value` (a parameter as text) at the dotted `name` inside `root`, typed by the schema.
absl::Status SetParam(const pb::Descriptor* type, const std::string& name, const std::string& value,
                      json& root, bool overwrite) {
  std::vector<std::string> parts = absl::StrSplit(name, '.');
  json* node = &root;
  const pb::Descriptor* d = type;
  for (size_t i = 0; i < parts.size(); ++i) {
    const pb::FieldDescriptor* f = FindField(d, parts[i]);
    if (f == nullptr) {
      return Invalid("UNKNOWN_PARAMETER", name, absl::StrCat("unknown parameter '", name, "'"));
    }
    const bool last = i + 1 == parts.size();
    const bool message = f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE;
    if (!last) {
      if (!message || f->is_repeated() || f->is_map() || IsStringLikeMessage(f->message_type())) {
        return Invalid("UNKNOWN_PARAMETER", name, absl::StrCat("'", name, "' is not a field path"));
      }
      json& child = (*node)[f->json_name()];
      if (!child.is_object()) child = json::object();
      node = &child;
      d = f->message_type();
      continue;
    }
    if (f->is_map() || (message && !IsStringLikeMessage(f->message_type()))) {
      return Invalid("INVALID_PARAMETER", name,
                     absl::StrCat("'", name, "' is a structured field; send it in a body"));
    }
    json v;
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
      if (value == "true" || value == "1") v = true;
      else if (value == "false" || value == "0") v = false;
      else return Invalid("INVALID_PARAMETER", name, absl::StrCat("'", name, "' must be true or false"));
    } else {
      v = value;
    }
    json& slot = (*node)[f->json_name()];
    if (f->is_repeated()) {
      if (!slot.is_array()) slot = json::array();
      slot.push_back(std::move(v));
    } else if (slot.is_null() || overwrite) {
      slot = std::move(v);
    } else {
      return Invalid("INVALID_PARAMETER", name, absl::StrCat("'", name, "' given more than once"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<pb::Message>> BuildRequest(const RestRoute& route,
                                                          const HttpCall& call) {
  const pb::Descriptor* type = route.method->input_type();
  std::unique_ptr<pb::Message> message(
      pb::MessageFactory::generated_factory()->GetPrototype(type)->New());
  const bool has_body = route.has_body();
  const std::string empty;
  const std::string& body = call.body != nullptr ? *call.body : empty;
  if (!has_body && !body.empty()) {
    return Invalid("BODY_NOT_ALLOWED", "body", route.http_method + " takes no request body");
  }
  if (has_body && call.query != nullptr && !call.query->empty()) {
    return Invalid("UNKNOWN_PARAMETER", call.query->begin()->first,
                   "query parameters are not accepted here; put fields in the JSON body");
  }
  json root = json::object();
  if (has_body && !body.empty()) {
    if (JsonDepth(body) > kMaxBodyDepth) {
      return Invalid("INVALID_JSON", "body", "the JSON body is nested too deeply");
    }
    root = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object()) {
      return Invalid("INVALID_JSON", "body", "the body must be a JSON object");
    }
    // The JSON types the document gives the body (the parser below is laxer: it takes numbers
    // in strings, enum numbers and nulls).
    RETURN_IF_ERROR(CheckJsonTypes(type, root));
  }
  if (call.path_params != nullptr) {
    for (const auto& [name, value] : *call.path_params) {
      RETURN_IF_ERROR(SetParam(type, name, value, root, /*overwrite=*/true));
    }
  }
  if (!has_body && call.query != nullptr) {
    for (const auto& [name, value] : *call.query) {
      RETURN_IF_ERROR(SetParam(type, name, value, root, /*overwrite=*/false));
    }
  }
  if (call.idempotency_key && type->FindFieldByName("request_id") != nullptr &&
      !root.contains("requestId") && !root.contains("request_id")) {
    root["requestId"] = *call.idempotency_key;
  }
  pb::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto st = pb::util::JsonStringToMessage(
      root.dump(-1, ' ', false, json::error_handler_t::replace), message.get(), options);
  if (!st.ok()) {
    return Invalid("INVALID_JSON", "body",
                   absl::StrCat("the request does not match ", type->full_name(), ": ",
                                std::string(st.message())));
  }
  // The declared field rules, on the request as sent, before any service sees it.
  RETURN_IF_ERROR(CheckFieldRules(*message, root));
  return message;
}

absl::StatusOr<std::string> ResponseToJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string out;
  const auto st = pb::util::MessageToJsonString(message, &out, options);
  if (!st.ok()) {
    return platform::Error(absl::StatusCode::kInternal, "BAD_UPSTREAM_RESPONSE",
                           "the service's answer cannot be rendered as JSON");
  }
  return out;
}

std::unique_ptr<pb::Message> NewResponse(const RestRoute& route) {
  return std::unique_ptr<pb::Message>(pb::MessageFactory::generated_factory()
                                          ->GetPrototype(route.method->output_type())
                                          ->New());
}

}  // namespace sisl::gateway::transcoding
