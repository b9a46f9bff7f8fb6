#ifndef SISL_GATEWAY_SPID_ASSERTION_VALIDATOR_H_
#define SISL_GATEWAY_SPID_ASSERTION_VALIDATOR_H_

#include <libxml/tree.h>

#include "absl/status/statusor.h"
#include "gateway/spid/idp_registry.h"
#include "gateway/spid/response_validator.h"

namespace sisl::gateway::spid {

// Every SPID check on the one <saml:Assertion> of a Response (internal to SamlResponse):
// its signature with the IdP's metadata keys, Version, ID, IssueInstant, Issuer, Subject
// (transient NameID with NameQualifier, bearer confirmation for this request and ACS),
// Conditions (window, Audience), AuthnStatement (level) and attributes.
absl::StatusOr<Assertion> ValidateAssertion(xmlDoc* doc, xmlNode* assertion,
                                            const ResponseExpectations& expect,
                                            const IdpMetadata& idp);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_ASSERTION_VALIDATOR_H_
