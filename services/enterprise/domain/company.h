#ifndef SISL_ENTERPRISE_DOMAIN_COMPANY_H_
#define SISL_ENTERPRISE_DOMAIN_COMPANY_H_

// The company registry (DOMAIN.md §1, §6, §11): who the employer is, where it is, its sector
// and contacts, validated against services/reference (fiscal codes, VAT numbers,
// municipalities by ISTAT code, ATECO, CCNL).
//
//   std::vector<FieldProblem> problems = CheckCompany(company, today);   // every problem
//   RETURN_IF_ERROR(ValidateCompany(company, today));                    // one status

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::enterprise {

// One problem of a record: the field path ("operating_sites[1].municipality_istat_code"), a
// machine-readable reason and a description for people.
struct FieldProblem {
  std::string field;
  std::string reason;
  std::string description;
};

// OK when `problems` is empty; otherwise INVALID_ARGUMENT with the first problem's reason, one
// field violation per problem and the metadata "reasons" (every reason, comma-separated).
absl::Status ProblemsStatus(const std::vector<FieldProblem>& problems, absl::string_view what);

enum class LegalForm {
  kUnspecified,
  kSoleTrader,                  // ditta individuale
  kGeneralPartnership,          // s.n.c.
  kLimitedPartnership,          // s.a.s.
  kLimitedCompany,              // s.r.l. (also semplificata)
  kJointStockCompany,           // s.p.a.
  kPartnershipLimitedByShares,  // s.a.p.a.
  kCooperative,
  kConsortium,
  kAssociation,
  kFoundation,
  kProfessionalFirm,  // studio associato / società tra professionisti
  kPublicAdministration,
  kPublicEconomicEntity,  // ente pubblico economico
  kOther,
};

enum class CompanySector { kUnspecified, kPrivate, kPublic };

struct CompanySite {
  std::string label;                    // optional, e.g. "Stabilimento di Alba"
  std::string municipality_istat_code;  // "001272" (Torino)
  std::string address;
  std::string postcode;  // CAP, 5 digits; optional
};

struct Company {
  std::string fiscal_code;  // 11 digits, or the 16-character code of a sole trader
  std::string vat_number;   // partita IVA, optional
  std::string name;
  LegalForm legal_form = LegalForm::kUnspecified;
  std::string ateco_code;  // "62.01.00", in the edition in force
  CompanySector sector = CompanySector::kUnspecified;
  CompanySite registered_office;
  std::vector<CompanySite> operating_sites;
  std::string pec;        // posta elettronica certificata
  std::string ccnl_code;  // the main CCNL applied; optional
  int64_t workforce = 0;  // employees, >= 0
};

enum class CompanyCodeKind { kUnspecified, kNumeric, kPersonal };

// Upper-cases and removes spaces (and a leading "IT" before 11 digits).
std::string NormalizeCompanyFiscalCode(absl::string_view code);

// A normalized company fiscal code: 11 digits with the partita IVA check digit (reasons of
// reference::ValidateVatNumber), or 16 characters of a personal code (reasons of
// reference::ValidateFiscalCode); anything else is INVALID_COMPANY_FISCAL_CODE. All
// INVALID_ARGUMENT on `field`.
absl::StatusOr<CompanyCodeKind> ValidateCompanyFiscalCode(absl::string_view code,
                                                          absl::string_view field);

// PEC address syntax: local@domain, at most 80 characters (the CO limit, DOMAIN.md §11), local
// part of letters, digits and . _ % + - without leading, trailing or doubled dots, a domain of
// at least two labels of letters, digits and inner hyphens, ending in letters.
bool IsValidPec(absl::string_view address);

// An ISTAT municipality code (6 digits) of a municipality in force on `day`:
// MALFORMED_MUNICIPALITY_CODE, UNKNOWN_MUNICIPALITY_CODE or MUNICIPALITY_NOT_IN_FORCE.
std::optional<FieldProblem> CheckMunicipality(const std::string& field, absl::string_view code,
                                              absl::CivilDay day);

// Every problem of a company record, in field order. Reasons: the fiscal-code reasons above,
// PERSONAL_FISCAL_CODE_ONLY_FOR_SOLE_TRADERS, INVALID_VAT_NUMBER(_CHECK), INVALID_COMPANY_NAME,
// LEGAL_FORM_REQUIRED, ATECO_REQUIRED and the reference's ATECO reasons, SECTOR_REQUIRED,
// COMPANY_SECTOR_MISMATCH, the municipality reasons, ADDRESS_REQUIRED, INVALID_ADDRESS,
// INVALID_POSTCODE, PEC_REQUIRED, INVALID_PEC, the reference's CCNL reasons, INVALID_WORKFORCE.
std::vector<FieldProblem> CheckCompany(const Company& company, absl::CivilDay today);
absl::Status ValidateCompany(const Company& company, absl::CivilDay today);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_COMPANY_H_
