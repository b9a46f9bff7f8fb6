#ifndef SISL_ENTERPRISE_XML_L68_XML_H_
#define SISL_ENTERPRISE_XML_L68_XML_H_

// The L.68/1999 return in the ministry's XML structure (root `prospetto`, namespace
// http://servizi.lavoro.gov.it/UNIPI), as SISL's own XSD (l68_return.xsd, compiled into the
// binary) describes it: quadro 1 the company, one quadro 2 per province with the input of the
// computation, quadro 3 the summaries. See docs/adr/0017-l68-return-xml.md.
//
//   ASSIGN_OR_RETURN(std::string xml, WriteL68Xml({ret}));          // one `prospetto`
//   ASSIGN_OR_RETURN(std::vector<L68XmlDocument> docs, ReadL68Xml(xml));
//   for (const L68XmlDocument& d : docs) if (d.problems.empty()) Use(d.input);
//
// libxml2 runs without network access, external entities or DTD loading; a document with a
// DOCTYPE is refused.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/company.h"
#include "services/enterprise/domain/l68_return.h"

namespace sisl::enterprise::xml {

inline constexpr char kUnipiNamespace[] = "http://servizi.lavoro.gov.it/UNIPI";

// Quadro 1's company data (from the company registry).
struct L68XmlCompany {
  std::string fiscal_code;
  std::string name;
  std::string ateco_code;  // "62.10.00"; optional
  bool public_administration = false;
  std::string office_belfiore;  // "L219"; "0000" when unknown
  std::string office_province;  // sigla
  std::string office_postcode;  // optional
  std::string office_address;   // optional
  std::string pec;              // optional
};

// Quadro 1 from the registry's record: the registered office's municipality as its Belfiore
// code and province; the ATECO code and postcode only when they have the XSD's shape.
L68XmlCompany XmlCompanyOf(const Company& company);

enum class L68XmlKind { kOrdinary, kCorrection, kCancellation };  // tipocomunicazione 01/03/04

// One `prospetto` to write.
struct L68XmlReturn {
  L68XmlCompany company;
  L68ReturnInput input;
  L68Return figures;  // quadro 3 and quadro 1's category and headcount
  L68XmlKind kind = L68XmlKind::kOrdinary;
  std::string protocol;           // "PI-2027-000001" once submitted
  std::string previous_protocol;  // of the version a correction replaces
  absl::Time sent_at;             // dataInvio
};

// A problem at a place of the document (lines and columns from 1; 0 when unknown). libxml2 keeps
// element lines in 16 bits: schema problems after line 65535 show 65535.
struct L68XmlProblem {
  int line = 0;
  int column = 0;
  std::string message;
};

// One `prospetto` read from a document.
struct L68XmlDocument {
  int index = 0;  // from 1
  int line = 0;   // where it starts
  std::string company_fiscal_code;
  int year = 0;
  L68ReturnInput input;                 // when `problems` is empty
  std::vector<L68XmlProblem> problems;  // the XSD's and the structure's (reason XML_INVALID)
};

// The document: root `prospetto` for one return, `prospetti` around several. INTERNAL
// (reason XML_SCHEMA_MISMATCH) if what it wrote does not pass the XSD.
absl::StatusOr<std::string> WriteL68Xml(const std::vector<L68XmlReturn>& returns);

// Streams `xml` (never one tree of the whole file): each `prospetto` is expanded alone, checked
// against the XSD and read. INVALID_ARGUMENT, reason XML_INVALID, with lines and columns in the
// field violations and the first ones in the metadata, when the document is not well-formed, has
// a DOCTYPE or entity references, a root other than `prospetto`/`prospetti`, or no `prospetto`;
// reason XML_TOO_MANY_RETURNS above `max_returns`.
absl::StatusOr<std::vector<L68XmlDocument>> ReadL68Xml(absl::string_view xml,
                                                       int max_returns = 5000);

// The whole document against the XSD (small documents: it builds the tree); OK or
// INVALID_ARGUMENT XML_INVALID as above.
absl::Status ValidateL68Xml(absl::string_view xml);

// SISL's four-digit codes of the excluded categories ("0001" ... "0011").
std::string ExclusionXmlCode(L68Exclusion exclusion);
std::optional<L68Exclusion> ExclusionFromXmlCode(absl::string_view code);

}  // namespace sisl::enterprise::xml

#endif  // SISL_ENTERPRISE_XML_L68_XML_H_
