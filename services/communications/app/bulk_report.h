// The per-record report of a bulk upload (CSV and XML), in the language the filer reads: each
// refused record's rule codes with the catalogue's message in that language, warnings likewise,
// and the reasons that are not rules (an inactive delegation, a record the schema refuses, a
// relationship already open) in a sentence of that language, with the technical detail the
// parser gave (libxml2's, in English) after it. The columns and attributes are the same in every
// language: programs read the codes, people the message.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_BULK_REPORT_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_BULK_REPORT_H_

#include <string>
#include <vector>

#include "services/communications/receipt/receipt.h"
#include "services/communications/store/bulk_store.h"

namespace sisl::communications {

// The message of one report row in `language`: "WRK-003: <message>; ..." for rule codes (errors
// first, then warnings), else the reason's sentence (with the stored detail), else the stored
// message as it is.
std::string ReportMessage(const store::BulkRecordRow& row, Language language);

// record,outcome,code,errors,warnings,message (RFC 4180 quoting), a header line first.
std::string ReportCsv(const std::vector<store::BulkRecordRow>& rows, Language language);

// <Esito xmlns="urn:sisl:communications:bulk-report:1" ...> with one <Record> per row.
std::string ReportXml(const store::BulkUploadRow& upload,
                      const std::vector<store::BulkRecordRow>& rows,
                      Language language);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_BULK_REPORT_H_
