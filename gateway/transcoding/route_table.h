#ifndef SISL_GATEWAY_TRANSCODING_ROUTE_TABLE_H_
#define SISL_GATEWAY_TRANSCODING_ROUTE_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "sisl/api/v1/http.pb.h"

namespace sisl::gateway::transcoding {

// One REST route, declared on a gRPC method with the (sisl.api.v1.http) option.
struct RestRoute {
  std::string http_method;    // "GET", "POST", "PATCH", "PUT", "DELETE"
  std::string path_template;  // "/api/v1/offices/{site_code}"
  std::vector<std::string> path_fields;  // request fields bound by the path, in order
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string grpc_path;  // "/sisl.booking.v1.OfficesService/GetOffice"
  sisl::api::v1::HttpRule rule;
  bool has_body() const {
    return http_method == "POST" || http_method == "PATCH" || http_method == "PUT";
  }
};

// Every annotated method of every service compiled into this binary whose full name starts with
// one of `package_prefixes` (e.g. "sisl."). Fails on a malformed declaration: a path field that
// the request message lacks or that is not a scalar, two methods with the same route, or a
// (sisl.api.v1.field) rule that cannot be checked (see ValidateRule).
absl::StatusOr<std::vector<RestRoute>> CollectRoutes(
    const std::vector<std::string>& package_prefixes);

// The same for the given services only (tests).
absl::StatusOr<std::vector<RestRoute>> RoutesOfServices(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services);

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_ROUTE_TABLE_H_
