#ifndef SISL_GATEWAY_SPID_IDP_REGISTRY_H_
#define SISL_GATEWAY_SPID_IDP_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

// What we trust about one IdP, read from its SAML metadata.
struct IdpMetadata {
  std::string entity_id;
  std::string display_name;
  bool cie = false;          // CIE federation (CIE SP metadata profile, CIE entity ID)
  bool development = false;  // the embedded development IdP
  std::string sso_post_url;
  std::string sso_redirect_url;
  std::string slo_post_url;
  std::string slo_redirect_url;
  std::string slo_post_response_url;      // ResponseLocation, or Location when absent
  std::string slo_redirect_response_url;  // idem
  // Signing keys from <md:KeyDescriptor use="signing"> (or without `use`). Only these verify
  // the IdP's messages. Certificate dates are not checked: per the SAML V2.0 Metadata
  // Interoperability Profile, metadata certificates are mere key containers and trust comes
  // from the metadata itself.
  std::vector<PublicKey> signing_keys;
};

// The IdPs the SP trusts, by entity ID. Filled at start-up (configuration files, the
// development IdP), then only read: lookups are safe from any thread once filling is over.
class IdpRegistry final {
 public:
  IdpRegistry() = default;
  IdpRegistry(IdpRegistry&&) = default;
  IdpRegistry& operator=(IdpRegistry&&) = default;

  // Reads a metadata file named in the configuration: an EntityDescriptor or an
  // EntitiesDescriptor (every IdP in it is added; SP entries are skipped). `cie` marks the
  // IdPs as CIE. Fails on a file without IdPs or an IdP without usable signing keys.
  absl::Status AddFromMetadataFile(const std::string& path, bool cie);
  absl::Status AddFromMetadataXml(std::string_view xml, bool cie, bool development = false);

  // nullptr when unknown.
  const IdpMetadata* Find(std::string_view entity_id) const;
  std::vector<const IdpMetadata*> All() const;
  size_t size() const { return idps_.size(); }

 private:
  absl::flat_hash_map<std::string, std::shared_ptr<const IdpMetadata>> idps_;
};

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_IDP_REGISTRY_H_
