#ifndef SISL_GATEWAY_TRANSCODING_TRANSCODER_H_
#define SISL_GATEWAY_TRANSCODING_TRANSCODER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/transcoding/route_table.h"
#include "google/protobuf/message.h"

namespace sisl::gateway::transcoding {

// The HTTP side of a call, as far as transcoding cares.
struct HttpCall {
  const std::map<std::string, std::string>* path_params = nullptr;
  const std::multimap<std::string, std::string>* query = nullptr;
  const std::string* body = nullptr;
  // Idempotency-Key header: becomes `request_id` when the request message has one and the body
  // did not set it.
  std::optional<std::string> idempotency_key;
};

// Builds the gRPC request message of `route` from an HTTP call, following the proto3 JSON
// mapping: the body (POST/PATCH/PUT) is the request message in JSON; path parameters and, for
// GET/DELETE, query parameters (field names in lowerCamelCase or as declared; nested fields with
// dots; repeated fields repeat) set fields. The body must have the JSON types the OpenAPI
// document gives it, and the request as sent must keep the (sisl.api.v1.field) rules (see
// field_rules.h). Errors are INVALID_ARGUMENT with a reason (INVALID_JSON, UNKNOWN_PARAMETER,
// INVALID_PARAMETER, BODY_NOT_ALLOWED, INVALID_FIELD) and field violations.
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> BuildRequest(const RestRoute& route,
                                                                         const HttpCall& call);

// The response message as proto3 JSON (lowerCamelCase names, default values printed). INTERNAL
// (BAD_UPSTREAM_RESPONSE) when it has no JSON form (e.g. a Timestamp out of range).
absl::StatusOr<std::string> ResponseToJson(const google::protobuf::Message& message);

// The prototype of a method's output, to parse upstream bytes into.
std::unique_ptr<google::protobuf::Message> NewResponse(const RestRoute& route);

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_TRANSCODER_H_
