// RenderReceiptXml: written with libxml2's xmlTextWriter (which escapes text and attribute
// values), then parsed back and checked against the embedded xml/schemas/receipt.xsd.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/communications/receipt/receipt.h"
#include "services/platform/embedded.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {
namespace embedded_xsd {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_xsd

namespace {

struct BufferFree {
  void operator()(xmlBuffer* b) const { xmlBufferFree(b); }
};
struct WriterFree {
  void operator()(xmlTextWriter* w) const { xmlFreeTextWriter(w); }
};
struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct SchemaParserFree {
  void operator()(xmlSchemaParserCtxt* c) const { xmlSchemaFreeParserCtxt(c); }
};
struct ValidCtxtFree {
  void operator()(xmlSchemaValidCtxt* c) const { xmlSchemaFreeValidCtxt(c); }
};

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

absl::Status RenderError(absl::string_view what) {
  return platform::Error(absl::StatusCode::kInternal, "RECEIPT_RENDER_FAILED",
                         absl::StrCat("the XML receipt could not be written: ", what));
}

// The first problem libxml2 reports through a structured error handler.
void KeepFirst(void* sink, xmlErrorPtr error) {
  auto* first = static_cast<std::string*>(sink);
  if (first->empty() && error != nullptr && error->message != nullptr) *first = error->message;
}

// Compiled once; read-only afterwards (a compiled schema serves many validation contexts).
const xmlSchema* ReceiptSchema(std::string* problem) {
  static const std::pair<xmlSchema*, std::string>* compiled = [] {
    xmlInitParser();
    auto* out = new std::pair<xmlSchema*, std::string>(nullptr, "receipt.xsd is not in the binary");
    for (const platform::EmbeddedFile& f : embedded_xsd::Files()) {
      if (f.name != "receipt.xsd") continue;
      out->second.clear();
      std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> parser(
          xmlSchemaNewMemParserCtxt(f.content.data(), static_cast<int>(f.content.size())));
      if (parser == nullptr) {
        out->second = "out of memory";
        break;
      }
      xmlSchemaSetParserStructuredErrors(parser.get(), &KeepFirst, &out->second);
      out->first = xmlSchemaParse(parser.get());
      if (out->first == nullptr && out->second.empty()) out->second = "does not compile";
    }
    return out;
  }();
  *problem = compiled->second;
  return compiled->first;
}

absl::Status CheckAgainstSchema(const std::string& xml) {
  std::string problem;
  const xmlSchema* schema = ReceiptSchema(&problem);
  if (schema == nullptr) {
    return platform::Error(absl::StatusCode::kInternal, "XML_SCHEMA_UNAVAILABLE",
                           absl::StrCat("receipt.xsd: ", problem));
  }
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "receipt.xml", "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (doc == nullptr) return RenderError("the output does not parse (text not valid UTF-8?)");
  std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtFree> ctxt(
      xmlSchemaNewValidCtxt(const_cast<xmlSchema*>(schema)));
  if (ctxt == nullptr) return RenderError("out of memory");
  xmlSchemaSetValidStructuredErrors(ctxt.get(), &KeepFirst, &problem);
  if (xmlSchemaValidateDoc(ctxt.get(), doc.get()) != 0) {
    return platform::Error(absl::StatusCode::kInternal, "RECEIPT_SCHEMA_VIOLATION",
                           absl::StrCat("the XML receipt does not match receipt.xsd: ", problem));
  }
  return absl::OkStatus();
}

// Accumulates the writer's return codes: libxml2 returns -1 on failure.
class Writer final {
 public:
  explicit Writer(xmlTextWriter* w) : w_(w) {}
  void Start(const char* name) { Check(xmlTextWriterStartElement(w_, X(name))); }
  void End() { Check(xmlTextWriterEndElement(w_)); }
  void Attribute(const char* name, const std::string& value) {
    Check(xmlTextWriterWriteAttribute(w_, X(name), X(value.c_str())));
  }
  void Element(const char* name, const std::string& text) {
    Check(xmlTextWriterWriteElement(w_, X(name), X(text.c_str())));
  }
  void Optional(const char* name, const std::string& text) {
    if (!text.empty()) Element(name, text);
  }
  void Check(int rc) { ok_ = ok_ && rc >= 0; }
  bool ok() const { return ok_; }

 private:
  xmlTextWriter* w_;
  bool ok_ = true;
};

void WriteBody(const ReceiptData& d, Writer& w) {
  const Communication& c = d.communication;
  w.Start("Receipt");
  w.Attribute("xmlns", kReceiptNamespace);
  w.Attribute("version", "1");
  w.Element("Code", d.code);
  w.Element("ProtocolAt",
            absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", d.protocol_at, absl::UTCTimeZone()));
  w.Element("Form", std::string(FormCode(c.form)));
  w.Element("Nature", std::string(NatureCode(c.nature)));
  w.Element("Event", std::string(EventCode(c.event)));
  w.Optional("PreviousCode", d.previous_code);
  w.Optional("FiledFor", d.filed_for);
  w.Start("Employer");
  w.Attribute("fiscalCode", c.employer.fiscal_code);
  if (!c.employer.name.empty()) w.Attribute("name", c.employer.name);
  w.End();
  if (c.form == Form::kVardatori && c.employer_change.has_value()) {
    for (const std::string& fc : c.employer_change->worker_fiscal_codes) {
      w.Element("WorkerFiscalCode", fc);
    }
  } else {
    w.Optional("WorkerFiscalCode", c.worker.fiscal_code);
  }
  w.Element("EventDate", absl::FormatCivilTime(EventDate(c)));
  w.Element("DueDate", absl::FormatCivilTime(d.due));
  w.Element("DaysLate", absl::StrCat(d.days_late < 0 ? 0 : d.days_late));
  w.Start("Warnings");
  for (const Finding& f : d.warnings) {
    w.Start("Warning");
    w.Attribute("rule", f.rule);
    if (!f.field.empty()) w.Attribute("field", f.field);
    w.Element("MessageIt", f.message_it);
    w.Element("MessageEn", f.message_en);
    w.End();
  }
  w.End();
  w.End();
}

}  // namespace

absl::StatusOr<std::string> RenderReceiptXml(const ReceiptData& data) {
  std::unique_ptr<xmlBuffer, BufferFree> buffer(xmlBufferCreate());
  if (buffer == nullptr) return RenderError("out of memory");
  {
    std::unique_ptr<xmlTextWriter, WriterFree> writer(xmlNewTextWriterMemory(buffer.get(), 0));
    if (writer == nullptr) return RenderError("out of memory");
    xmlTextWriterSetIndent(writer.get(), 1);
    xmlTextWriterSetIndentString(writer.get(), X("  "));
    Writer w(writer.get());
    w.Check(xmlTextWriterStartDocument(writer.get(), "1.0", "UTF-8", nullptr));
    WriteBody(data, w);
    w.Check(xmlTextWriterEndDocument(writer.get()));
    if (!w.ok()) return RenderError("libxml2's writer failed");
  }  // freeing the writer flushes it into the buffer
  std::string xml(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                  static_cast<size_t>(xmlBufferLength(buffer.get())));
  RETURN_IF_ERROR(CheckAgainstSchema(xml));
  return xml;
}

}  // namespace sisl::communications
