#include "services/communications/domain/rules_helpers.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"
#include "services/reference/vat_number.h"

namespace sisl::communications::rules_internal {
namespace {

// The Italian label of a contract type, "" when the (partial) list does not have it.
absl::string_view ContractLabel(absl::string_view type) {
  const reference::CodeEntry* entry = reference::CoContractTypes().Find(type);
  return entry == nullptr ? absl::string_view() : absl::string_view(entry->label_it);
}

}  // namespace

bool IsCancellation(const Communication& c) { return c.nature == Nature::kCancellation; }

bool HasRelationship(const Communication& c) {
  return c.form != Form::kVardatori && !IsCancellation(c);
}

bool IsFullForm(const Communication& c) {
  return (c.form == Form::kUnilav || c.form == Form::kUnisomm) && !IsCancellation(c);
}

bool IsHireEvent(const Communication& c) {
  return HasRelationship(c) && (c.event == EventKind::kHire || c.event == EventKind::kMissionStart);
}

bool IsDetailedHire(const Communication& c) { return IsFullForm(c) && IsHireEvent(c); }

bool IsBlank(absl::string_view s) { return absl::StripAsciiWhitespace(s).empty(); }

bool IsDigits(absl::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char ch) { return absl::ascii_isdigit(ch); });
}

bool IsUpperAlnum(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isdigit(ch) || absl::ascii_isupper(ch);
  });
}

bool IsWellFormedPostcode(absl::string_view s) { return s.size() == 5 && IsDigits(s); }

bool IsWellFormedEmail(absl::string_view s) {
  const size_t at = s.find('@');
  if (at == absl::string_view::npos || at == 0 || s.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = s.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == absl::string_view::npos || dot == 0 || dot + 1 >= domain.size() ||
      absl::StrContains(domain, "..") || domain.front() == '.') {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isgraph(ch) && ch != '<' && ch != '>' && ch != ',' && ch != ';';
  });
}

bool IsWellFormedPat(absl::string_view s) { return s.size() >= 8 && s.size() <= 10 && IsDigits(s); }

std::string NormalizedCode(absl::string_view fiscal_code) {
  return reference::NormalizeFiscalCode(fiscal_code);
}

bool IsValidFiscalCode(absl::string_view fiscal_code) {
  const std::string code = NormalizedCode(fiscal_code);
  if (code.size() == 11) return reference::ValidateVatNumber(code).ok();
  if (code.size() == 16) return reference::ValidateFiscalCode(code).ok();
  return false;
}

bool SameFiscalCode(absl::string_view a, absl::string_view b) {
  const std::string x = NormalizedCode(a);
  return !x.empty() && x == NormalizedCode(b);
}

bool IsPlaceOn(absl::string_view code, absl::CivilDay day, bool allow_foreign) {
  const reference::Municipalities& registry = reference::Municipalities::Default();
  if (absl::StartsWith(code, "Z"))
    return allow_foreign && registry.CountryByCodeOn(code, day) != nullptr;
  return registry.ByBelfioreOn(code, day) != nullptr;
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  return absl::CivilDay(month.year(), month.month(), std::min(day.day(), last.day()));
}

absl::CivilDay PeriodEnd(absl::CivilDay start, int months) { return AddMonths(start, months) - 1; }

bool IsOpenEndedType(absl::string_view type) {
  return absl::StrContains(ContractLabel(type), "TEMPO INDETERMINATO");
}

bool IsFixedTermType(absl::string_view type) {
  return absl::StrContains(ContractLabel(type), "TEMPO DETERMINATO") || IsTraineeshipType(type);
}

bool IsApprenticeshipType(absl::string_view type) {
  return absl::StartsWith(ContractLabel(type), "APPRENDISTATO");
}

bool IsTraineeshipType(absl::string_view type) {
  return absl::StartsWith(ContractLabel(type), "TIROCINIO");
}

bool IsAgencyWorkType(absl::string_view type) {
  return absl::StrContains(ContractLabel(type), "SOMMINISTRAZIONE");
}

bool IsEmploymentType(absl::string_view type) { return absl::StartsWith(type, "A."); }

bool IsPartTime(absl::string_view working_time) {
  return working_time == "P" || working_time == "V" || working_time == "M";
}

std::string RelationshipType(const Communication& c, const RuleContext& context) {
  if (context.relationship && !context.relationship->contract_type.empty()) {
    return context.relationship->contract_type;
  }
  return c.contract.contract_type;
}

absl::CivilDay RelationshipStart(const Communication& c, const RuleContext& context) {
  return context.relationship ? context.relationship->start : c.contract.start;
}

std::optional<absl::CivilDay> RelationshipEnd(const Communication& c, const RuleContext& context) {
  return context.relationship ? context.relationship->end : c.contract.end;
}

bool RelationshipClosed(const RuleContext& context) {
  return context.relationship.has_value() && !context.relationship->open;
}

bool IsCappedFixedTerm(const Communication& c, const RuleContext& context) {
  const std::string type = RelationshipType(c, context);
  return !c.contract.seasonal && IsFixedTermType(type) && !IsTraineeshipType(type);
}

std::string AtecoSection(absl::string_view ateco, absl::CivilDay day) {
  const reference::CodeList& in_force = reference::AtecoInForce(day);
  const reference::CodeList& other =
      &in_force == &reference::Ateco2025() ? reference::Ateco2007() : reference::Ateco2025();
  for (const reference::CodeList* list : {&in_force, &other}) {
    const reference::CodeEntry* entry = list->Find(ateco);
    for (int guard = 0; entry != nullptr && guard < 8; ++guard) {
      if (entry->level == 1) return entry->code;
      entry = list->Find(entry->parent);
    }
  }
  return "";
}

bool IsTourism(const Employer& employer, absl::CivilDay day) {
  return AtecoSection(employer.ateco, day) == "I";
}

bool IsSchoolOrTraining(absl::string_view ateco) {
  return reference::IsWellFormedAteco(ateco) && absl::StartsWith(ateco, "85");
}

}  // namespace sisl::communications::rules_internal
