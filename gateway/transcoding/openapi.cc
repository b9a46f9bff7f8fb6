#include "gateway/transcoding/openapi.h"

#include "gateway/transcoding/field_rules.h"
#include "gateway/transcoding/openapi_schema.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace sisl::gateway::transcoding {
namespace {

namespace pb = google::protobuf;
using nlohmann::json;

constexpr char kSessionScheme[] = "sessionCookie";
constexpr char kCsrfScheme[] = "csrfToken";

// The HTTP server refuses a path or query parameter with a NUL in it (400 before any route):
// string parameters without a pattern of their own say so.
json NoNul(json schema) {
  json* s = schema.value("type", "") == "array" ? &schema["items"] : &schema;
  if (s->value("type", "") == "string" && !s->contains("pattern") && !s->contains("format")) {
    (*s)["pattern"] = "^[^\\u0000]*$";
  }
  return schema;
}

// Query parameters of a GET/DELETE request: every field not bound by the path, nested
// messages flattened with dots; maps, repeated messages and recursion are not expressible.
void AddQueryParameters(SchemaBuilder& schemas, const pb::Descriptor* d,
                        const std::string& proto_prefix, const std::string& json_prefix,
                        const std::set<std::string>& path_fields,
                        std::vector<const pb::Descriptor*>& stack, json& out) {
  stack.push_back(d);
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    const std::string proto_path = proto_prefix + f->name();
    if (path_fields.count(proto_path) > 0 || f->is_map()) continue;
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE &&
        WellKnown(f->message_type(), /*scalar_only=*/true) == nullptr) {
      if (f->is_repeated() || WellKnown(f->message_type()) != nullptr ||
          std::find(stack.begin(), stack.end(), f->message_type()) != stack.end()) {
        continue;
      }
      AddQueryParameters(schemas, f->message_type(), proto_path + ".",
                         json_prefix + f->json_name() + ".", path_fields, stack, out);
      continue;
    }
    // Nested fields are required only as parts of a message that is sent; the top level always.
    json p = {{"name", json_prefix + f->json_name()},
              {"in", "query"},
              {"required", proto_prefix.empty() && IsRequired(f)},
              {"schema", NoNul(schemas.FieldSchema(f))}};
    if (f->is_repeated()) {
      p["style"] = "form";
      p["explode"] = true;
    }
    if (auto c = CommentOf(f); !c.empty()) p["description"] = c;
    out.push_back(std::move(p));
  }
  stack.pop_back();
}

const pb::FieldDescriptor* ResolveField(const pb::Descriptor* d, const std::string& path) {
  const pb::FieldDescriptor* f = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    f = d == nullptr ? nullptr : d->FindFieldByName(std::string(part));
    if (f == nullptr) return nullptr;
    d = f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE ? f->message_type() : nullptr;
  }
  return f;
}


void AddErrors(json& op, std::initializer_list<const char*> statuses) {
  static const auto* const names = new std::map<std::string, std::string>{
      {"400", "BadRequest"},    {"401", "Unauthorized"}, {"403", "Forbidden"},
      {"404", "NotFound"},      {"409", "Conflict"},     {"429", "TooManyRequests"},
      {"500", "InternalError"}, {"503", "Unavailable"}};
  for (const char* status : statuses) op["responses"][status] = Ref("responses", names->at(status));
}

bool StateChanging(const std::string& method) { return method != "GET" && method != "HEAD"; }

// security, and the error responses that follow from it.
void SetAccess(json& op, sisl::api::v1::Access access, const std::string& method) {
  const bool is_public = access == sisl::api::v1::ACCESS_PUBLIC;
  op["x-sisl-access"] = is_public ? "ACCESS_PUBLIC" : "ACCESS_SESSION";
  if (is_public) {
    op["security"] = json::array();
  } else if (StateChanging(method)) {
    op["security"] = json::array({{{kSessionScheme, json::array()}, {kCsrfScheme, json::array()}}});
  } else {
    op["security"] = json::array({{{kSessionScheme, json::array()}}});
  }
}

