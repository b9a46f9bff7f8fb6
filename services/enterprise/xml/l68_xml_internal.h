#ifndef SISL_ENTERPRISE_XML_L68_XML_INTERNAL_H_
#define SISL_ENTERPRISE_XML_L68_XML_INTERNAL_H_

// Shared by the xml/*.cc files only: libxml2 ownership, the compiled schema and error capture.

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/enterprise/xml/l68_xml.h"

namespace sisl::enterprise::xml::internal {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// The problems libxml2 reports through a structured error handler, at most `limit` of them.
class ProblemSink final {
 public:
  explicit ProblemSink(size_t limit = 20) : limit_(limit) {}
  static void Handler(void* sink, xmlErrorPtr error);  // an xmlStructuredErrorFunc
  void Add(int line, int column, std::string message);

  const std::vector<L68XmlProblem>& problems() const { return problems_; }
  bool empty() const { return problems_.empty(); }
  void Clear() { problems_.clear(); }

 private:
  size_t limit_;
  std::vector<L68XmlProblem> problems_;
};

// The compiled XSD (parsed once from the copy embedded in the binary); INTERNAL
// (XML_SCHEMA_UNAVAILABLE) if it does not compile.
absl::StatusOr<xmlSchema*> Schema();

// Validates `doc` against the XSD; the problems go to `sink`. True when valid.
bool ValidateDoc(xmlDoc* doc, ProblemSink& sink);

// INVALID_ARGUMENT XML_INVALID: `what`, then each problem as a field violation on "xml"
// ("line 12, column 7: ..."); metadata line/column of the first.
absl::Status XmlInvalid(absl::string_view what, const std::vector<L68XmlProblem>& problems);

// Parser options: no network, no entity substitution, no DTD loading or defaulted attributes.
inline constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOWARNING;

// Element names.
inline const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
bool IsUnipi(const xmlNode* node, const char* local_name);

}  // namespace sisl::enterprise::xml::internal

#endif  // SISL_ENTERPRISE_XML_L68_XML_INTERNAL_H_
