#include "gateway/spid/idp_registry.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/xml.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

constexpr size_t kMaxMetadataBytes = 16 * kMaxXmlBytes;

void CollectEntities(xmlNode* node, std::vector<xmlNode*>& out) {
  if (IsElement(node, kNsMd, "EntityDescriptor")) {
    out.push_back(node);
    return;
  }
  if (!IsElement(node, kNsMd, "EntitiesDescriptor")) return;
  for (xmlNode* cur = node->children; cur != nullptr; cur = cur->next) {
    CollectEntities(cur, out);
  }
}

void ReadEndpoints(const xmlNode* idpsso, const char* element, std::string& post,
                   std::string& redirect, std::string* post_response,
                   std::string* redirect_response) {
  for (const xmlNode* ep : ChildElements(idpsso, kNsMd, element)) {
    std::string binding = Attr(ep, "Binding").value_or("");
    std::string location = Attr(ep, "Location").value_or("");
    std::string response = Attr(ep, "ResponseLocation").value_or(location);
    if (location.empty()) continue;
    if (binding == kBindingPost && post.empty()) {
      post = location;
      if (post_response != nullptr) *post_response = response;
    } else if (binding == kBindingRedirect && redirect.empty()) {
      redirect = location;
      if (redirect_response != nullptr) *redirect_response = response;
    }
  }
}

absl::StatusOr<IdpMetadata> ReadIdp(const xmlNode* entity, const xmlNode* idpsso, bool cie,
                                    bool development) {
  IdpMetadata idp;
  idp.entity_id = Attr(entity, "entityID").value_or("");
  if (idp.entity_id.empty()) return absl::InvalidArgumentError("IdP without entityID");
  idp.cie = cie;
  idp.development = development;
  const xmlNode* org = FirstChildElement(entity, kNsMd, "Organization");
  idp.display_name = TrimmedText(FirstChildElement(org, kNsMd, "OrganizationDisplayName"));
  if (idp.display_name.empty()) idp.display_name = idp.entity_id;
  for (const xmlNode* kd : ChildElements(idpsso, kNsMd, "KeyDescriptor")) {
    std::string use = Attr(kd, "use").value_or("signing");
    if (use != "signing") continue;
    const xmlNode* x509 = FirstChildElement(
        FirstChildElement(FirstChildElement(kd, kNsDs, "KeyInfo"), kNsDs, "X509Data"), kNsDs,
        "X509Certificate");
    if (x509 == nullptr) continue;
    absl::StatusOr<PublicKey> key = PublicKeyFromCertificateBase64(TextContent(x509));
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("IdP ", idp.entity_id, ": ", key.status().message()));
    }
    idp.signing_keys.push_back(*std::move(key));
  }
  if (idp.signing_keys.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("IdP ", idp.entity_id, " has no signing key"));
  }
  ReadEndpoints(idpsso, "SingleSignOnService", idp.sso_post_url, idp.sso_redirect_url, nullptr,
                nullptr);
  ReadEndpoints(idpsso, "SingleLogoutService", idp.slo_post_url, idp.slo_redirect_url,
                &idp.slo_post_response_url, &idp.slo_redirect_response_url);
  if (idp.sso_post_url.empty() && idp.sso_redirect_url.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("IdP ", idp.entity_id, " has no HTTP-POST or HTTP-Redirect SSO endpoint"));
  }
  return idp;
}

}  // namespace

absl::Status IdpRegistry::AddFromMetadataFile(const std::string& path, bool cie) {
  ASSIGN_OR_RETURN(const std::string xml, ReadSmallFile(path, kMaxMetadataBytes));
  absl::Status status = AddFromMetadataXml(xml, cie);
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  }
  return status;
}

absl::Status IdpRegistry::AddFromMetadataXml(std::string_view xml, bool cie, bool development) {
  // Metadata aggregates (the AgID registry) exceed the per-message limit; they come from
  // configuration, not from the network.
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml, kMaxMetadataBytes));
  std::vector<xmlNode*> entities;
  CollectEntities(xmlDocGetRootElement(doc.get()), entities);
  std::vector<IdpMetadata> found;
  for (const xmlNode* entity : entities) {
    const xmlNode* idpsso = FirstChildElement(entity, kNsMd, "IDPSSODescriptor");
    if (idpsso == nullptr) continue;
    ASSIGN_OR_RETURN(IdpMetadata idp, ReadIdp(entity, idpsso, cie, development));
    found.push_back(std::move(idp));
  }
  if (found.empty()) return absl::InvalidArgumentError("no IdP in the metadata");
  for (IdpMetadata& idp : found) {
    std::string id = idp.entity_id;
    idps_[id] = std::make_shared<const IdpMetadata>(std::move(idp));
  }
  return absl::OkStatus();
}

const IdpMetadata* IdpRegistry::Find(std::string_view entity_id) const {
  auto it = idps_.find(std::string(entity_id));
  return it == idps_.end() ? nullptr : it->second.get();
}

std::vector<const IdpMetadata*> IdpRegistry::All() const {
  std::vector<const IdpMetadata*> out;
  for (const auto& [id, idp] : idps_) out.push_back(idp.get());
  std::sort(out.begin(), out.end(), [](const IdpMetadata* a, const IdpMetadata* b) {
    return a->entity_id < b->entity_id;
  });
  return out;
}

}  // namespace sisl::gateway::spid
