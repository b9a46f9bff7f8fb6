#ifndef SISL_GATEWAY_HTTP_PROBLEM_H_
#define SISL_GATEWAY_HTTP_PROBLEM_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gateway/http/http_types.h"
#include "grpcpp/support/status.h"

namespace sisl::gateway::http {

// An RFC 7807 problem as the gateway renders it (application/problem+json):
//   type      https://sisl.regione.piemonte.it/problems/<reason in kebab case> (or about:blank)
//   title     short text for the reason, status   the HTTP status,   detail  the message
//   code      the gRPC code name ("FAILED_PRECONDITION"), reason  the machine-readable reason
//   domain    who raised it, metadata  reason metadata, violations [{field, description}]
//   request_id
struct Problem {
  int status = 500;
  std::string code = "INTERNAL";
  std::string reason;
  std::string domain = "gateway.sisl.regione.piemonte.it";
  std::string detail;
  std::map<std::string, std::string> metadata;
  std::vector<std::pair<std::string, std::string>> violations;
};

// The HTTP status for a gRPC code (google.rpc.Code mapping).
int HttpStatusForGrpc(grpc::StatusCode code);
const char* GrpcCodeName(grpc::StatusCode code);

// From a gRPC status with google.rpc.ErrorInfo / BadRequest details. Internal errors keep their
// reason but not their text.
Problem ProblemFromGrpc(const grpc::Status& status);
// From an absl status made by platform::Error (gateway-side failures).
Problem ProblemFromStatus(const absl::Status& status);

Response RenderProblem(const Problem& problem, const std::string& request_id);

}  // namespace sisl::gateway::http

#endif  // SISL_GATEWAY_HTTP_PROBLEM_H_
