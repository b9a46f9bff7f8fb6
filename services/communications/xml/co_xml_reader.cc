// CommunicationXmlReader: a streaming reader (xmlTextReader) over a file or a buffer. Each
// record is expanded alone, copied into a small document of its own, checked against its
// form's XSD and read; then xmlTextReaderNext moves past it and the reader frees its nodes, so
// a file of 100,000 records is never one tree and memory stays flat.
//
// Why validate the copied subtree and not xmlTextReaderSchemaValidate: the streaming validator
// takes one schema for the whole stream, so the envelope and the four forms would need one
// schema importing the others (imports cannot be resolved from the embedded copies without
// replacing libxml2's process-wide entity loader), and its errors would have to be attributed
// to records afterwards. The subtree of one record is small (limited by max_record_nodes), it
// is validated by its own form's schema with its own validation context, and its problems and
// line numbers belong to that record alone: a bad record never disturbs the next one.

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/communications/xml/co_xml.h"
#include "services/communications/xml/co_xml_internal.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::xml {
namespace {

using internal::Problem;
using internal::ProblemSink;
using internal::XmlError;

// A local file read through our own callbacks: no URL schemes, and the byte limit is enforced
// while streaming (also for pipes and growing files).
struct FileInput {
  FILE* file = nullptr;
  int64_t bytes = 0;
  int64_t max_bytes = 0;
  bool too_large = false;

  static int Read(void* context, char* buffer, int len) {
    auto* in = static_cast<FileInput*>(context);
    if (in->file == nullptr || len < 0) return -1;
    const size_t n = std::fread(buffer, 1, static_cast<size_t>(len), in->file);
    in->bytes += static_cast<int64_t>(n);
    if (in->bytes > in->max_bytes) {
      in->too_large = true;
      return -1;
    }
    if (n == 0 && std::ferror(in->file)) return -1;
    return static_cast<int>(n);
  }
  static int Close(void* context) {
    auto* in = static_cast<FileInput*>(context);
    if (in->file != nullptr) std::fclose(in->file);
    in->file = nullptr;
    return 0;
  }
};

absl::Status TooLarge(absl::string_view what, int64_t limit) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "XML_TOO_LARGE",
                         absl::StrCat(what, " (limit ", limit, ")"),
                         {{"limit", absl::StrCat(limit)}});
}

// The nodes of a record's tree (stops counting past `limit`); false when it holds an entity
// reference (never expected: a DOCTYPE is refused before the first record).
bool CountNodes(const xmlNode* root, int limit, int& count) {
  count = 0;
  const xmlNode* n = root;
  while (n != nullptr) {
    if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE) return false;
    if (++count > limit) return true;
    if (n->children != nullptr && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
    if (n == nullptr || n == root) break;
    n = n->next;
  }
  return true;
}

// The line where an element's start tag ends, also past line 65535: libxml2 keeps 65535 in
// the element then and, with XML_PARSE_BIG_LINES, the real line in the psvi of text nodes (the
// line where the text ends). The text right after a start tag (its first child, or for an
// empty element the next sibling) starts where the tag ends.
long TrueLine(const xmlNode* n) {
  for (int depth = 0; n != nullptr && depth < 64; ++depth) {
    if (n->line != 65535) return n->line;
    if (n->type == XML_TEXT_NODE) {
      if (n->psvi == nullptr) break;
      long line = static_cast<long>(reinterpret_cast<ptrdiff_t>(n->psvi));
      for (const xmlChar* c = n->content; c != nullptr && *c != 0; ++c) line -= *c == '\n';
      return line;
    }
    n = n->children != nullptr ? n->children : n->next;
  }
  return 65535;
}

// Gives the copy's elements their lines relative to the record's first (`base`), so that the
// 16-bit lines of the small document stay exact in any file; problems add base - 1 back.
void RelativeLines(const xmlNode* original, xmlNode* copy, long base) {
  for (; original != nullptr && copy != nullptr; original = original->next, copy = copy->next) {
    if (original->type != XML_ELEMENT_NODE) continue;
    const long line = TrueLine(original) - base + 1;
    copy->line = static_cast<unsigned short>(line < 1 ? 1 : line > 65534 ? 65534 : line);
    RelativeLines(original->children, copy->children, base);
  }
}

