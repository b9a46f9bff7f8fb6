#include "services/observatory/domain/deltas.h"

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/reference/code_lists.h"

namespace sisl::observatory {
namespace {

std::optional<absl::CivilDay> Day(const std::string& date) {
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day)) return std::nullopt;
  return day;
}

// The employment dimensions shared by flows and stock.
CellKey EmploymentKey(Cube cube, const EmploymentFacts& f, std::string month) {
  CellKey key{.cube = cube, .month = std::move(month)};
  key.code(Dim::kProvince) = f.province;
  key.code(Dim::kMunicipality) = f.municipality;
  key.code(Dim::kAtecoSection) = AtecoSection(f.ateco, f.event_date);
  key.code(Dim::kContractType) = f.contract_type;
  key.code(Dim::kWorkingTime) = f.working_time;
  key.code(Dim::kSex) = f.sex;
  key.code(Dim::kAgeBand) = f.age_band;
  key.code(Dim::kCitizenshipGroup) = f.citizenship_group;
  return key;
}

std::string ProfessionGroup(const std::string& code) {
  return !code.empty() && code[0] >= '1' && code[0] <= '9' ? code.substr(0, 1) : "";
}

}  // namespace

absl::string_view FlowKindCode(FlowKind kind) {
  switch (kind) {
    case FlowKind::kHire:
      return "hire";
    case FlowKind::kExtension:
      return "extension";
    case FlowKind::kTransformation:
      return "transformation";
    case FlowKind::kTermination:
      return "termination";
    case FlowKind::kNone:
      break;
  }
  return "";
}

std::string AtecoSection(const std::string& ateco, const std::string& day) {
  if (ateco.empty()) return "";
  const std::optional<absl::CivilDay> on = Day(day);
  const reference::CodeList& list =
      reference::AtecoInForce(on.value_or(absl::CivilDay(2025, 1, 1)));
  const reference::CodeEntry* entry = list.Find(ateco);
  // A code of the other edition (filed across the change of edition) still has a section.
  if (entry == nullptr) {
    const reference::CodeList& other =
        &list == &reference::Ateco2025() ? reference::Ateco2007() : reference::Ateco2025();
    entry = other.Find(ateco);
    if (entry == nullptr) return "";
    for (int guard = 0; entry->level > 1 && !entry->parent.empty() && guard < 8; ++guard) {
      entry = other.Find(entry->parent);
      if (entry == nullptr) return "";
    }
    return entry->level == 1 ? entry->code : "";
  }
  for (int guard = 0; entry->level > 1 && !entry->parent.empty() && guard < 8; ++guard) {
    entry = list.Find(entry->parent);
    if (entry == nullptr) return "";
  }
  return entry->level == 1 ? entry->code : "";
}

std::vector<CellDelta> FlowDeltas(const EmploymentFacts& f, int sign) {
  const std::string month = MonthOf(f.event_date);
  if (f.kind == FlowKind::kNone || month.empty()) return {};
  CellKey key = EmploymentKey(Cube::kFlow, f, month);
  key.code(Dim::kKind) = std::string(FlowKindCode(f.kind));
  return {CellDelta{.key = std::move(key), .count = sign}};
}

std::vector<CellDelta> StockDeltas(const EmploymentFacts& f, int sign) {
  const std::string start = MonthOf(f.start_date);
  if (start.empty()) return {};
  std::vector<CellDelta> out;
  std::string out_month;
  if (const std::optional<absl::CivilDay> end = Day(f.end_date); end.has_value()) {
    // In force on the last day of every month before the one holding the day after its end.
    const absl::CivilDay after = *end + 1;
    out_month = MonthOf(absl::FormatCivilTime(after));
    if (out_month <= start) return {};
  }
  out.push_back(CellDelta{.key = EmploymentKey(Cube::kStock, f, start), .count = sign});
  if (!out_month.empty()) {
    out.push_back(CellDelta{.key = EmploymentKey(Cube::kStock, f, out_month), .count = -sign});
  }
  return out;
}

std::vector<CellDelta> VacancyPublishedDeltas(const VacancyFacts& f, const std::string& day) {
  const std::string month = MonthOf(day);
  if (month.empty()) return {};
  CellKey key{.cube = Cube::kVacancy, .month = month};
  key.code(Dim::kKind) = "published";
  key.code(Dim::kProvince) = f.province;
  key.code(Dim::kProfessionGroup) = ProfessionGroup(f.profession_code);
  key.code(Dim::kContractType) = f.contract_type;
  return {CellDelta{.key = std::move(key), .count = 1}};
}

std::vector<CellDelta> VacancyClosedDeltas(const VacancyFacts& f, VacancyOutcome outcome,
                                           const std::string& published_day,
                                           const std::string& closed_day) {
  const std::string month = MonthOf(closed_day);
  if (month.empty()) return {};
  CellKey key{.cube = Cube::kVacancy, .month = month};
  key.code(Dim::kKind) = outcome == VacancyOutcome::kFilled    ? "filled"
                         : outcome == VacancyOutcome::kExpired ? "expired"
                                                               : "withdrawn";
  key.code(Dim::kProvince) = f.province;
  key.code(Dim::kProfessionGroup) = ProfessionGroup(f.profession_code);
  key.code(Dim::kContractType) = f.contract_type;
  CellDelta delta{.key = std::move(key), .count = 1};
  if (outcome == VacancyOutcome::kFilled) {
    const int64_t days = DaysBetween(published_day, closed_day);
    if (days >= 0) delta.total = days;
  }
  return {std::move(delta)};
}

std::vector<CellDelta> ProposalDeltas(const std::string& outcome, const std::string& cpi,
                                      const std::string& profession_code, const std::string& day) {
  const std::string month = MonthOf(day);
  if (month.empty() || outcome.empty()) return {};
  CellKey key{.cube = Cube::kProposal, .month = month};
  key.code(Dim::kOutcome) = outcome;
  key.code(Dim::kCpi) = cpi;
  key.code(Dim::kProfessionGroup) = ProfessionGroup(profession_code);
  return {CellDelta{.key = std::move(key), .count = 1}};
}

std::vector<CellDelta> AppointmentDeltas(const std::string& kind, const std::string& cpi,
                                         const std::string& service, const std::string& day) {
  const std::string month = MonthOf(day);
  if (month.empty() || kind.empty()) return {};
  CellKey key{.cube = Cube::kAppointment, .month = month};
  key.code(Dim::kKind) = kind;
  key.code(Dim::kCpi) = cpi;
  key.code(Dim::kService) = service;
  return {CellDelta{.key = std::move(key), .count = 1}};
}

int64_t DaysBetween(const std::string& from, const std::string& to) {
  const std::optional<absl::CivilDay> a = Day(from);
  const std::optional<absl::CivilDay> b = Day(to);
  if (!a || !b) return -1;
  return static_cast<int64_t>(*b - *a);
}

}  // namespace sisl::observatory
