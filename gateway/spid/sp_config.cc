#include "gateway/spid/sp_config.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sisl::gateway::spid {

std::string SpConfig::SpidEntityId() const {
  return entity_id.empty() ? absl::StrCat(public_base_url, "/spid/metadata") : entity_id;
}

std::string SpConfig::CieEntityId() const {
  return cie_entity_id.empty() ? absl::StrCat(public_base_url, "/cie/metadata") : cie_entity_id;
}

std::string SpConfig::AcsUrl() const { return absl::StrCat(public_base_url, "/spid/acs"); }

std::string SpConfig::SloUrl() const { return absl::StrCat(public_base_url, "/spid/slo"); }

bool SpConfig::UsesHttps() const { return absl::StartsWith(public_base_url, "https://"); }

const AttributeSet* SpConfig::SpidAttributeSetFor(
    const std::optional<std::string>& purpose) const {
  // purpose= present but empty names no set: only an absent parameter selects the default.
  if (purpose.has_value() && purpose->empty()) return nullptr;
  const std::string wanted = purpose.value_or("");
  for (const AttributeSet& set : attribute_sets) {
    if (set.purpose == wanted) return &set;
  }
  return nullptr;
}

absl::Status ValidateSpConfig(const SpConfig& config) {
  const std::string& base = config.public_base_url;
  if (!absl::StartsWith(base, "http://") && !absl::StartsWith(base, "https://")) {
    return absl::InvalidArgumentError("spid: public_base_url must start with http:// or https://");
  }
  if (absl::EndsWith(base, "/")) {
    return absl::InvalidArgumentError("spid: public_base_url must not end with '/'");
  }
  if (config.key_file.empty() || config.cert_file.empty()) {
    return absl::InvalidArgumentError("spid: key_file and cert_file are required");
  }
  if (config.default_level < 1 || config.default_level > 3) {
    return absl::InvalidArgumentError("spid: default_level must be 1, 2 or 3");
  }
  if (config.minimum_level < 1 || config.minimum_level > 3) {
    return absl::InvalidArgumentError("spid: minimum_level must be 1, 2 or 3");
  }
  if (config.ipa_code.empty() || config.organization_name.empty() ||
      config.organization_url.empty() || config.contact_email.empty()) {
    return absl::InvalidArgumentError(
        "spid: ipa_code, organization_name, organization_url and contact_email are required");
  }
  if (config.attribute_sets.empty() || config.cie_attribute_set.attributes.empty()) {
    return absl::InvalidArgumentError("spid: at least one attribute set is required");
  }
  int defaults = 0;
  for (size_t i = 0; i < config.attribute_sets.size(); ++i) {
    const AttributeSet& set = config.attribute_sets[i];
    if (set.attributes.empty() || set.service_name.empty() || set.index < 0) {
      return absl::InvalidArgumentError("spid: every attribute set needs an index, a name and "
                                        "attributes");
    }
    defaults += set.purpose.empty() ? 1 : 0;
    for (size_t j = 0; j < i; ++j) {
      const AttributeSet& other = config.attribute_sets[j];
      if (other.index == set.index || other.purpose == set.purpose) {
        return absl::InvalidArgumentError(
            "spid: attribute sets need distinct indexes and distinct purposes");
      }
    }
  }
  if (defaults != 1) {
    return absl::InvalidArgumentError(
        "spid: exactly one attribute set must be the default (no purpose)");
  }
  if (config.clock_skew < absl::ZeroDuration() || config.clock_skew > absl::Minutes(10)) {
    return absl::InvalidArgumentError("spid: clock_skew must be between 0 and 10 minutes");
  }
  if (config.request_ttl < absl::Minutes(1) || config.request_ttl > absl::Hours(1)) {
    return absl::InvalidArgumentError("spid: request_ttl must be between 1 and 60 minutes");
  }
  return absl::OkStatus();
}

}  // namespace sisl::gateway::spid
