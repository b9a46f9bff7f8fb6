#ifndef SISL_GATEWAY_SPID_XML_SIGNATURE_H_
#define SISL_GATEWAY_SPID_XML_SIGNATURE_H_

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/spid/crypto.h"

namespace sisl::gateway::spid {

// Registers the `ID` attribute of `element` (and of no other element) as an XML ID so that
// "#id" references resolve to it. Fails when the ID is missing, empty, not an NCName, or
// already taken by another node (xml:id included). Returns the ID.
absl::StatusOr<std::string> RegisterId(xmlDoc* doc, xmlNode* element);

// The <ds:Signature> direct children of `element`.
std::vector<xmlNode*> SignatureChildren(const xmlNode* element);

// Adds an enveloped signature of `element` (RSA-SHA256, exclusive c14n, SHA-256 digest, the
// certificate in KeyInfo), right after its <saml:Issuer> child or as its first child when it
// has none (metadata).
absl::Status SignElement(xmlDoc* doc, xmlNode* element, const Credentials& credentials);

// Parses XML this process generated, signs (in order) the elements whose ID attribute is in
// `ids` — inner elements first, so an outer signature covers the inner one — and serializes.
absl::StatusOr<std::string> SignElementsById(std::string_view xml,
                                             const std::vector<std::string>& ids,
                                             const Credentials& credentials);

// Verifies the enveloped signature of `element` against `keys` only (KeyInfo in the message is
// ignored). Rejects anything but: exactly one <ds:Signature> child, one <ds:Reference> whose
// URI is "#" + the element's ID, transforms enveloped-signature and exclusive c14n only,
// RSA-SHA256/384/512 and SHA-256/384/512. OK when one of the keys verifies.
absl::Status VerifyElementSignature(xmlDoc* doc, xmlNode* element,
                                    const std::vector<PublicKey>& keys);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_XML_SIGNATURE_H_
