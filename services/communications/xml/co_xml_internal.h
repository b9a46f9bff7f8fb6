#ifndef SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_INTERNAL_H_
#define SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_INTERNAL_H_

// Shared by the xml/*.cc files only: libxml2 ownership, the compiled schemas, error capture,
// and the record <-> domain mapping.

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications::xml::internal {

// ----- Ownership of libxml2 objects -----
struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;
struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};
using ReaderPtr = std::unique_ptr<xmlTextReader, ReaderFree>;
struct ValidCtxtFree {
  void operator()(xmlSchemaValidCtxt* c) const { xmlSchemaFreeValidCtxt(c); }
};
using ValidCtxtPtr = std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtFree>;
struct ParserCtxtFree {
  void operator()(xmlSchemaParserCtxt* c) const { xmlSchemaFreeParserCtxt(c); }
};
using SchemaParserPtr = std::unique_ptr<xmlSchemaParserCtxt, ParserCtxtFree>;
struct BufferFree {
  void operator()(xmlBuffer* b) const { xmlBufferFree(b); }
};
using BufferPtr = std::unique_ptr<xmlBuffer, BufferFree>;
struct XmlCharFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharFree>;

// Parser options: no network, no entity substitution (no XML_PARSE_NOENT), no DTD loading or
// defaulted attributes (no XML_PARSE_DTDLOAD/DTDATTR), no XInclude; line numbers past 65535
// kept where libxml2 can.
inline constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

inline const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
inline const char* C(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// ----- Problems -----
struct Problem {
  int line = 0;
  int column = 0;
  std::string message;
};

// The problems libxml2 reports through a structured error handler, at most `limit` of them.
class ProblemSink final {
 public:
  explicit ProblemSink(size_t limit = 20) : limit_(limit) {}
  static void Handler(void* sink, xmlErrorPtr error);  // an xmlStructuredErrorFunc
  void Add(int line, int column, std::string message);

  const std::vector<Problem>& problems() const { return problems_; }
  bool empty() const { return problems_.empty(); }

 private:
  size_t limit_;
  std::vector<Problem> problems_;
};

// INVALID_ARGUMENT with `reason`: `what` plus the first problem in the message, each problem
// as a field violation on "xml" ("line 12, column 0: ..."), metadata line/column of the first
// and `record` when it is not 0.
absl::Status XmlError(absl::string_view reason, absl::string_view what,
                      const std::vector<Problem>& problems, int64_t record = 0);

// ----- Forms and schemas -----
std::optional<Form> FormOfRoot(const xmlNode* node);  // by namespace and local name
bool InNamespace(const xmlNode* node, absl::string_view ns, const char* local_name);

// The compiled XSD of a form (parsed once from the embedded copy, shared read-only by every
// thread); INTERNAL XML_SCHEMA_UNAVAILABLE if it does not compile. Also initialises libxml2.
absl::StatusOr<xmlSchema*> FormSchema(Form form);

// The envelope's XSD (batch.xsd), compiled with the forms'.
absl::StatusOr<xmlSchema*> BatchSchema();

// Validates `doc` against `schema` with a validation context of its own; problems go to
// `sink`. True when valid.
bool ValidateWith(absl::StatusOr<xmlSchema*> schema, xmlDoc* doc, ProblemSink& sink);

// Validates `doc` (its root a form's element) against the form's XSD with a validation
// context of its own; problems go to `sink`. True when valid.
bool ValidateDoc(xmlDoc* doc, Form form, ProblemSink& sink);

// ----- Mapping -----
// The record's document (root element in the form's namespace), validated: the writers' core.
absl::StatusOr<DocPtr> BuildRecord(const Communication& c, bool validate = true);

// The record under `root` (already valid against its form's XSD) into the domain;
// XML_RECORD_INVALID when event and parts disagree or a code has no domain value; problems
// are at the elements' lines plus `line_offset`.
absl::StatusOr<Communication> ReadRecord(const xmlNode* root, Form form, int64_t record,
                                         int line_offset = 0);

}  // namespace sisl::communications::xml::internal

#endif  // SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_INTERNAL_H_