void AddAccessErrors(json& op, sisl::api::v1::Access access) {
  AddErrors(op, {"400", "429", "500", "503"});
  if (access != sisl::api::v1::ACCESS_PUBLIC) AddErrors(op, {"401", "403"});
}

json RouteOperation(const RestRoute& route, SchemaBuilder& schemas) {
  const pb::MethodDescriptor* method = route.method;
  const auto& rule = route.rule;
  json op = {{"operationId", absl::StrCat(method->service()->name(), "_", method->name())},
             {"summary", rule.summary().empty() ? method->name() : rule.summary()},
             {"tags", {rule.tag().empty() ? method->service()->name() : rule.tag()}},
             {"x-grpc-method", route.grpc_path}};
  std::string description = CommentOf(method);
  absl::StrAppend(&description, description.empty() ? "" : "\n\n", "gRPC: `", route.grpc_path,
                  "`.");
  if (rule.cache_seconds() > 0) {
    absl::StrAppend(&description, " Answers may be served from a cache up to ",
                    rule.cache_seconds(), " s old.");
  }
  op["description"] = description;
  op["x-sisl-rate-class"] = rule.rate_class() == sisl::api::v1::RATE_CLASS_UNSPECIFIED
                                ? "RATE_CLASS_READ"
                                : sisl::api::v1::RateClass_Name(rule.rate_class());
  const pb::Descriptor* input = method->input_type();
  json parameters = json::array();
  std::set<std::string> path_fields(route.path_fields.begin(), route.path_fields.end());
  const std::vector<std::string> names = PathParameterNames(route);
  for (size_t i = 0; i < route.path_fields.size(); ++i) {
    const pb::FieldDescriptor* f = ResolveField(input, route.path_fields[i]);
    json p = {{"name", names[i]},
              {"in", "path"},
              {"required", true},
              {"schema",
               NoNul(f == nullptr ? json{{"type", "string"}} : schemas.FieldSchema(f))}};
    if (names[i] != route.path_fields[i]) {
      p["description"] = absl::StrCat("The request field `", route.path_fields[i], "`.");
    }
    parameters.push_back(std::move(p));
  }
  if (const pb::FieldDescriptor* request_id = input->FindFieldByName("request_id");
      request_id != nullptr) {
    // The header becomes the field, so it keeps the field's rules (its length above all).
    json schema = NoNul(schemas.FieldSchema(request_id));
    if (!schema.contains("maxLength")) schema["maxLength"] = 128;
    parameters.push_back({{"name", "Idempotency-Key"},
                          {"in", "header"},
                          {"required", false},
                          {"schema", std::move(schema)},
                          {"description",
                           "Retries with the same key have the effect of one call "
                           "(becomes `requestId` unless the body sets it)."}});
  }
  if (route.has_body()) {
    op["requestBody"] = {
        {"required", true},
        {"description", "The request message; fields bound by the path take the path's value."},
        {"content", {{"application/json", {{"schema", schemas.MessageSchema(input)}}}}}};
  } else {
    std::vector<const pb::Descriptor*> stack;
    AddQueryParameters(schemas, input, "", "", path_fields, stack, parameters);
  }
  if (!parameters.empty()) op["parameters"] = std::move(parameters);
  json ok = {{"description", "OK"}};
  if (!rule.raw_response_field().empty()) {
    const pb::FieldDescriptor* f =
        method->output_type()->FindFieldByName(rule.raw_response_field());
    const bool binary = f != nullptr && f->type() == pb::FieldDescriptor::TYPE_BYTES;
    json schema = {{"type", "string"}};
    if (binary) schema["format"] = "binary";
    const std::string type =
        rule.raw_content_type().empty() ? "application/octet-stream" : rule.raw_content_type();
    ok["content"] = {{type, {{"schema", schema}}}};
  } else {
    ok["content"] = {
        {"application/json", {{"schema", schemas.MessageSchema(method->output_type())}}}};
  }
  op["responses"]["200"] = std::move(ok);
  AddErrors(op, {"404", "409"});
  SetAccess(op, rule.access(), route.http_method);
  AddAccessErrors(op, rule.access());
  return op;
}