// Checks and reads the expanded record through a document of its own.
absl::StatusOr<Communication> ReadOne(const xmlNode* expanded, Form form, int64_t index, int line,
                                      bool validate) {
  internal::DocPtr small(xmlNewDoc(internal::X("1.0")));
  xmlNode* copy =
      small != nullptr ? xmlDocCopyNode(const_cast<xmlNode*>(expanded), small.get(), 1) : nullptr;
  if (copy == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY", "no memory");
  }
  xmlDocSetRootElement(small.get(), copy);
  copy->line = 1;
  RelativeLines(expanded->children, copy->children, line);
  ProblemSink sink;
  if (validate && !internal::ValidateDoc(small.get(), form, sink)) {
    std::vector<Problem> problems = sink.problems();
    for (Problem& p : problems) {
      if (p.line > 0) p.line += line - 1;
    }
    return XmlError(
        "XML_SCHEMA_VIOLATION",
        absl::StrCat("record ", index, " does not match the ", FormRootElement(form), " schema"),
        problems, index);
  }
  return internal::ReadRecord(copy, form, index, line - 1);
}

}  // namespace

struct CommunicationXmlReader::State {
  // Declared before `reader`, which reads from them and so is destroyed first.
  std::string buffer;
  FileInput file;
  ProblemSink errors;
  internal::ReaderPtr reader;
  bool envelope = false;
  int pending = -2;  // the result of the last xmlTextReaderNext; -2: call xmlTextReaderRead
};

CommunicationXmlReader::CommunicationXmlReader(std::unique_ptr<State> state,
                                               const XmlReaderLimits& limits)
    : state_(std::move(state)), limits_(limits) {}

CommunicationXmlReader::~CommunicationXmlReader() = default;

absl::StatusOr<std::unique_ptr<CommunicationXmlReader>> CommunicationXmlReader::FromFile(
    const std::string& path, const XmlReaderLimits& limits) {
  RETURN_IF_ERROR(internal::FormSchema(Form::kUnilav).status());  // initialises libxml2
  auto state = std::make_unique<State>();
  state->file.file = std::fopen(path.c_str(), "rb");
  if (state->file.file == nullptr) {
    return platform::Error(absl::StatusCode::kNotFound, "XML_FILE_UNREADABLE",
                           absl::StrCat("cannot open ", path));
  }
  state->file.max_bytes = limits.max_bytes;
  state->reader.reset(xmlReaderForIO(&FileInput::Read, &FileInput::Close, &state->file,
                                     path.c_str(), nullptr, internal::kParseOptions));
  if (state->reader == nullptr) {  // libxml2 has called Close
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY",
                           "the XML reader could not start");
  }
  xmlTextReaderSetStructuredErrorHandler(state->reader.get(), &ProblemSink::Handler,
                                         &state->errors);
  return std::unique_ptr<CommunicationXmlReader>(
      new CommunicationXmlReader(std::move(state), limits));
}

absl::StatusOr<std::unique_ptr<CommunicationXmlReader>> CommunicationXmlReader::FromMemory(
    absl::string_view xml, const XmlReaderLimits& limits) {
  RETURN_IF_ERROR(internal::FormSchema(Form::kUnilav).status());  // initialises libxml2
  if (static_cast<int64_t>(xml.size()) > limits.max_bytes ||
      xml.size() > static_cast<size_t>(INT_MAX)) {
    return TooLarge("the document is too large", limits.max_bytes);
  }
  auto state = std::make_unique<State>();
  state->buffer.assign(xml.data(), xml.size());
  state->reader.reset(xmlReaderForMemory(state->buffer.data(),
                                         static_cast<int>(state->buffer.size()),
                                         "communications.xml", nullptr, internal::kParseOptions));
  if (state->reader == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY",
                           "the XML reader could not start");
  }
  xmlTextReaderSetStructuredErrorHandler(state->reader.get(), &ProblemSink::Handler,
                                         &state->errors);
  return std::unique_ptr<CommunicationXmlReader>(
      new CommunicationXmlReader(std::move(state), limits));
}

absl::Status CommunicationXmlReader::Fail(absl::Status status) {
  failure_ = std::move(status);
  done_ = true;
  return failure_;
}

