#include "gateway/spid/saml_checks.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/saml_time.h"
#include "gateway/spid/xml.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid::checks {

absl::Status Malformed(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("malformed: ", what));
}

absl::Status Mismatch(absl::string_view what) {
  return absl::PermissionDeniedError(absl::StrCat("mismatch: ", what));
}

absl::Status Expired(absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat("outside the validity window: ", what));
}

absl::StatusOr<xmlNode*> ExactlyOne(const xmlNode* parent, const char* ns, const char* name,
                                    absl::string_view what) {
  std::vector<xmlNode*> found = ChildElements(parent, ns, name);
  if (found.empty()) return Malformed(absl::StrCat(what, " missing"));
  if (found.size() > 1) return Malformed(absl::StrCat(what, " repeated"));
  return found[0];
}

absl::StatusOr<std::string> Required(const xmlNode* node, const char* attr,
                                     absl::string_view what) {
  std::optional<std::string> value = Attr(node, attr);
  if (!value.has_value() || value->empty()) {
    return Malformed(absl::StrCat(what, " missing or empty"));
  }
  return *value;
}

absl::StatusOr<absl::Time> RequiredTime(const xmlNode* node, const char* attr,
                                        absl::string_view what) {
  ASSIGN_OR_RETURN(const std::string text, Required(node, attr, what));
  absl::StatusOr<absl::Time> time = ParseSamlTime(text);
  if (!time.ok()) return Malformed(absl::StrCat(what, " is not a valid date-time"));
  return *time;
}

absl::Status Version20(const xmlNode* node, absl::string_view what) {
  if (Attr(node, "Version") != "2.0") return Malformed(absl::StrCat(what, " Version is not 2.0"));
  return absl::OkStatus();
}

absl::Status IssuerIs(const xmlNode* parent, const std::string& entity_id, bool format_required,
                      absl::string_view what) {
  ASSIGN_OR_RETURN(xmlNode* issuer, ExactlyOne(parent, kNsSaml, "Issuer", what));
  std::string value = TrimmedText(issuer);
  if (value.empty()) return Malformed(absl::StrCat(what, " empty"));
  std::optional<std::string> format = Attr(issuer, "Format");
  if ((format.has_value() || format_required) && format != kNameIdEntity) {
    return Malformed(absl::StrCat(what, " Format is not the entity format"));
  }
  if (value != entity_id) return Mismatch(absl::StrCat(what, " is not the IdP"));
  return absl::OkStatus();
}

absl::Status InstantWithin(absl::Time instant, absl::Time not_before, absl::Time now,
                           absl::Duration skew, absl::string_view what) {
  if (instant < not_before - skew) return Expired(absl::StrCat(what, " precedes the request"));
  if (instant > now + skew) return Expired(absl::StrCat(what, " is in the future"));
  return absl::OkStatus();
}

}  // namespace sisl::gateway::spid::checks
