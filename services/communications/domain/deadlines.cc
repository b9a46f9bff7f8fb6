#include "services/communications/domain/deadlines.h"

#include <algorithm>
#include <string>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/calendar.h"

namespace sisl::communications {
namespace {

using rules_internal::IsSchoolOrTraining;
using rules_internal::IsTourism;

constexpr int kEventDays = 5;
constexpr int kAfterUrgencyDays = 5;
constexpr int kAfterUrgencyTourismDays = 3;
constexpr int kSchoolDays = 10;
constexpr int kEmployerChangeDays = 30;
constexpr int kTwentiethDay = 20;
constexpr int kMaxLateDays = 20 * 366;

const reference::WorkingDayRules& Rules() {
  static const reference::WorkingDayRules rules =
      reference::WorkingDayRules::MandatoryCommunications();
  return rules;
}

Deadline Due(absl::CivilDay day, absl::string_view basis) {
  return Deadline{reference::AddWorkingDays(day, 0, Rules()), std::string(basis)};
}

absl::CivilDay TwentiethOfNextMonth(absl::CivilDay day) {
  const absl::CivilMonth next = absl::CivilMonth(day) + 1;
  return absl::CivilDay(next.year(), next.month(), kTwentiethDay);
}

}  // namespace

std::optional<Deadline> DeadlineOf(const Communication& c) {
  if (c.nature == Nature::kCorrection || c.nature == Nature::kCancellation ||
      c.nature == Nature::kByOffice) {
    return std::nullopt;
  }
  const absl::CivilDay event = EventDate(c);
  if (c.form == Form::kUnisomm) return Due(TwentiethOfNextMonth(event), kBasisAgencyWork);
  if (c.form == Form::kUniurg) return Due(c.contract.start - 1, kBasisUrgentHire);
  if (c.form == Form::kVardatori) return Due(event + kEmployerChangeDays, kBasisEmployerChange);
  if (c.nature == Nature::kAfterUrgency) {
    return IsTourism(c.employer, c.contract.start)
               ? Due(c.contract.start + kAfterUrgencyTourismDays, kBasisAfterUrgencyTourism)
               : Due(c.contract.start + kAfterUrgencyDays, kBasisAfterUrgency);
  }
  if (c.event == EventKind::kHire) {
    if (IsSchoolOrTraining(c.employer.ateco)) return Due(event + kSchoolDays, kBasisSchool);
    if (c.employer.public_administration) {
      return Due(TwentiethOfNextMonth(event), kBasisPublicEmployer);
    }
    return Due(event - 1, kBasisHire);
  }
  if (c.employer.public_administration) {
    return Due(TwentiethOfNextMonth(event), kBasisPublicEmployer);
  }
  return Due(event + kEventDays, kBasisEvent);
}

std::optional<int> DaysLate(const Communication& c, absl::CivilDay filed) {
  const std::optional<Deadline> deadline = DeadlineOf(c);
  if (!deadline) return std::nullopt;
  if (filed <= deadline->due) return 0;
  const absl::CivilDay until =
      filed - deadline->due > kMaxLateDays ? deadline->due + kMaxLateDays : filed;
  return reference::WorkingDaysBetween(deadline->due, until, Rules());
}

}  // namespace sisl::communications
