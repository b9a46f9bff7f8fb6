#ifndef SISL_PLATFORM_GRPC_SERVICE_TOKEN_H_
#define SISL_PLATFORM_GRPC_SERVICE_TOKEN_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::platform {

// How long a service token lives: like the gateway's, one call's worth.
inline constexpr absl::Duration kServiceTokenTtl = absl::Minutes(2);

// The caller a service's own token asserts (ADR 0022): subject "service:<service>", role
// notifier, no person and no SPID level.
auth::Caller ServiceCaller(absl::string_view service);

// Adds to `context` (x-sisl-internal-token) a service token for a call to service `audience`
// (e.g. "booking"), signed by `signer`: the calling module's ModuleContext::service_signer,
// whose issuer ServiceIssuer(<name>) names the service the token asserts (ServiceCaller(name)).
//
//   grpc::ClientContext context;
//   AttachServiceToken(context, *context_.service_signer, "booking");
//   stub->GetAppointmentContact(&context, request, &response);
void AttachServiceToken(grpc::ClientContext& context, const auth::TokenSigner& signer,
                        absl::string_view audience);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_SERVICE_TOKEN_H_
