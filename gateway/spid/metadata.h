#ifndef SISL_GATEWAY_SPID_METADATA_H_
#define SISL_GATEWAY_SPID_METADATA_H_

#include <string>

#include "absl/status/statusor.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/sp_config.h"

namespace sisl::gateway::spid {

inline constexpr char kBindingPost[] = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
inline constexpr char kBindingRedirect[] = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
inline constexpr char kNameIdTransient[] = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
inline constexpr char kNameIdEntity[] = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
inline constexpr char kAttrNameFormatBasic[] =
    "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

enum class MetadataProfile {
  kSpid,  // AgID Avviso 29 v3, public body: spid:IPACode + spid:Public
  kCie,   // CIE federation SP metadata, public body: cie:Public, IPACode, Municipality, ...
};

// The signed SP metadata (one EntityDescriptor, enveloped signature over its ID).
absl::StatusOr<std::string> BuildSpMetadata(const SpConfig& config, const Credentials& credentials,
                                            MetadataProfile profile);

// Signed IdP metadata (the development IdP publishes it; tests register it).
struct IdpMetadataParams {
  std::string entity_id;
  std::string sso_url;  // HTTP-POST and HTTP-Redirect
  std::string slo_url;  // HTTP-POST and HTTP-Redirect
  std::string organization_name;
};
absl::StatusOr<std::string> BuildIdpMetadata(const IdpMetadataParams& params,
                                             const Credentials& credentials);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_METADATA_H_
