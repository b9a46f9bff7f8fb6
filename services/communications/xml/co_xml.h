#ifndef SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_H_
#define SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_H_

// Mandatory communications in XML: SISL's own XSDs of the ministry's forms (schemas/*.xsd,
// compiled into the binary) and SISL's bulk envelope (schemas/batch.xsd).
//
//   <UNILAV xmlns="http://servizi.lavoro.gov.it/unilav" codiceComunicazione="0000000000000000"
//           versione="CO190701R1" dataInvio="2026-03-02T09:15:00">
//     <DatiInvio tipoComunicazione="01" tipoEvento="AVV"/>
//     <DatoreLavoro .../> <Lavoratore .../> <Rapporto .../> [Proroga|Trasformazione|...]
//   </UNILAV>
//
//   <Comunicazioni xmlns="urn:sisl:communications:batch:1" versione="1">
//     <UNILAV xmlns="http://servizi.lavoro.gov.it/unilav" ...>...</UNILAV>
//     <UNISOMM xmlns="http://servizi.lavoro.gov.it/unisomm" ...>...</UNISOMM>
//   </Comunicazioni>
//
// Writing:
//   ASSIGN_OR_RETURN(std::string xml, WriteCommunicationXml(c));
//   BatchXmlWriter batch([&](absl::string_view bytes) { out << bytes; });
//   for (const Communication& c : all) RETURN_IF_ERROR(batch.Add(c));
//   RETURN_IF_ERROR(batch.Finish());
// Reading (streaming: one record's tree at a time, memory stays flat on large files):
//   ASSIGN_OR_RETURN(auto reader, CommunicationXmlReader::FromFile(path));
//   while (true) {
//     ASSIGN_OR_RETURN(std::optional<CommunicationRecord> record, reader->Next());
//     if (!record) break;
//     if (record->communication.ok()) Use(*record->communication);
//     else Report(record->index, record->communication.status());
//   }
//
// libxml2 runs without network access, DTD loading or entity substitution; a DOCTYPE or an
// entity reference is refused. Errors carry a reason (platform::ErrorReason):
//   XML_SCHEMA_VIOLATION  INVALID_ARGUMENT: a record (or what the writer was given) does not
//                         match its form's XSD; a field violation "xml" per problem
//                         ("line 12, column 0: ..."), metadata line of the first, and record.
//   XML_RECORD_INVALID    INVALID_ARGUMENT: valid against the XSD but not readable into the
//                         domain (event and part disagree, an unsupported code).
//   XML_NOT_WELL_FORMED   INVALID_ARGUMENT: the file breaks; metadata record (the index
//                         reached), line and column.
//   XML_FORBIDDEN         INVALID_ARGUMENT: DOCTYPE or entity reference.
//   XML_UNEXPECTED_ROOT   INVALID_ARGUMENT: neither a form nor the envelope.
//   XML_TOO_LARGE         INVALID_ARGUMENT: a limit of XmlReaderLimits exceeded (the file's
//                         bytes or records; a record's nodes fail that record only).
//   XML_INVALID_TEXT      INVALID_ARGUMENT: the writer got text that is not valid UTF-8 or
//                         holds control characters.
//   XML_SCHEMA_UNAVAILABLE INTERNAL: an embedded XSD does not compile.
//
// Line numbers are the file's, also past line 65535 (where libxml2's elements keep 65535: the
// reader parses with XML_PARSE_BIG_LINES and gives each record's copy lines relative to the
// record's start).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications::xml {

inline constexpr char kUnilavNamespace[] = "http://servizi.lavoro.gov.it/unilav";
inline constexpr char kUnisommNamespace[] = "http://servizi.lavoro.gov.it/unisomm";
inline constexpr char kUniurgNamespace[] = "http://servizi.lavoro.gov.it/uniurg";
inline constexpr char kVardatoriNamespace[] = "http://servizi.lavoro.gov.it/vardatori";
inline constexpr char kBatchNamespace[] = "urn:sisl:communications:batch:1";

// The root element, namespace and `versione` of each form.
absl::string_view FormRootElement(Form form);  // "UNILAV", "UNISOMM", "UNIURG", "VARDATORI"
absl::string_view FormNamespace(Form form);
absl::string_view FormVersion(Form form);  // "CO190701R1"; "CO130131" for UNIURG

// SISL's event codes in DatiInvio/@tipoEvento: AVV PRO TRF TRS DIS CES MIN MPR MCE VAR.
absl::string_view EventXmlCode(EventKind event);
std::optional<EventKind> EventFromXmlCode(absl::string_view code);

