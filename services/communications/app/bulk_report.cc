#include "services/communications/app/bulk_report.h"

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/communications/domain/rules.h"

namespace sisl::communications {
namespace {

using store::BulkRecordRow;
using store::BulkUploadRow;

struct Sentence {
  const char* it;
  const char* en;
};

// The reasons a record is refused for other than a rule of the catalogue.
const std::map<std::string, Sentence, std::less<>>& Reasons() {
  static const auto* reasons = new std::map<std::string, Sentence, std::less<>>{
      {"DELEGATION_NOT_ACTIVE",
       {"Nessuna delega attiva per le comunicazioni dell'azienda di questo record",
        "No active delegation for communications of this record's company"}},
      {"RELATIONSHIP_EXISTS",
       {"Il lavoratore ha già un rapporto aperto con questo datore di lavoro: comunicare una "
        "proroga, una trasformazione o una cessazione",
        "The worker already has an open relationship with this employer: file an extension, a "
        "transformation or a termination"}},
      {"XML_SCHEMA_VIOLATION",
       {"Il record non rispetta lo schema XSD del modello", "The record breaks the form's XSD"}},
      {"XML_RECORD_INVALID",
       {"Il record non si può leggere come comunicazione", "The record cannot be read as a "
                                                           "communication"}},
      {"XML_INVALID_TEXT",
       {"Un campo contiene caratteri non ammessi dal formato ministeriale",
        "A field holds characters the ministry's format does not allow"}},
  };
  return *reasons;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

std::string XmlText(const std::string& s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

}  // namespace

std::string ReportMessage(const BulkRecordRow& row, Language language) {
  const bool it = language == Language::kItalian;
  std::vector<std::string> parts;
  // Appends "CODE: message" for each of `codes` when every one is a rule; false otherwise.
  auto rules = [&](const std::string& codes) {
    std::vector<std::string> out;
    for (absl::string_view code : absl::StrSplit(codes, ' ', absl::SkipEmpty())) {
      const Rule* rule = FindRule(code);
      if (rule == nullptr) return false;
      out.push_back(absl::StrCat(code, ": ", it ? rule->message_it : rule->message_en));
    }
    parts.insert(parts.end(), out.begin(), out.end());
    return true;
  };
  if (!rules(row.errors)) {
    auto reason = Reasons().find(row.errors);
    if (reason == Reasons().end()) {
      parts.push_back(row.message);  // a reason without a sentence here: as it was stored
    } else {
      // The stored message is an English sentence for reasons of ours, the parser's detail for
      // the XML ones: only the detail is worth repeating.
      std::string sentence = it ? reason->second.it : reason->second.en;
      if (absl::StartsWith(row.errors, "XML_") && !row.message.empty()) {
        absl::StrAppend(&sentence, it ? " (dettaglio: " : " (detail: ", row.message, ")");
      }
      parts.push_back(std::move(sentence));
    }
  }
  rules(row.warnings);
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return absl::StrJoin(parts, "; ");
}

std::string ReportCsv(const std::vector<BulkRecordRow>& rows, Language language) {
  std::string out = "record,outcome,code,errors,warnings,message\n";
  for (const BulkRecordRow& r : rows) {
    absl::StrAppend(&out, r.index, ",", r.outcome, ",", r.code, ",", CsvField(r.errors), ",",
                    CsvField(r.warnings), ",", CsvField(ReportMessage(r, language)), "\n");
  }
  return out;
}

std::string ReportXml(const BulkUploadRow& upload, const std::vector<BulkRecordRow>& rows,
                      Language language) {
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Esito xmlns=\"urn:sisl:communications:"
      "bulk-report:1\" xml:lang=\"",
      language == Language::kItalian ? "it" : "en", "\" upload=\"", XmlText(upload.id),
      "\" file=\"", XmlText(upload.file_name), "\" sha256=\"", upload.sha256, "\" state=\"",
      upload.state, "\" accepted=\"", upload.accepted, "\" refused=\"", upload.refused, "\">\n");
  for (const BulkRecordRow& r : rows) {
    absl::StrAppend(&out, "  <Record index=\"", r.index, "\" outcome=\"", r.outcome, "\"");
    if (!r.code.empty()) absl::StrAppend(&out, " code=\"", r.code, "\"");
    if (!r.errors.empty()) absl::StrAppend(&out, " errors=\"", XmlText(r.errors), "\"");
    if (!r.warnings.empty()) absl::StrAppend(&out, " warnings=\"", XmlText(r.warnings), "\"");
    const std::string message = ReportMessage(r, language);
    if (!message.empty()) absl::StrAppend(&out, " message=\"", XmlText(message), "\"");
    absl::StrAppend(&out, "/>\n");
  }
  absl::StrAppend(&out, "</Esito>\n");
  return out;
}

}  // namespace sisl::communications
