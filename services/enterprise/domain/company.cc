#include "services/enterprise/domain/company.h"

#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"
#include "services/reference/vat_number.h"

namespace sisl::enterprise {
namespace {

constexpr size_t kMaxPecLength = 80;
constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxAddressLength = 200;

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool HasControl(absl::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// The problem a reference validator reported, or nothing.
void AddStatus(std::vector<FieldProblem>& out, const std::string& field, const absl::Status& st) {
  if (st.ok()) return;
  std::string reason = platform::ErrorReason(st);
  if (reason.empty()) reason = "INVALID_FIELD";
  out.push_back({field, reason, std::string(st.message())});
}

void CheckText(std::vector<FieldProblem>& out, const std::string& field, const std::string& value,
               size_t max, bool required, const char* missing_reason, const char* bad_reason) {
  if (value.empty()) {
    if (required) out.push_back({field, missing_reason, "is required"});
    return;
  }
  if (value.size() > max || HasControl(value)) {
    out.push_back({field, bad_reason,
                   absl::StrCat("at most ", max, " characters, without control characters")});
  }
}

void CheckSite(std::vector<FieldProblem>& out, const std::string& field, const CompanySite& s,
               bool address_required, absl::CivilDay today) {
  if (s.label.size() > kMaxNameLength || HasControl(s.label)) {
    out.push_back({field + ".label", "INVALID_SITE_LABEL", "at most 200 characters"});
  }
  if (std::optional<FieldProblem> p =
          CheckMunicipality(field + ".municipality_istat_code", s.municipality_istat_code, today)) {
    out.push_back(*p);
  }
  CheckText(out, field + ".address", s.address, kMaxAddressLength, address_required,
            "ADDRESS_REQUIRED", "INVALID_ADDRESS");
  if (!s.postcode.empty() && (s.postcode.size() != 5 || !AllDigits(s.postcode))) {
    out.push_back({field + ".postcode", "INVALID_POSTCODE", "a CAP of 5 digits"});
  }
}

bool IsPublicForm(LegalForm f) {
  return f == LegalForm::kPublicAdministration || f == LegalForm::kPublicEconomicEntity;
}

bool LocalChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}

}  // namespace

absl::Status ProblemsStatus(const std::vector<FieldProblem>& problems, absl::string_view what) {
  if (problems.empty()) return absl::OkStatus();
  std::vector<platform::FieldViolation> violations;
  std::vector<std::string> reasons;
  for (const FieldProblem& p : problems) {
    violations.push_back({p.field, absl::StrCat(p.reason, ": ", p.description)});
    reasons.push_back(p.reason);
  }
  return platform::Error(absl::StatusCode::kInvalidArgument, problems.front().reason,
                         absl::StrCat(what, " is not valid: ", problems.front().field, " ",
                                      problems.front().description),
                         {{"reasons", absl::StrJoin(reasons, ",")}}, violations);
}

std::string NormalizeCompanyFiscalCode(absl::string_view code) {
  std::string out;
  for (char c : code) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  if (out.size() == 13 && out.rfind("IT", 0) == 0 && AllDigits(absl::string_view(out).substr(2))) {
    out.erase(0, 2);
  }
  return out;
}

absl::StatusOr<CompanyCodeKind> ValidateCompanyFiscalCode(absl::string_view code,
                                                          absl::string_view field) {
  if (code.size() == 11 && AllDigits(code)) {
    if (absl::Status st = reference::ValidateVatNumber(code, field); !st.ok()) return st;
    return CompanyCodeKind::kNumeric;
  }
  if (code.size() == 16) {
    if (absl::Status st = reference::ValidateFiscalCode(code, field); !st.ok()) return st;
    return CompanyCodeKind::kPersonal;
  }
  return platform::InvalidField("INVALID_COMPANY_FISCAL_CODE", field,
                                "11 digits, or the 16-character fiscal code of a sole trader");
}

bool IsValidPec(absl::string_view a) {
  if (a.empty() || a.size() > kMaxPecLength) return false;
  const size_t at = a.find('@');
  if (at == absl::string_view::npos || at == 0 || a.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view local = a.substr(0, at);
  const absl::string_view domain = a.substr(at + 1);
  for (char c : local) {
    if (!LocalChar(c)) return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != absl::string_view::npos) {
    return false;
  }
  int labels = 0;
  absl::string_view last;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == absl::string_view::npos) dot = domain.size();
    const absl::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    ++labels;
    last = label;
    start = dot + 1;
  }
  if (labels < 2 || last.size() < 2) return false;
  for (char c : last) {
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<FieldProblem> CheckMunicipality(const std::string& field, absl::string_view code,
                                              absl::CivilDay day) {
  if (code.size() != 6 || !AllDigits(code)) {
    return FieldProblem{field, "MALFORMED_MUNICIPALITY_CODE", "an ISTAT code of 6 digits"};
  }
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(code);
  if (m == nullptr) {
    return FieldProblem{field, "UNKNOWN_MUNICIPALITY_CODE", "no municipality has this ISTAT code"};
  }
  if (!m->ValidOn(day)) {
    return FieldProblem{field, "MUNICIPALITY_NOT_IN_FORCE",
                        absl::StrCat(m->name, " is no longer a municipality")};
  }
  return std::nullopt;
}

std::vector<FieldProblem> CheckCompany(const Company& c, absl::CivilDay today) {
  std::vector<FieldProblem> out;
  const std::string code = NormalizeCompanyFiscalCode(c.fiscal_code);
  absl::StatusOr<CompanyCodeKind> kind = ValidateCompanyFiscalCode(code, "fiscal_code");
  if (!kind.ok()) {
    AddStatus(out, "fiscal_code", kind.status());
  } else if (*kind == CompanyCodeKind::kPersonal && c.legal_form != LegalForm::kSoleTrader) {
    out.push_back({"fiscal_code", "PERSONAL_FISCAL_CODE_ONLY_FOR_SOLE_TRADERS",
                   "a 16-character code identifies a sole trader; companies have 11 digits"});
  }
  if (!c.vat_number.empty()) {
    AddStatus(
        out, "vat_number",
        reference::ValidateVatNumber(reference::NormalizeVatNumber(c.vat_number), "vat_number"));
  }
  CheckText(out, "name", c.name, kMaxNameLength, true, "INVALID_COMPANY_NAME",
            "INVALID_COMPANY_NAME");
  if (c.legal_form == LegalForm::kUnspecified) {
    out.push_back({"legal_form", "LEGAL_FORM_REQUIRED", "is required"});
  }
  if (c.ateco_code.empty()) {
    out.push_back({"ateco_code", "ATECO_REQUIRED", "is required"});
  } else {
    AddStatus(out, "ateco_code", reference::ValidateAteco("ateco_code", c.ateco_code, today));
  }
  if (c.sector == CompanySector::kUnspecified) {
    out.push_back({"sector", "SECTOR_REQUIRED", "public or private"});
  } else if (c.legal_form != LegalForm::kUnspecified &&
             (c.sector == CompanySector::kPublic) != IsPublicForm(c.legal_form)) {
    out.push_back({"sector", "COMPANY_SECTOR_MISMATCH",
                   "public employers are public administrations or public economic entities"});
  }
  CheckSite(out, "registered_office", c.registered_office, true, today);
  for (size_t i = 0; i < c.operating_sites.size(); ++i) {
    CheckSite(out, absl::StrCat("operating_sites[", i, "]"), c.operating_sites[i], false, today);
  }
  if (c.pec.empty()) {
    out.push_back({"pec", "PEC_REQUIRED", "is required"});
  } else if (!IsValidPec(c.pec)) {
    out.push_back({"pec", "INVALID_PEC", "an e-mail address of at most 80 characters"});
  }
  if (!c.ccnl_code.empty()) {
    AddStatus(out, "ccnl_code", reference::ValidateCcnl("ccnl_code", c.ccnl_code, today));
  }
  if (c.workforce < 0) {
    out.push_back({"workforce", "INVALID_WORKFORCE", "must not be negative"});
  }
  return out;
}

absl::Status ValidateCompany(const Company& company, absl::CivilDay today) {
  return ProblemsStatus(CheckCompany(company, today), "company");
}

}  // namespace sisl::enterprise
