// libFuzzer harness for the mandatory communications' XML reader
// (services/communications/xml): the input is a file as a company would upload it, read with
// CommunicationXmlReader::FromMemory record by record until the end or the file's error.
// Nothing may crash or leak, and every record that is read must round-trip: when the writer
// accepts it, reading what it wrote gives the same communication and writing that again the
// same bytes (the writer may refuse text the XSD allows, e.g. control characters).
// COMMUNICATIONS_XML_FUZZ_VERBOSE=1 prints each record's outcome.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "services/communications/xml/co_xml.h"

namespace {

using sisl::communications::Communication;
using sisl::communications::xml::CommunicationRecord;
using sisl::communications::xml::CommunicationXmlReader;
using sisl::communications::xml::WriteCommunicationXml;
using sisl::communications::xml::XmlReaderLimits;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "communications_xml_fuzz: %s\n", what);
    std::abort();
  }
}

void RoundTrip(const Communication& c) {
  absl::StatusOr<std::string> first = WriteCommunicationXml(c);
  if (!first.ok()) return;
  auto reader = CommunicationXmlReader::FromMemory(*first);
  Check(reader.ok(), "the writer's output cannot be opened");
  auto record = (*reader)->Next();
  Check(record.ok() && record->has_value(), "the writer's output holds no record");
  Check((*record)->communication.ok(), "the writer's output does not read back");
  Check(*(*record)->communication == c, "the communication read back differs");
  absl::StatusOr<std::string> second = WriteCommunicationXml(*(*record)->communication);
  Check(second.ok() && *second == *first, "the second write differs");
  auto end = (*reader)->Next();
  Check(end.ok() && !end->has_value(), "the writer's output holds more than one record");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool verbose = std::getenv("COMMUNICATIONS_XML_FUZZ_VERBOSE") != nullptr;
  XmlReaderLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_records = 64;
  limits.max_record_nodes = 2000;
  auto reader = CommunicationXmlReader::FromMemory(
      absl::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!reader.ok()) return 0;
  while (true) {
    absl::StatusOr<std::optional<CommunicationRecord>> record = (*reader)->Next();
    if (!record.ok()) {
      if (verbose) std::fprintf(stderr, "file: %s\n", record.status().ToString().c_str());
      break;
    }
    if (!record->has_value()) break;
    const CommunicationRecord& r = **record;
    if (verbose) {
      std::fprintf(stderr, "record %lld line %d: %s\n", static_cast<long long>(r.index), r.line,
                   r.communication.ok() ? "ok" : r.communication.status().ToString().c_str());
    }
    if (r.communication.ok()) RoundTrip(*r.communication);
  }
  return 0;
}
