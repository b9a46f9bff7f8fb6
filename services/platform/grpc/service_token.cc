#include "services/platform/grpc/service_token.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sisl::platform {

auth::Caller ServiceCaller(absl::string_view service) {
  return auth::Caller{.subject = absl::StrCat("service:", service), .role = auth::Role::kNotifier};
}

void AttachServiceToken(grpc::ClientContext& context, const auth::TokenSigner& signer,
                        absl::string_view audience) {
  const absl::string_view service = absl::StripPrefix(signer.issuer(), auth::kServiceIssuerPrefix);
  context.AddMetadata(auth::kTokenMetadataKey,
                      signer.Sign(ServiceCaller(service), audience, kServiceTokenTtl));
}

}  // namespace sisl::platform
