// The XSD compiled into the binary, validation, and how libxml2's errors become problems.

#include <libxml/parser.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/enterprise/xml/l68_xml_internal.h"
#include "services/platform/embedded.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace embedded_xml {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_xml

namespace xml::internal {
namespace {

constexpr char kSchemaFile[] = "l68_return.xsd";

struct Compiled {
  xmlSchema* schema = nullptr;
  std::vector<L68XmlProblem> problems;
};

const Compiled& CompiledSchema() {
  static const Compiled* compiled = [] {
    xmlInitParser();
    auto* c = new Compiled;
    const std::string* text = nullptr;
    for (const platform::EmbeddedFile& f : embedded_xml::Files()) {
      if (f.name == kSchemaFile) text = &f.content;
    }
    if (text == nullptr) {
      c->problems.push_back({0, 0, "the XSD is not in the binary"});
      return c;
    }
    ProblemSink sink;
    xmlSchemaParserCtxt* parser =
        xmlSchemaNewMemParserCtxt(text->data(), static_cast<int>(text->size()));
    if (parser != nullptr) {
      xmlSchemaSetParserStructuredErrors(parser, &ProblemSink::Handler, &sink);
      c->schema = xmlSchemaParse(parser);
      xmlSchemaFreeParserCtxt(parser);
    }
    c->problems = sink.problems();
    return c;
  }();
  return *compiled;
}

}  // namespace

void ProblemSink::Handler(void* sink, xmlErrorPtr error) {
  if (sink == nullptr || error == nullptr) return;
  std::string message = error->message != nullptr ? error->message : "XML error";
  // Names read better without the namespace in braces.
  absl::StrReplaceAll({{absl::StrCat("{", kUnipiNamespace, "}"), ""}}, &message);
  static_cast<ProblemSink*>(sink)->Add(error->line, error->int2,
                                       std::string(absl::StripAsciiWhitespace(message)));
}

void ProblemSink::Add(int line, int column, std::string message) {
  if (problems_.size() < limit_) problems_.push_back({line, column, std::move(message)});
}

absl::StatusOr<xmlSchema*> Schema() {
  const Compiled& c = CompiledSchema();
  if (c.schema == nullptr) {
    return platform::Error(absl::StatusCode::kInternal, "XML_SCHEMA_UNAVAILABLE",
                           absl::StrCat("the L.68 XSD does not compile: ",
                                        c.problems.empty() ? "" : c.problems.front().message));
  }
  return c.schema;
}

bool ValidateDoc(xmlDoc* doc, ProblemSink& sink) {
  absl::StatusOr<xmlSchema*> schema = Schema();
  if (!schema.ok()) {
    sink.Add(0, 0, std::string(schema.status().message()));
    return false;
  }
  // A validation context per call: the compiled schema is shared, contexts are not.
  xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(*schema);
  if (ctxt == nullptr) {
    sink.Add(0, 0, "out of memory");
    return false;
  }
  xmlSchemaSetValidStructuredErrors(ctxt, &ProblemSink::Handler, &sink);
  const int rc = xmlSchemaValidateDoc(ctxt, doc);
  xmlSchemaFreeValidCtxt(ctxt);
  if (rc != 0 && sink.empty()) sink.Add(0, 0, "the document does not match the schema");
  return rc == 0;
}

absl::Status XmlInvalid(absl::string_view what, const std::vector<L68XmlProblem>& problems) {
  std::vector<platform::FieldViolation> violations;
  for (const L68XmlProblem& p : problems) {
    violations.push_back(
        {"xml", absl::StrCat("line ", p.line, ", column ", p.column, ": ", p.message)});
  }
  std::map<std::string, std::string> metadata;
  std::string message(what);
  if (!problems.empty()) {
    metadata = {{"line", absl::StrCat(problems.front().line)},
                {"column", absl::StrCat(problems.front().column)}};
    absl::StrAppend(&message, " (line ", problems.front().line, ", column ",
                    problems.front().column, ": ", problems.front().message, ")");
  }
  return platform::Error(absl::StatusCode::kInvalidArgument, "XML_INVALID", message, metadata,
                         violations);
}

bool IsUnipi(const xmlNode* node, const char* local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         xmlStrEqual(node->ns->href, X(kUnipiNamespace)) && xmlStrEqual(node->name, X(local_name));
}

}  // namespace xml::internal

namespace xml {

absl::Status ValidateL68Xml(absl::string_view text) {
  RETURN_IF_ERROR(internal::Schema().status());  // also initialises libxml2
  internal::ProblemSink sink;
  xmlParserCtxt* ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY", "no memory");
  }
  xmlSetStructuredErrorFunc(&sink, &internal::ProblemSink::Handler);
  internal::DocPtr doc(xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()),
                                         "l68.xml", nullptr, internal::kParseOptions));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlFreeParserCtxt(ctxt);
  if (doc == nullptr)
    return internal::XmlInvalid("the XML document is not well-formed", sink.problems());
  if (doc->intSubset != nullptr) {
    return internal::XmlInvalid("a DOCTYPE is not allowed", {{1, 1, "DOCTYPE"}});
  }
  if (!internal::ValidateDoc(doc.get(), sink)) {
    return internal::XmlInvalid("the XML does not match the L.68 return schema", sink.problems());
  }
  return absl::OkStatus();
}

}  // namespace xml
}  // namespace sisl::enterprise
