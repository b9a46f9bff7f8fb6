#ifndef SISL_GATEWAY_SPID_XML_H_
#define SISL_GATEWAY_SPID_XML_H_

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sisl::gateway::spid {

inline constexpr char kNsSamlp[] = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr char kNsSaml[] = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr char kNsMd[] = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr char kNsDs[] = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr char kNsSpid[] = "https://spid.gov.it/saml-extensions";
inline constexpr char kNsCie[] = "https://www.cartaidentita.interno.gov.it/saml-extensions";

// Upper bound for any SAML document we parse (responses, requests, metadata files).
inline constexpr size_t kMaxXmlBytes = 1024 * 1024;

// Initialises libxml2 and xmlsec once per process (thread-safe): external entity loading is
// disabled for good, and the libraries' default error printing is silenced on the calling
// thread. Every public entry point of this library calls it; an error means xmlsec could not
// start (for example a libxmlsec1/OpenSSL mismatch) and is returned by every call after it.
absl::Status EnsureXmlInitialized();

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses XML received from outside: no network, no DTD loading, no entity substitution, and
// any DOCTYPE (internal or external subset) is refused.
absl::StatusOr<XmlDoc> ParseUntrustedXml(std::string_view xml, size_t max_bytes = kMaxXmlBytes);

bool IsElement(const xmlNode* node, const char* ns, const char* name);
// Direct element children with the given namespace and local name.
std::vector<xmlNode*> ChildElements(const xmlNode* parent, const char* ns, const char* name);
xmlNode* FirstChildElement(const xmlNode* parent, const char* ns, const char* name);
// Number of elements with this name in the whole subtree rooted at `root` (root included).
int CountElements(const xmlNode* root, const char* ns, const char* name);
// A namespace-less attribute, nullopt when absent.
std::optional<std::string> Attr(const xmlNode* node, const char* name);
// Concatenated text of the element's descendants (what exclusive c14n signs; comments are
// not part of it).
std::string TextContent(const xmlNode* node);
// TextContent without leading and trailing XML whitespace.
std::string TrimmedText(const xmlNode* node);

// The document as UTF-8 with an XML declaration.
std::string SerializeDocument(xmlDoc* doc);

// Escapes text for element content and double-quoted attribute values.
std::string XmlEscape(std::string_view text);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_XML_H_
