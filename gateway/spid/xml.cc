#include "gateway/spid/xml.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

#include <cstring>
#include <mutex>

#include "absl/status/status.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

xmlParserInputPtr NoExternalEntities(const char* /*url*/, const char* /*id*/,
                                     xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

void SilentGenericError(void* /*ctx*/, const char* /*msg*/, ...) {}
void SilentStructuredError(void* /*ctx*/, xmlErrorPtr /*error*/) {}
void SilentXmlsecError(const char* /*file*/, int /*line*/, const char* /*func*/,
                       const char* /*object*/, const char* /*subject*/, int /*reason*/,
                       const char* /*msg*/) {}

absl::Status& InitStatus() {
  static absl::Status* status = new absl::Status();
  return *status;
}

absl::Status InitOnce() {
  xmlInitParser();
  xmlSetExternalEntityLoader(NoExternalEntities);
  xmlSecErrorsSetCallback(SilentXmlsecError);
  if (xmlSecInit() < 0) return absl::InternalError("xmlsec initialisation failed");
  if (xmlSecCheckVersion() != 1) return absl::InternalError("xmlsec library version mismatch");
  if (xmlSecCryptoAppInit(nullptr) < 0) {
    return absl::InternalError("xmlsec crypto application initialisation failed");
  }
  if (xmlSecCryptoInit() < 0) return absl::InternalError("xmlsec crypto initialisation failed");
  return absl::OkStatus();
}

void CountInto(const xmlNode* node, const char* ns, const char* name, int& count) {
  for (const xmlNode* cur = node; cur != nullptr; cur = cur->next) {
    if (cur->type != XML_ELEMENT_NODE) continue;
    if (IsElement(cur, ns, name)) ++count;
    CountInto(cur->children, ns, name, count);
  }
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

absl::Status EnsureXmlInitialized() {
  static std::once_flag once;
  std::call_once(once, [] { InitStatus() = InitOnce(); });
  // libxml2 keeps its error handlers per thread.
  thread_local bool quiet = false;
  if (!quiet) {
    xmlSetGenericErrorFunc(nullptr, SilentGenericError);
    xmlSetStructuredErrorFunc(nullptr, SilentStructuredError);
    quiet = true;
  }
  return InitStatus();
}

absl::StatusOr<XmlDoc> ParseUntrustedXml(std::string_view xml, size_t max_bytes) {
  RETURN_IF_ERROR(EnsureXmlInitialized());
  if (xml.empty()) return absl::InvalidArgumentError("empty XML document");
  if (xml.size() > max_bytes) return absl::InvalidArgumentError("XML document too large");
  if (xml.find("<!DOCTYPE") != std::string_view::npos ||
      xml.find("<!ENTITY") != std::string_view::npos) {
    return absl::InvalidArgumentError("XML document with a DOCTYPE or entity declaration");
  }
  // No XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_XINCLUDE or
  // XML_PARSE_HUGE: entities stay unexpanded and the default size limits apply.
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDoc doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kOptions));
  if (doc == nullptr) return absl::InvalidArgumentError("malformed XML document");
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    return absl::InvalidArgumentError("XML document with a DOCTYPE");
  }
  for (const xmlNode* cur = doc->children; cur != nullptr; cur = cur->next) {
    if (cur->type == XML_DTD_NODE || cur->type == XML_ENTITY_DECL) {
      return absl::InvalidArgumentError("XML document with a DOCTYPE");
    }
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    return absl::InvalidArgumentError("XML document without a root element");
  }
  return doc;
}

bool IsElement(const xmlNode* node, const char* ns, const char* name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return false;
  if (std::strcmp(reinterpret_cast<const char*>(node->name), name) != 0) return false;
  if (node->ns == nullptr || node->ns->href == nullptr) return ns == nullptr;
  return ns != nullptr && std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0;
}

std::vector<xmlNode*> ChildElements(const xmlNode* parent, const char* ns, const char* name) {
  std::vector<xmlNode*> out;
  if (parent == nullptr) return out;
  for (xmlNode* cur = parent->children; cur != nullptr; cur = cur->next) {
    if (IsElement(cur, ns, name)) out.push_back(cur);
  }
  return out;
}

xmlNode* FirstChildElement(const xmlNode* parent, const char* ns, const char* name) {
  if (parent == nullptr) return nullptr;
  for (xmlNode* cur = parent->children; cur != nullptr; cur = cur->next) {
    if (IsElement(cur, ns, name)) return cur;
  }
  return nullptr;
}

int CountElements(const xmlNode* root, const char* ns, const char* name) {
  if (root == nullptr) return 0;
  int count = IsElement(root, ns, name) ? 1 : 0;
  CountInto(root->children, ns, name, count);
  return count;
}

std::optional<std::string> Attr(const xmlNode* node, const char* name) {
  if (node == nullptr) return std::nullopt;
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string TextContent(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

std::string TrimmedText(const xmlNode* node) {
  std::string text = TextContent(node);
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsXmlSpace(text[begin])) ++begin;
  while (end > begin && IsXmlSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::string SerializeDocument(xmlDoc* doc) {
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &buffer, &size, "UTF-8");
  if (buffer == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(buffer), static_cast<size_t>(size));
  xmlFree(buffer);
  return out;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // C0 controls other than tab, LF and CR are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

}  // namespace sisl::gateway::spid
