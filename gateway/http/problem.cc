#include "gateway/http/problem.h"

#include <nlohmann/json.hpp>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/platform/errors.h"

namespace sisl::gateway::http {
namespace {

std::string KebabCase(const std::string& reason) {
  std::string out;
  for (char c : reason) {
    out.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string TitleOf(const Problem& p) {
  if (p.reason.empty()) return p.code;
  std::string out = KebabCase(p.reason);
  for (auto& c : out) c = c == '-' ? ' ' : c;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

bool IsInternal(grpc::StatusCode code) {
  return code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::DATA_LOSS;
}

}  // namespace

int HttpStatusForGrpc(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return 200;
    case grpc::StatusCode::CANCELLED: return 499;
    case grpc::StatusCode::INVALID_ARGUMENT: return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED: return 504;
    case grpc::StatusCode::NOT_FOUND: return 404;
    case grpc::StatusCode::ALREADY_EXISTS: return 409;
    case grpc::StatusCode::PERMISSION_DENIED: return 403;
    case grpc::StatusCode::UNAUTHENTICATED: return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return 429;
    case grpc::StatusCode::FAILED_PRECONDITION: return 400;
    case grpc::StatusCode::ABORTED: return 409;
    case grpc::StatusCode::OUT_OF_RANGE: return 400;
    case grpc::StatusCode::UNIMPLEMENTED: return 501;
    case grpc::StatusCode::UNAVAILABLE: return 503;
    default: return 500;
  }
}

const char* GrpcCodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  const int i = static_cast<int>(code);
  return i >= 0 && i <= 16 ? kNames[i] : "UNKNOWN";
}

Problem ProblemFromGrpc(const grpc::Status& status) {
  Problem p;
  p.status = HttpStatusForGrpc(status.error_code());
  p.code = GrpcCodeName(status.error_code());
  p.detail = status.error_message();
  p.domain.clear();
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::ErrorInfo info;
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&info)) {
        p.reason = info.reason();
        p.domain = info.domain();
        for (const auto& [k, v] : info.metadata()) p.metadata[k] = v;
      } else if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) p.violations.emplace_back(v.field(), v.description());
      }
    }
  }
  if (IsInternal(status.error_code())) p.detail = "The service failed to process the request.";
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE && p.reason.empty()) {
    p.reason = "SERVICE_UNAVAILABLE";
    p.detail = "The service is temporarily unavailable; try again shortly.";
  }
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED && p.reason.empty()) {
    p.reason = "UPSTREAM_TIMEOUT";
  }
  return p;
}

Problem ProblemFromStatus(const absl::Status& status) {
  Problem p;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  p.status = HttpStatusForGrpc(code);
  p.code = GrpcCodeName(code);
  p.reason = platform::ErrorReason(status);
  p.detail = std::string(status.message());
  for (const auto& v : platform::ErrorFieldViolations(status)) {
    p.violations.emplace_back(v.field, v.description);
  }
  if (IsInternal(code)) p.detail = "The gateway failed to process the request.";
  return p;
}

Response RenderProblem(const Problem& p, const std::string& request_id) {
  nlohmann::json body;
  body["type"] = p.reason.empty()
                     ? "about:blank"
                     : "https://sisl.regione.piemonte.it/problems/" + KebabCase(p.reason);
  body["title"] = TitleOf(p);
  body["status"] = p.status;
  body["detail"] = p.detail;
  body["code"] = p.code;
  if (!p.reason.empty()) body["reason"] = p.reason;
  if (!p.domain.empty()) body["domain"] = p.domain;
  if (!p.metadata.empty()) body["metadata"] = p.metadata;
  if (!p.violations.empty()) {
    body["violations"] = nlohmann::json::array();
    for (const auto& [field, description] : p.violations) {
      body["violations"].push_back({{"field", field}, {"description", description}});
    }
  }
  body["request_id"] = request_id;
  Response r;
  r.status = p.status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace sisl::gateway::http
