#ifndef SISL_GATEWAY_TRANSCODING_OPENAPI_SCHEMA_H_
#define SISL_GATEWAY_TRANSCODING_OPENAPI_SCHEMA_H_

// JSON Schemas of protobuf messages under the proto3 JSON mapping, for the OpenAPI document.

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "google/protobuf/descriptor.h"

namespace sisl::gateway::transcoding {

// {"$ref": "#/components/<kind>/<name>"}
nlohmann::json Ref(const std::string& kind, const std::string& name);

// Leading comment from source info; the generated pool has none, so usually "".
template <typename D>
std::string CommentOf(const D* d) {
  google::protobuf::SourceLocation location;
  if (!d->GetSourceLocation(&location)) return "";
  return std::string(absl::StripAsciiWhitespace(location.leading_comments));
}

// The inline schema of a well-known type, or null; `scalar` ones print as one JSON value (and so
// can be query parameters).
const nlohmann::json* WellKnown(const google::protobuf::Descriptor* d, bool scalar_only = false);

// Fills components/schemas with every message and enum reachable from what it is asked for.
class SchemaBuilder final {
 public:
  explicit SchemaBuilder(nlohmann::json* schemas) : schemas_(schemas) {}

  // A $ref to the message's schema (added on first use), or a well-known type inline.
  nlohmann::json MessageSchema(const google::protobuf::Descriptor* d);
  nlohmann::json EnumSchema(const google::protobuf::EnumDescriptor* e);
  // The schema of one value of `f` (an element when repeated).
  nlohmann::json ValueSchema(const google::protobuf::FieldDescriptor* f);
  nlohmann::json FieldSchema(const google::protobuf::FieldDescriptor* f);

 private:
  nlohmann::json BuildMessage(const google::protobuf::Descriptor* d);

  nlohmann::json* schemas_;
  std::set<std::string> done_;
};

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_OPENAPI_SCHEMA_H_
