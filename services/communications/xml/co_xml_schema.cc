// The XSDs compiled into the binary, validation, how libxml2's errors become problems, and the
// codes of forms and events.

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/communications/xml/co_xml.h"
#include "services/communications/xml/co_xml_internal.h"
#include "services/platform/embedded.h"
#include "services/platform/errors.h"

namespace sisl::communications {
namespace embedded_xsd {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_xsd

namespace xml {
namespace {

struct FormInfo {
  Form form;
  const char* root;
  const char* ns;
  const char* version;
  const char* xsd;
};

constexpr std::array<FormInfo, 4> kForms = {{
    {Form::kUnilav, "UNILAV", kUnilavNamespace, "CO190701R1", "unilav.xsd"},
    {Form::kUnisomm, "UNISOMM", kUnisommNamespace, "CO190701R1", "unisomm.xsd"},
    {Form::kUniurg, "UNIURG", kUniurgNamespace, "CO130131", "uniurg.xsd"},
    {Form::kVardatori, "VARDATORI", kVardatoriNamespace, "CO190701R1", "vardatori.xsd"},
}};

constexpr std::array<std::pair<EventKind, absl::string_view>, 10> kEvents = {{
    {EventKind::kHire, "AVV"},
    {EventKind::kExtension, "PRO"},
    {EventKind::kTransformation, "TRF"},
    {EventKind::kTransfer, "TRS"},
    {EventKind::kSecondment, "DIS"},
    {EventKind::kTermination, "CES"},
    {EventKind::kMissionStart, "MIN"},
    {EventKind::kMissionExtension, "MPR"},
    {EventKind::kMissionTermination, "MCE"},
    {EventKind::kEmployerChange, "VAR"},
}};

const FormInfo& Info(Form form) {
  for (const FormInfo& f : kForms) {
    if (f.form == form) return f;
  }
  return kForms[0];
}

struct Compiled {
  xmlSchema* schema = nullptr;  // never freed: lives as long as the process
  std::string problem;
};

Compiled Compile(const char* file) {
  Compiled c;
  const std::string* text = nullptr;
  for (const platform::EmbeddedFile& f : embedded_xsd::Files()) {
    if (f.name == file) text = &f.content;
  }
  if (text == nullptr) {
    c.problem = absl::StrCat(file, " is not in the binary");
    return c;
  }
  internal::ProblemSink sink;
  internal::SchemaParserPtr parser(
      xmlSchemaNewMemParserCtxt(text->data(), static_cast<int>(text->size())));
  if (parser != nullptr) {
    xmlSchemaSetParserStructuredErrors(parser.get(), &internal::ProblemSink::Handler, &sink);
    c.schema = xmlSchemaParse(parser.get());
  }
  if (c.schema == nullptr) {
    c.problem = absl::StrCat(file, ": ",
                             sink.empty() ? "does not compile" : sink.problems().front().message);
  }
  return c;
}

// Compiled once, on first use, under the function-local static's lock; read-only afterwards
// (libxml2 allows one compiled xmlSchema to serve validation contexts in many threads).
// Index 4 is the envelope's (batch.xsd).
const std::array<Compiled, 5>& Schemas() {
  static const std::array<Compiled, 5>* schemas = [] {
    xmlInitParser();
    auto* out = new std::array<Compiled, 5>;
    for (size_t i = 0; i < kForms.size(); ++i) (*out)[i] = Compile(kForms[i].xsd);
    (*out)[4] = Compile("batch.xsd");
    return out;
  }();
  return *schemas;
}

absl::StatusOr<xmlSchema*> Available(const Compiled& c) {
  if (c.schema == nullptr) {
    return platform::Error(absl::StatusCode::kInternal, "XML_SCHEMA_UNAVAILABLE",
                           absl::StrCat("an embedded XSD does not compile: ", c.problem));
  }
  return c.schema;
}

}  // namespace

absl::string_view FormRootElement(Form form) { return Info(form).root; }
absl::string_view FormNamespace(Form form) { return Info(form).ns; }
absl::string_view FormVersion(Form form) { return Info(form).version; }

absl::string_view EventXmlCode(EventKind event) {
  for (const auto& [e, code] : kEvents) {
    if (e == event) return code;
  }
  return "";
}

std::optional<EventKind> EventFromXmlCode(absl::string_view code) {
  for (const auto& [e, text] : kEvents) {
    if (text == code) return e;
  }
  return std::nullopt;
}

namespace internal {

void ProblemSink::Handler(void* sink, xmlErrorPtr error) {
  // Warnings (e.g. a namespace name that is not an absolute URI) do not make a document fail.
  if (sink == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  std::string message = error->message != nullptr ? error->message : "XML error";
  // Names read better without the namespace in braces.
  for (const FormInfo& f : kForms) {
    absl::StrReplaceAll({{absl::StrCat("{", f.ns, "}"), ""}}, &message);
  }
  static_cast<ProblemSink*>(sink)->Add(error->line, error->int2,
                                       std::string(absl::StripAsciiWhitespace(message)));
}

void ProblemSink::Add(int line, int column, std::string message) {
  if (problems_.size() < limit_) problems_.push_back({line, column, std::move(message)});
}

absl::Status XmlError(absl::string_view reason, absl::string_view what,
                      const std::vector<Problem>& problems, int64_t record) {
  std::vector<platform::FieldViolation> violations;
  // Problems of a tree built in memory (the writers') have no line.
  auto where = [](const Problem& p) {
    return p.line > 0 ? absl::StrCat("line ", p.line, ", column ", p.column, ": ") : "";
  };
  for (const Problem& p : problems) {
    violations.push_back({"xml", absl::StrCat(where(p), p.message)});
  }
  std::map<std::string, std::string> metadata;
  std::string message(what);
  if (record != 0) metadata["record"] = absl::StrCat(record);
  if (!problems.empty()) {
    const Problem& first = problems.front();
    if (first.line > 0) {
      metadata["line"] = absl::StrCat(first.line);
      metadata["column"] = absl::StrCat(first.column);
    }
    absl::StrAppend(&message, " (", where(first), first.message, ")");
  }
  return platform::Error(absl::StatusCode::kInvalidArgument, reason, message, metadata, violations);
}

bool InNamespace(const xmlNode* node, absl::string_view ns, const char* local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         node->ns->href != nullptr && C(node->ns->href) == ns &&
         xmlStrEqual(node->name, X(local_name));
}

std::optional<Form> FormOfRoot(const xmlNode* node) {
  for (const FormInfo& f : kForms) {
    if (InNamespace(node, f.ns, f.root)) return f.form;
  }
  return std::nullopt;
}

absl::StatusOr<xmlSchema*> FormSchema(Form form) {
  for (size_t i = 0; i < kForms.size(); ++i) {
    if (kForms[i].form == form) return Available(Schemas()[i]);
  }
  return platform::Error(absl::StatusCode::kInternal, "XML_SCHEMA_UNAVAILABLE", "unknown form");
}

absl::StatusOr<xmlSchema*> BatchSchema() { return Available(Schemas()[4]); }

bool ValidateDoc(xmlDoc* doc, Form form, ProblemSink& sink) {
  return ValidateWith(FormSchema(form), doc, sink);
}

bool ValidateWith(absl::StatusOr<xmlSchema*> schema, xmlDoc* doc, ProblemSink& sink) {
  if (!schema.ok()) {
    sink.Add(0, 0, std::string(schema.status().message()));
    return false;
  }
  // A validation context per call: the compiled schema is shared, contexts are not.
  ValidCtxtPtr ctxt(xmlSchemaNewValidCtxt(*schema));
  if (ctxt == nullptr) {
    sink.Add(0, 0, "out of memory");
    return false;
  }
  xmlSchemaSetValidStructuredErrors(ctxt.get(), &ProblemSink::Handler, &sink);
  const int rc = xmlSchemaValidateDoc(ctxt.get(), doc);
  if (rc != 0 && sink.empty()) sink.Add(0, 0, "the document does not match the schema");
  return rc == 0;
}

}  // namespace internal
}  // namespace xml
}  // namespace sisl::communications
