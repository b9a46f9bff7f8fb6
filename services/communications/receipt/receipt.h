// The receipt of an accepted mandatory communication (DOMAIN.md §6: "each accepted
// communication gets a unique communication code and a receipt"): a PDF for the filer and the
// worker, and a small XML document of SISL's own for the filer's software.
//
//   ReceiptData data{.communication = stored.communication, .code = stored.communication.code,
//                    .protocol_at = stored.protocol_at, .due = stored.due,
//                    .days_late = stored.days_late, .warnings = stored.warnings,
//                    .filed_for = stored.filed_for,
//                    .previous_code = stored.communication.previous_code};
//   ASSIGN_OR_RETURN(std::string pdf, RenderReceiptPdf(data, Language::kItalian));
//   ASSIGN_OR_RETURN(std::string xml, RenderReceiptXml(data));
//
// The PDF (A4, cairo, the system's sans-serif font through fontconfig) holds personal data of
// the worker (fiscal code, surname, name): serve it only to those who may read the
// communication. The XML receipt carries fiscal codes but no names of people; its schema is
// xml/schemas/receipt.xsd (namespace urn:sisl:communications:receipt:1), compiled into the
// binary, and RenderReceiptXml checks its output against it.
//
// Errors (platform::ErrorReason): INTERNAL RECEIPT_RENDER_FAILED when cairo or libxml2 fail
// (text that is not valid UTF-8 among the causes), INTERNAL RECEIPT_SCHEMA_VIOLATION when the
// XML would not match receipt.xsd (e.g. a code that is not 16 characters).
#ifndef SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_H_
#define SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"

namespace sisl::communications {

inline constexpr char kReceiptNamespace[] = "urn:sisl:communications:receipt:1";

enum class Language { kItalian, kEnglish };

// What a receipt shows: the accepted communication and its protocol data (as kept by
// store::StoredCommunication).
struct ReceiptData {
  Communication communication;
  std::string code;  // the communication code, 16 characters
  absl::Time protocol_at;
  absl::CivilDay due;  // the filing deadline
  int days_late = 0;   // working days past `due`
  std::vector<Finding> warnings;
  std::string filed_for;      // the company it was filed for (employer, or agency)
  std::string previous_code;  // corrections, cancellations, a UNILAV after its UNIURG
};

// The receipt as a PDF document (one or more A4 pages), in `lang`. Times are shown in
// Europe/Rome (UTC when the machine has no tzdata, and then says so).
absl::StatusOr<std::string> RenderReceiptPdf(const ReceiptData& data, Language lang);

// The receipt as XML (UTF-8, namespace kReceiptNamespace), valid against receipt.xsd:
//
//   <Receipt xmlns="urn:sisl:communications:receipt:1" version="1">
//     <Code>0126UL0000000001</Code> <ProtocolAt>2026-03-02T08:15:00Z</ProtocolAt>
//     <Form>UL</Form> <Nature>01</Nature> <Event>hire</Event> [<PreviousCode>]
//     [<FiledFor>] <Employer fiscalCode="..." name="..."/> [<WorkerFiscalCode>]
//     <EventDate>..</EventDate> <DueDate>..</DueDate> <DaysLate>0</DaysLate>
//     <Warnings><Warning rule="DLN-001" field="..."><MessageIt/><MessageEn/></Warning></Warnings>
//   </Receipt>
absl::StatusOr<std::string> RenderReceiptXml(const ReceiptData& data);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_H_