json GatewayOperation(const GatewayEndpoint& endpoint) {
  std::string id = endpoint.tag.empty() ? "Gateway" : endpoint.tag;
  id.erase(std::remove_if(id.begin(), id.end(), [](unsigned char c) { return !std::isalnum(c); }),
           id.end());
  id += '_';
  bool upper = true;
  for (char c : absl::AsciiStrToLower(endpoint.method) + "/" + endpoint.path) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  json op = {{"operationId", id},
             {"summary", endpoint.summary},
             {"tags", {endpoint.tag.empty() ? "Gateway" : endpoint.tag}}};
  std::vector<GatewayEndpoint::Answer> answers = endpoint.responses;
  if (answers.empty()) answers.push_back({endpoint.success_status, endpoint.content_type});
  for (const GatewayEndpoint::Answer& answer : answers) {
    json& response = op["responses"][std::to_string(answer.status)];
    if (!response.contains("description")) {
      response["description"] = answer.status / 100 == 3   ? "Redirect"
                                : answer.status / 100 == 2 ? "OK"
                                                           : "Error";
    }
    if (answer.status / 100 == 3) {
      response["headers"]["Location"] = {{"schema", {{"type", "string"}}}};
    }
    if (answer.status == 429) {
      response["headers"]["Retry-After"] = {{"schema", {{"type", "integer"}}},
                                            {"description", "Seconds to wait."}};
    }
    if (!answer.content_type.empty()) {
      json schema = answer.content_type == "application/problem+json" ? Ref("schemas", "Problem")
                    : answer.content_type.rfind("application/json", 0) == 0
                        ? json{{"type", "object"}}
                        : json{{"type", "string"}};
      response["content"][answer.content_type] = {{"schema", schema}};
    }
  }
  if (!endpoint.form_fields.empty()) {
    json properties = json::object();
    for (const std::string& name : endpoint.form_fields) properties[name] = {{"type", "string"}};
    op["requestBody"] = {{"required", true},
                         {"content",
                          {{"application/x-www-form-urlencoded",
                            {{"schema", {{"type", "object"}, {"properties", properties}}}}}}}};
  }
  if (!endpoint.json_body.empty()) {
    op["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", json::parse(endpoint.json_body)}}}}}};
  }
  SetAccess(op, endpoint.access, endpoint.method);
  if (endpoint.responses.empty()) AddAccessErrors(op, endpoint.access);
  return op;
}

// The Problem schema, the shared error responses and the security schemes.
json StaticComponents() {
  return json::parse(R"json({
  "schemas": {"Problem": {
    "type": "object",
    "description": "RFC 7807 problem details (application/problem+json).",
    "required": ["type", "title", "status"],
    "properties": {
      "type": {"type": "string", "format": "uri-reference",
               "description": "URI naming the problem type, or about:blank."},
      "title": {"type": "string", "description": "Short summary of the problem type."},
      "status": {"type": "integer", "format": "int32", "description": "HTTP status."},
      "detail": {"type": "string", "description": "Explanation of this occurrence."},
      "code": {"type": "string", "description": "gRPC code name, e.g. \"FAILED_PRECONDITION\"."},
      "reason": {"type": "string", "description":
                 "Machine-readable reason (google.rpc.ErrorInfo), e.g. \"OFFICE_NOT_FOUND\"."},
      "domain": {"type": "string", "description": "Who raised the error (ErrorInfo domain)."},
      "metadata": {"type": "object", "additionalProperties": {"type": "string"},
                   "description": "Reason metadata (google.rpc.ErrorInfo)."},
      "violations": {"type": "array", "description": "Field violations (google.rpc.BadRequest).",
                     "items": {"type": "object", "required": ["field", "description"],
                               "properties": {"field": {"type": "string"},
                                              "description": {"type": "string"}}}},
      "request_id": {"type": "string", "description": "The X-Request-Id of the call."}}}},
  "responses": {
    "BadRequest": "Invalid request (INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE).",
    "Unauthorized": "No valid session (UNAUTHENTICATED).",
    "Forbidden": "Not allowed, or missing/invalid X-CSRF-Token (PERMISSION_DENIED).",
    "NotFound": "Not found (NOT_FOUND).",
    "Conflict": "Conflict (ALREADY_EXISTS, ABORTED).",
    "TooManyRequests": "Rate limited (RESOURCE_EXHAUSTED); retry after Retry-After seconds.",
    "InternalError": "Internal error (INTERNAL, UNKNOWN, DATA_LOSS).",
    "Unavailable": "Temporarily unavailable (UNAVAILABLE); safe to retry."},
  "securitySchemes": {
    "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "sisl_session",
                      "description": "Session cookie set by SPID/CIE login."},
    "csrfToken": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                  "description": "CSRF token from GET /api/session; needed to change state."}}
  })json");
}

