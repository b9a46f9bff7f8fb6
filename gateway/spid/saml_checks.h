#ifndef SISL_GATEWAY_SPID_SAML_CHECKS_H_
#define SISL_GATEWAY_SPID_SAML_CHECKS_H_

// Helpers shared by the Response, Assertion and logout validators (internal to the library).

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sisl::gateway::spid::checks {

absl::Status Malformed(absl::string_view what);
absl::Status Mismatch(absl::string_view what);
absl::Status Expired(absl::string_view what);

// The single child element; INVALID_ARGUMENT naming `what` when absent or repeated.
absl::StatusOr<xmlNode*> ExactlyOne(const xmlNode* parent, const char* ns, const char* name,
                                    absl::string_view what);
// A present, non-empty attribute.
absl::StatusOr<std::string> Required(const xmlNode* node, const char* attr, absl::string_view what);
// A present, valid xs:dateTime attribute.
absl::StatusOr<absl::Time> RequiredTime(const xmlNode* node, const char* attr,
                                        absl::string_view what);
// Version="2.0".
absl::Status Version20(const xmlNode* node, absl::string_view what);
// <saml:Issuer> child equal to `entity_id`; its Format, when present (or when
// `format_required`), must be the entity format.
absl::Status IssuerIs(const xmlNode* parent, const std::string& entity_id, bool format_required,
                      absl::string_view what);
// IssueInstant not before `not_before - skew` nor after `now + skew`.
absl::Status InstantWithin(absl::Time instant, absl::Time not_before, absl::Time now,
                           absl::Duration skew, absl::string_view what);

}  // namespace sisl::gateway::spid::checks

#endif  // SISL_GATEWAY_SPID_SAML_CHECKS_H_
