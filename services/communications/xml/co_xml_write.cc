// WriteCommunicationXml and BatchXmlWriter: the record's tree (co_xml_build.cc), serialised by
// libxml2 (which escapes text and attribute values), pretty-printed, UTF-8.

#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/communications/xml/co_xml.h"
#include "services/communications/xml/co_xml_internal.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::xml {
namespace {

struct OutputFree {
  void operator()(xmlOutputBuffer* o) const { xmlOutputBufferClose(o); }
};

absl::Status OutOfMemory() {
  return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY",
                         "the XML could not be serialised");
}

// The record's element as a child of the envelope: indented one level, no declaration.
absl::StatusOr<std::string> DumpRecordElement(xmlDoc* doc) {
  std::unique_ptr<xmlOutputBuffer, OutputFree> out(xmlAllocOutputBuffer(nullptr));
  if (out == nullptr) return OutOfMemory();
  xmlNodeDumpOutput(out.get(), doc, xmlDocGetRootElement(doc), 1, 1, "UTF-8");
  xmlOutputBufferFlush(out.get());
  const xmlChar* content = xmlOutputBufferGetContent(out.get());
  if (content == nullptr || out->error != 0) return OutOfMemory();
  return absl::StrCat(
      "  ", absl::string_view(internal::C(content), xmlOutputBufferGetSize(out.get())), "\n");
}

constexpr char kDeclaration[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

absl::StatusOr<std::string> WriteCommunicationXml(const Communication& c, bool validate) {
  ASSIGN_OR_RETURN(internal::DocPtr doc, internal::BuildRecord(c, validate));
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc.get(), &out, &size, "UTF-8", 1);
  if (out == nullptr) return OutOfMemory();
  internal::XmlCharPtr owner(out);
  return std::string(internal::C(out), static_cast<size_t>(size));
}

BatchXmlWriter::BatchXmlWriter(Sink sink) : sink_(std::move(sink)) {}

BatchXmlWriter::~BatchXmlWriter() = default;

void BatchXmlWriter::Start() {
  if (started_) return;
  started_ = true;
  sink_(absl::StrCat(kDeclaration, "<Comunicazioni xmlns=\"", kBatchNamespace,
                     "\" versione=\"1\">\n"));
}

absl::Status BatchXmlWriter::Add(const Communication& c) { return Write(c, /*validate=*/true); }

absl::Status BatchXmlWriter::AddUnchecked(const Communication& c) {
  return Write(c, /*validate=*/false);
}

absl::Status BatchXmlWriter::Write(const Communication& c, bool validate) {
  if (finished_) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "XML_BATCH_FINISHED",
                           "the batch is already closed");
  }
  ASSIGN_OR_RETURN(internal::DocPtr doc, internal::BuildRecord(c, validate));
  ASSIGN_OR_RETURN(std::string text, DumpRecordElement(doc.get()));
  Start();
  sink_(text);
  ++count_;
  return absl::OkStatus();
}

absl::Status BatchXmlWriter::Finish() {
  if (finished_) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "XML_BATCH_FINISHED",
                           "the batch is already closed");
  }
  Start();
  finished_ = true;
  sink_("</Comunicazioni>\n");
  return absl::OkStatus();
}

}  // namespace sisl::communications::xml
