// Shared by the receipt/*.cc files only: the labels of the PDF in both languages and the
// formatting of days and times.
#ifndef SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_INTERNAL_H_
#define SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_INTERNAL_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/receipt/receipt.h"

namespace sisl::communications::receipt_internal {

// The fixed texts of the PDF; Text() gives each in a language.
enum class Label {
  kTitle,
  kIssuer,
  kProtocolSection,
  kCode,
  kProtocolAt,
  kForm,
  kNature,
  kEvent,
  kPreviousCode,
  kFiledFor,
  kEmployerSection,
  kFiscalCode,
  kEmployerName,
  kWorkerSection,
  kSurname,
  kName,
  kPreviousEmployer,
  kWorkersMoved,
  kRelationshipSection,
  kEventDate,
  kContractType,
  kDeadlineSection,
  kDue,
  kDaysLate,
  kLateWarning,  // followed by the number of working days
  kOnTime,
  kWarningsSection,
  kNoWarnings,
  kPage,
  kFooter,
  kCount,  // not a label: the size of the table
};

absl::string_view Text(Label label, Language lang);
absl::string_view NatureLabel(Nature nature, Language lang);
absl::string_view EventLabel(EventKind event, Language lang);
absl::string_view FormName(Form form);  // "UNILAV", "UNISOMM", "UNIURG", "VARDATORI"

// 02/03/2026 (Italian) or 2026-03-02 (English).
std::string FormatDay(absl::CivilDay day, Language lang);
// The protocol time in Europe/Rome with the zone's name, e.g. "02/03/2026 09:15:00 (Europe/Rome)";
// "(UTC)" when the machine has no tzdata.
std::string FormatProtocolTime(absl::Time t, Language lang);

}  // namespace sisl::communications::receipt_internal

#endif  // SISL_SERVICES_COMMUNICATIONS_RECEIPT_RECEIPT_INTERNAL_H_