absl::StatusOr<std::optional<CommunicationRecord>> CommunicationXmlReader::Next() {
  if (!failure_.ok()) return failure_;
  if (done_) return std::nullopt;
  xmlTextReader* r = state_->reader.get();
  const int64_t at = records_ + 1;  // the record a failure is attributed to
  auto position = [r](absl::string_view what) {
    return std::vector<Problem>{{xmlTextReaderGetParserLineNumber(r),
                                 xmlTextReaderGetParserColumnNumber(r), std::string(what)}};
  };
  while (true) {
    const int ret = state_->pending != -2 ? state_->pending : xmlTextReaderRead(r);
    state_->pending = -2;
    if (state_->file.too_large) {
      return Fail(TooLarge("the file is too large", limits_.max_bytes));
    }
    if (ret < 0 || !state_->errors.empty()) {
      return Fail(XmlError(
          "XML_NOT_WELL_FORMED",
          absl::StrCat("the XML document is not well-formed (at record ", at, ")"),
          state_->errors.empty() ? position("parse error") : state_->errors.problems(), at));
    }
    if (ret == 0) {
      done_ = true;
      if (records_ == 0 && !state_->envelope) {
        return Fail(XmlError("XML_UNEXPECTED_ROOT", "the document holds no communication", {}));
      }
      return std::nullopt;
    }
    const int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
        type == XML_READER_TYPE_ENTITY) {
      return Fail(XmlError("XML_FORBIDDEN",
                           "DOCTYPE declarations and entity references are not allowed",
                           position("DOCTYPE or entity reference"), at));
    }
    if (type != XML_READER_TYPE_ELEMENT) continue;
    xmlNode* node = xmlTextReaderCurrentNode(r);
    const int depth = xmlTextReaderDepth(r);
    if (depth == 0 && internal::InNamespace(node, kBatchNamespace, "Comunicazioni")) {
      state_->envelope = true;
      // The envelope's own tag (attributes, no children) against batch.xsd.
      internal::DocPtr shell(xmlNewDoc(internal::X("1.0")));
      xmlNode* copy = shell != nullptr ? xmlDocCopyNode(node, shell.get(), 2) : nullptr;
      if (copy == nullptr) {
        return Fail(
            platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY", "no memory"));
      }
      xmlDocSetRootElement(shell.get(), copy);
      ProblemSink sink;
      if (!internal::ValidateWith(internal::BatchSchema(), shell.get(), sink)) {
        return Fail(XmlError("XML_SCHEMA_VIOLATION", "the envelope does not match batch.xsd",
                             sink.problems()));
      }
      if (xmlTextReaderIsEmptyElement(r) == 1) {
        done_ = true;
        return std::nullopt;
      }
      continue;
    }
    const std::optional<Form> form = internal::FormOfRoot(node);
    if (depth == 0 && !form.has_value()) {
      return Fail(XmlError(
          "XML_UNEXPECTED_ROOT",
          absl::StrCat("expected UNILAV, UNISOMM, UNIURG or VARDATORI in its namespace, or ",
                       "Comunicazioni in ", kBatchNamespace),
          position("unexpected root element"), at));
    }
    if (depth != (state_->envelope ? 1 : 0)) {
      return Fail(XmlError("XML_NOT_WELL_FORMED", "unexpected element outside a record",
                           position("unexpected element"), at));
    }
    if (records_ >= limits_.max_records) {
      return Fail(TooLarge("too many records", limits_.max_records));
    }
    CommunicationRecord record;
    record.index = at;
    record.form = form;
    if (!limits_.read_records) {
      ++records_;
      record.line = xmlTextReaderGetParserLineNumber(r);
      record.communication = platform::Error(absl::StatusCode::kFailedPrecondition,
                                             "RECORD_NOT_READ", "counted, not read");
      state_->pending = xmlTextReaderNext(r);
      return record;
    }
    const xmlNode* expanded = xmlTextReaderExpand(r);
    if (expanded == nullptr || !state_->errors.empty()) {
      return Fail(XmlError(
          "XML_NOT_WELL_FORMED",
          absl::StrCat("the XML document is not well-formed (at record ", at, ")"),
          state_->errors.empty() ? position("parse error") : state_->errors.problems(), at));
    }
    record.line = static_cast<int>(TrueLine(expanded));
    int nodes = 0;
    if (!CountNodes(expanded, limits_.max_record_nodes, nodes)) {
      return Fail(XmlError("XML_FORBIDDEN", "entity references are not allowed",
                           {{record.line, 0, "entity reference"}}, at));
    }
    ++records_;
    if (!form.has_value()) {
      record.communication = XmlError(
          "XML_SCHEMA_VIOLATION",
          absl::StrCat("record ", at, " is not a UNILAV, UNISOMM, UNIURG or VARDATORI"),
          {{record.line, 0, absl::StrCat("unexpected element ", internal::C(node->name))}}, at);
    } else if (nodes > limits_.max_record_nodes) {
      record.communication = XmlError(
          "XML_TOO_LARGE", absl::StrCat("record ", at, " is too large"),
          {{record.line, 0, absl::StrCat("more than ", limits_.max_record_nodes, " nodes")}}, at);
    } else {
      record.communication = ReadOne(expanded, *form, at, record.line, limits_.validate_records);
    }
    state_->pending = xmlTextReaderNext(r);  // past the subtree, which the reader then frees
    return record;
  }
}

absl::Status ValidateCommunicationXml(absl::string_view xml) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommunicationXmlReader> reader,
                   CommunicationXmlReader::FromMemory(xml));
  while (true) {
    ASSIGN_OR_RETURN(std::optional<CommunicationRecord> record, reader->Next());
    if (!record.has_value()) return absl::OkStatus();
    if (!record->communication.ok()) return record->communication.status();
  }
}

}  // namespace sisl::communications::xml
