#include "services/platform/grpc/call.h"

#include "absl/strings/str_cat.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/grpc/status.h"
#include "services/platform/log.h"

namespace sisl::platform {

grpc::Status CallHandler::Authenticated(grpc::ServerContext* context,
                                        absl::FunctionRef<absl::Status(const Call&)> body) const {
  return Run(context, /*need_token=*/true, body);
}

grpc::Status CallHandler::Public(grpc::ServerContext* context,
                                 absl::FunctionRef<absl::Status(const Call&)> body) const {
  return Run(context, /*need_token=*/false, body);
}

grpc::Status CallHandler::ToGrpc(const absl::Status& status) const {
  return ToGrpcStatus(status, error_domain_);
}

grpc::Status CallHandler::Run(grpc::ServerContext* context, bool need_token,
                              absl::FunctionRef<absl::Status(const Call&)> body) const {
  Call call;
  call.correlation_id = CorrelationIdOf(*context);
  log::ScopedCorrelationId scoped(call.correlation_id);
  const bool has_token = context->client_metadata().count(auth::kTokenMetadataKey) > 0;
  if (need_token || has_token) {
    auto caller = tokens_.FromContext(*context);
    if (!caller.ok()) return ToGrpc(caller.status());
    call.caller = *std::move(caller);
    call.authenticated = true;
  }
  return ToGrpc(body(call));
}

std::string ErrorDomainOf(absl::string_view service_name) {
  return absl::StrCat(service_name, ".sisl.regione.piemonte.it");
}

}  // namespace sisl::platform