// One document of the communication's form (root in the form's namespace, pretty-printed,
// UTF-8). An empty `code` is written as sixteen zeros (read back as ""). Parts the form does
// not carry are not written (an agency in a UNILAV; the worker and contract of a VARDATORI);
// optional elements only when the domain has a value, so reading gives back what was written.
// XML_SCHEMA_VIOLATION when the result would not match the form's XSD (problems without line
// numbers), XML_INVALID_TEXT as above.
// `validate` false only for content read from XML already checked against its form's XSD (a
// bulk record gaining its code): the writer's output of valid content is valid (round-trip tests).
absl::StatusOr<std::string> WriteCommunicationXml(const Communication& c, bool validate = true);

// Streams records into the envelope: the XML declaration and the envelope's start tag go out
// with the first Add (or Finish), each record as soon as it is added, the end tag at Finish.
// A record that fails (XML_SCHEMA_VIOLATION, XML_INVALID_TEXT) writes nothing and the batch
// goes on. Not thread-safe.
class BatchXmlWriter final {
 public:
  using Sink = std::function<void(absl::string_view bytes)>;
  explicit BatchXmlWriter(Sink sink);
  ~BatchXmlWriter();
  BatchXmlWriter(const BatchXmlWriter&) = delete;
  BatchXmlWriter& operator=(const BatchXmlWriter&) = delete;

  absl::Status Add(const Communication& c);
  // Writes the record even when it breaks its form's XSD (text must still be valid UTF-8): for
  // test and benchmark files holding invalid records on purpose, which readers then refuse.
  absl::Status AddUnchecked(const Communication& c);
  // Closes the envelope; FAILED_PRECONDITION if called twice (Add after it fails too).
  absl::Status Finish();
  int64_t count() const { return count_; }

 private:
  void Start();
  absl::Status Write(const Communication& c, bool validate);
  Sink sink_;
  bool started_ = false;
  bool finished_ = false;
  int64_t count_ = 0;
};

// Limits of the reader (a Commax-style bulk file, with room).
struct XmlReaderLimits {
  int64_t max_bytes = int64_t{1} << 30;  // the file or buffer
  int64_t max_records = 200000;
  int max_record_nodes = 20000;  // nodes of one record's tree
  // False only for text SISL wrote itself after validating it (stored records):
  // records are then read without their form's XSD.
  bool validate_records = true;
  // False for a count pass: each record is found (and its form told) but neither expanded nor
  // read; its communication is RECORD_NOT_READ.
  bool read_records = true;
};

// One record of a file, in document order.
struct CommunicationRecord {
  int64_t index = 0;  // from 1
  int line = 0;       // where the record's start tag ends
  std::optional<Form> form;
  // The communication, or why this record cannot be used (XML_SCHEMA_VIOLATION,
  // XML_RECORD_INVALID); the other records are not affected.
  absl::StatusOr<Communication> communication;
};

// Reads a file or a buffer holding either the envelope or one form's document (a batch of
// one). Each record is expanded alone (xmlTextReaderExpand), copied into a small document,
// validated against its form's XSD and read; then the reader skips past it
// (xmlTextReaderNext), which frees it. Not thread-safe; many readers may run in parallel.
class CommunicationXmlReader final {
 public:
  static absl::StatusOr<std::unique_ptr<CommunicationXmlReader>> FromFile(
      const std::string& path, const XmlReaderLimits& limits = {});
  // Keeps its own copy of `xml`.
  static absl::StatusOr<std::unique_ptr<CommunicationXmlReader>> FromMemory(
      absl::string_view xml, const XmlReaderLimits& limits = {});

  ~CommunicationXmlReader();
  CommunicationXmlReader(const CommunicationXmlReader&) = delete;
  CommunicationXmlReader& operator=(const CommunicationXmlReader&) = delete;

  // The next record; nullopt after the last. An error status when the file itself fails
  // (not well-formed, forbidden or unexpected content, a limit): its metadata "record" names
  // the index reached, and every later call returns the same error.
  absl::StatusOr<std::optional<CommunicationRecord>> Next();

  // Records returned so far.
  int64_t records() const { return records_; }

 private:
  struct State;
  explicit CommunicationXmlReader(std::unique_ptr<State> state, const XmlReaderLimits& limits);
  absl::Status Fail(absl::Status status);

  std::unique_ptr<State> state_;
  XmlReaderLimits limits_;
  int64_t records_ = 0;
  bool done_ = false;
  absl::Status failure_;
};

// Runs the reader over `xml` (a form's document or an envelope): OK, or the file's error, or
// the first bad record's (XML_SCHEMA_VIOLATION, XML_RECORD_INVALID).
absl::Status ValidateCommunicationXml(absl::string_view xml);

}  // namespace sisl::communications::xml

#endif  // SISL_SERVICES_COMMUNICATIONS_XML_CO_XML_H_