json Components(json schemas) {
  json components = StaticComponents();
  for (auto& [name, response] : components["responses"].items()) {
    response = {
        {"description", response},
        {"content", {{"application/problem+json", {{"schema", Ref("schemas", "Problem")}}}}}};
  }
  components["responses"]["TooManyRequests"]["headers"]["Retry-After"] = {
      {"schema", {{"type", "integer"}}}, {"description", "Seconds to wait."}};
  schemas.update(components["schemas"]);
  components["schemas"] = std::move(schemas);
  return components;
}

}  // namespace

std::vector<std::string> PathParameterNames(const RestRoute& route) {
  std::vector<std::string> names;
  std::map<std::string, int> uses;
  for (const std::string& field : route.path_fields) {
    const size_t dot = field.rfind('.');
    names.push_back(dot == std::string::npos ? field : field.substr(dot + 1));
    ++uses[names.back()];
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (uses[names[i]] > 1) {
      names[i] = route.path_fields[i];
      std::replace(names[i].begin(), names[i].end(), '.', '_');
    }
  }
  return names;
}

std::string OpenApiPath(const RestRoute& route) {
  const std::vector<std::string> names = PathParameterNames(route);
  std::string out;
  size_t next = 0;
  const std::string& path = route.path_template;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      out += path[i];
      continue;
    }
    // "{name}" or "{name=**}" (OpenAPI has no multi-segment parameters).
    const size_t close = path.find('}', i);
    if (close == std::string::npos || next >= names.size()) return out + path.substr(i);
    absl::StrAppend(&out, "{", names[next++], "}");
    i = close;
  }
  return out;
}

std::string BuildOpenApi(const std::vector<RestRoute>& routes, const OpenApiInfo& info) {
  json doc = {{"openapi", "3.0.3"},
              {"info", {{"title", info.title}, {"version", info.version}}},
              {"paths", json::object()}};
  if (!info.description.empty()) doc["info"]["description"] = info.description;
  if (!info.server_urls.empty()) {
    doc["servers"] = json::array();
    for (const std::string& url : info.server_urls) doc["servers"].push_back({{"url", url}});
  }
  json schemas = json::object();
  SchemaBuilder builder(&schemas);
  std::set<std::string> tags;
  for (const RestRoute& route : routes) {
    if (route.method == nullptr) continue;
    json op = RouteOperation(route, builder);
    tags.insert(op["tags"][0].get<std::string>());
    doc["paths"][OpenApiPath(route)][absl::AsciiStrToLower(route.http_method)] = op;
  }
  for (const GatewayEndpoint& endpoint : info.gateway_endpoints) {
    json op = GatewayOperation(endpoint);
    tags.insert(op["tags"][0].get<std::string>());
    doc["paths"][endpoint.path][absl::AsciiStrToLower(endpoint.method)] = op;
  }
  doc["tags"] = json::array();
  for (const std::string& tag : tags) doc["tags"].push_back({{"name", tag}});
  doc["components"] = Components(std::move(schemas));
  doc["security"] = json::array({{{kSessionScheme, json::array()}}});
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace sisl::gateway::transcoding
