#ifndef SISL_OBSERVATORY_DOMAIN_DELTAS_H_
#define SISL_OBSERVATORY_DOMAIN_DELTAS_H_

// What each fact does to the cells (cells.h). The events/ layer maps the other services' events
// to these facts; nothing here knows a person: the facts are the event's codes and dates.

#include <string>
#include <vector>

#include "services/observatory/domain/cells.h"

namespace sisl::observatory {

// The flow an employment communication counts as.
enum class FlowKind { kNone, kHire, kExtension, kTransformation, kTermination };
absl::string_view FlowKindCode(FlowKind kind);  // "hire", ...; "" for kNone

// The facts of a communication, or of a relationship as it stands after one.
struct EmploymentFacts {
  FlowKind kind = FlowKind::kNone;
  std::string event_date;  // YYYY-MM-DD
  std::string start_date;
  std::string end_date;      // "" while open-ended
  std::string province;      // sigla of the workplace's province, "TO"
  std::string municipality;  // ISTAT code of the workplace, "001272"
  std::string ateco;         // "47.11.10" (the section is looked up on the event date)
  std::string contract_type;
  std::string working_time;
  std::string sex;                // "M", "F" or ""
  std::string age_band;           // "25-34"
  std::string citizenship_group;  // "italian", "eu", "non_eu" or ""
};

// The ATECO section letter of a code on a day ("G" for "47.11.10"), "" when unknown.
std::string AtecoSection(const std::string& ateco, const std::string& day);

// +sign on the flow cell of a communication (nothing for kNone).
std::vector<CellDelta> FlowDeltas(const EmploymentFacts& f, int sign);

// The stock contribution of a relationship, times sign: +1 in its start month and -1 in the
// month after its end (so it counts on every month's last day it is in force); nothing for one
// that ends before the last day of the month it starts in.
std::vector<CellDelta> StockDeltas(const EmploymentFacts& f, int sign);

// A vacancy: the province of its workplace, its CP2011 profession and contract.
struct VacancyFacts {
  std::string province;
  std::string profession_code;  // "5.1.2.2.0"; the group is its first digit
  std::string contract_type;
};
enum class VacancyOutcome { kFilled, kExpired, kWithdrawn };

std::vector<CellDelta> VacancyPublishedDeltas(const VacancyFacts& f, const std::string& day);
// `published_day` may be "" (then no days-to-fill is added).
std::vector<CellDelta> VacancyClosedDeltas(const VacancyFacts& f, VacancyOutcome outcome,
                                           const std::string& published_day,
                                           const std::string& closed_day);

// A matching proposal reaching `outcome` ("proposed", "accepted", "hired", ...) on `day`.
std::vector<CellDelta> ProposalDeltas(const std::string& outcome, const std::string& cpi,
                                      const std::string& profession_code, const std::string& day);

// An appointment of a CPI's service: kind "booked", "delivered", "no_show", "cancelled".
std::vector<CellDelta> AppointmentDeltas(const std::string& kind, const std::string& cpi,
                                         const std::string& service, const std::string& day);

// Whole days from `from` to `to` (YYYY-MM-DD), or -1 when either is malformed.
int64_t DaysBetween(const std::string& from, const std::string& to);

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_DELTAS_H_
