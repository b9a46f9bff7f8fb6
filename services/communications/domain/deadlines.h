// The deadlines of mandatory communications (DOMAIN.md §6 and §11) and the lateness of a
// filing. Late filing is a warning (the DLN rules of rules.h), never a refusal.
//
//   ordinary hire (UNILAV)            by the day before the start (law 296/2006 art.1 c.1180)
//   urgent hire (UNIURG)              by the day before the start
//   UNILAV after a UNIURG             within 5 days of the start, 3 in tourism (ATECO section I)
//   agency work (UNISOMM, any event)  by the 20th of the month after the event
//   public employer (any event)       by the 20th of the month after the event
//   school or training body hire      within 10 days of the start (ATECO division 85)
//   extension, transformation,
//   transfer, secondment, termination within 5 days of the event
//   VARDATORI                         within 30 days of the change
//
// A deadline that falls on a non-working day moves to the next working day, and lateness is
// counted in working days, both with reference::WorkingDayRules::MandatoryCommunications().
// Corrections, cancellations and filings by the office have no deadline of their own.
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_DEADLINES_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_DEADLINES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications {

// The bases of a deadline (stable text keys, for receipts and messages).
inline constexpr absl::string_view kBasisHire = "hire_day_before_start";
inline constexpr absl::string_view kBasisUrgentHire = "urgent_hire_day_before_start";
inline constexpr absl::string_view kBasisAfterUrgency = "after_urgency_5_days";
inline constexpr absl::string_view kBasisAfterUrgencyTourism = "after_urgency_tourism_3_days";
inline constexpr absl::string_view kBasisAgencyWork = "agency_work_20th_next_month";
inline constexpr absl::string_view kBasisPublicEmployer = "public_employer_20th_next_month";
inline constexpr absl::string_view kBasisSchool = "school_hire_10_days";
inline constexpr absl::string_view kBasisEvent = "event_5_days";
inline constexpr absl::string_view kBasisEmployerChange = "employer_change_30_days";

struct Deadline {
  absl::CivilDay due;  // the last day to file, already moved to a working day
  std::string basis;   // one of the kBasis* keys
  bool operator==(const Deadline&) const = default;
};

// The deadline of a filing; nullopt for corrections, cancellations and filings by the office.
std::optional<Deadline> DeadlineOf(const Communication& c);

// How many working days after its deadline `filed` is: 0 when in time, nullopt when the filing
// has no deadline. Counts at most 20 years of lateness (so absurd dates stay cheap).
std::optional<int> DaysLate(const Communication& c, absl::CivilDay filed);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_DEADLINES_H_
