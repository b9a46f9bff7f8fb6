#ifndef SISL_PLATFORM_GRPC_CALL_H_
#define SISL_PLATFORM_GRPC_CALL_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::platform {

// What a gRPC handler knows about the call it serves.
struct Call {
  std::string correlation_id;
  // The verified caller; for public calls without a token, a default (citizen, no subject).
  auth::Caller caller;
  bool authenticated = false;
};

// The one preamble and the one error mapping of every gRPC handler of a service:
//
//   grpc::Status FooServiceImpl::GetFoo(grpc::ServerContext* context, const GetFooRequest* r,
//                                       GetFooResponse* out) {
//     return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
//       ASSIGN_OR_RETURN(Foo foo, foos_.Get(call.caller, r->id()));
//       *out->mutable_foo() = ToProto(foo);
//       return absl::OkStatus();
//     });
//   }
//
// Each call runs with its correlation id (the caller's x-correlation-id, or a new one) set for
// logs and for the events it commits; a failure becomes a gRPC status with google.rpc.ErrorInfo
// in the service's error domain, once, here.
class CallHandler final {
 public:
  // `error_domain`: the ErrorInfo domain of this service, e.g. "booking.sisl.regione.piemonte.it".
  // `tokens`: the module's verifier (ModuleContext::tokens), which accepts tokens addressed to
  // it only.
  CallHandler(const auth::TokenVerifier& tokens, std::string error_domain)
      : tokens_(tokens), error_domain_(std::move(error_domain)) {}

  // Needs a valid internal token (UNAUTHENTICATED otherwise).
  grpc::Status Authenticated(grpc::ServerContext* context,
                             absl::FunctionRef<absl::Status(const Call&)> body) const;
  // Open to anyone (public reads); a token, when sent, is verified and must be valid.
  grpc::Status Public(grpc::ServerContext* context,
                      absl::FunctionRef<absl::Status(const Call&)> body) const;

  // The status a handler answers for `status`, in this service's error domain.
  grpc::Status ToGrpc(const absl::Status& status) const;
  const std::string& error_domain() const { return error_domain_; }

 private:
  grpc::Status Run(grpc::ServerContext* context, bool need_token,
                   absl::FunctionRef<absl::Status(const Call&)> body) const;

  const auth::TokenVerifier& tokens_;
  std::string error_domain_;
};

// The ErrorInfo domain of service `name`: "<name>.sisl.regione.piemonte.it".
std::string ErrorDomainOf(absl::string_view service_name);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_CALL_H_
