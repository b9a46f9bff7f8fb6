#include "absl/strings/string_view.h"
#include "services/platform/grpc/status.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform {

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  std::string message(status.message());
  std::string reason = ErrorReason(status);
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    log::Error("internal error", {{"error", status.ToString()}});
    message = "internal error; the incident has been logged";
    if (reason.empty()) reason = "INTERNAL";
  }
  if (reason.empty()) reason = std::string(absl::StatusCodeToString(status.code()));
  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain(std::string(domain));
  const bool internal =
      status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown;
  if (!internal) {  // internals stay in the log
    for (const auto& [k, v] : ErrorMetadata(status)) (*info.mutable_metadata())[k] = v;
  }
  details.add_details()->PackFrom(info);
  auto violations = ErrorFieldViolations(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad;
    for (const auto& v : violations) {
      auto* fv = bad.add_field_violations();
      fv->set_field(v.field);
      fv->set_description(v.description);
    }
    details.add_details()->PackFrom(bad);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message,
                      details.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) {
    return absl::Status(code, status.error_message());
  }
  std::string reason;
  std::map<std::string, std::string> metadata;
  std::vector<FieldViolation> violations;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&info)) {
      reason = info.reason();
      metadata.insert(info.metadata().begin(), info.metadata().end());
    } else if (any.UnpackTo(&bad)) {
      for (const auto& fv : bad.field_violations()) {
        violations.push_back({fv.field(), fv.description()});
      }
    }
  }
  return Error(code, reason, status.error_message(), metadata, violations);
}

}  // namespace sisl::platform
