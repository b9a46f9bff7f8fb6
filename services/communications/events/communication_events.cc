#include "services/communications/events/communication_events.h"

#include "services/communications/api/content_mapping.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"

namespace sisl::communications::events {
namespace {

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

}  // namespace

std::string AgeBand(absl::CivilDay birth, absl::CivilDay day) {
  if (birth == absl::CivilDay() || birth > day) return "";
  const int age = reference::AgeOn(birth, day);
  if (age < 25) return "15-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

v1::CitizenshipGroup CitizenshipGroupOf(absl::string_view citizenship, absl::CivilDay day) {
  if (citizenship.empty()) return v1::CITIZENSHIP_GROUP_UNSPECIFIED;
  if (citizenship == "000") return v1::CITIZENSHIP_GROUP_ITALIAN;
  return reference::IsFreeMovementCitizenship(citizenship, day) ? v1::CITIZENSHIP_GROUP_EU
                                                                : v1::CITIZENSHIP_GROUP_NON_EU;
}

std::string EmployerId(const std::string& fiscal_code,
                       const platform::auth::PersonIdHasher& person_ids) {
  if (fiscal_code.size() == 11) return fiscal_code;
  return fiscal_code.empty() ? "" : person_ids.PersonId(fiscal_code);
}

v1::CommunicationFacts FactsOf(const Communication& c, const std::string& relationship_id,
                               const RelationshipState* state, int days_late,
                               const platform::auth::PersonIdHasher& person_ids) {
  const absl::CivilDay day = EventDate(c);
  v1::CommunicationFacts f;
  f.set_code(c.code);
  f.set_form(api::FormToProto(c.form));
  f.set_nature(api::NatureToProto(c.nature));
  f.set_event(api::EventToProto(c.event));
  f.set_event_date(Day(day));
  f.set_relationship_id(relationship_id);
  f.set_person_id(person_ids.PersonId(c.worker.fiscal_code));
  f.set_sex(c.worker.sex == reference::Sex::kFemale ? v1::SEX_FEMALE : v1::SEX_MALE);
  f.set_age_band(AgeBand(c.worker.birth_date, day));
  f.set_citizenship_group(CitizenshipGroupOf(c.worker.citizenship, day));
  f.set_employer_id(EmployerId(RelationshipEmployer(c), person_ids));
  f.set_ateco(c.employer.ateco);
  f.set_public_administration(c.employer.public_administration);
  f.set_l68(c.contract.l68);
  f.set_days_late(days_late);
  if (state != nullptr) {
    f.set_contract_type(state->contract_type);
    f.set_working_time(state->working_time);
    f.set_weekly_hours(state->weekly_hours);
    f.set_profession(state->profession);
    f.set_ccnl(state->ccnl);
    f.set_start_date(Day(state->start));
    if (state->end) f.set_end_date(Day(*state->end));
    f.set_workplace_municipality_code(state->workplace_municipality_code);
    f.set_termination_cause(state->termination_cause);
    f.set_mission_user_id(EmployerId(state->mission_user_fiscal_code, person_ids));
  } else {
    f.set_contract_type(c.contract.contract_type);
    f.set_working_time(c.contract.working_time);
    f.set_weekly_hours(c.contract.weekly_hours);
    f.set_profession(c.contract.profession);
    f.set_ccnl(c.contract.ccnl);
    f.set_start_date(Day(c.contract.start));
    if (c.contract.end) f.set_end_date(Day(*c.contract.end));
    f.set_workplace_municipality_code(c.employer.workplace.municipality_code);
    if (c.termination) f.set_termination_cause(c.termination->cause);
  }
  if (c.transformation) f.set_transformation_code(c.transformation->code);
  const reference::Municipality* place =
      reference::Municipalities::Default().ByBelfioreOn(f.workplace_municipality_code(), day);
  if (place != nullptr) {
    f.set_workplace_istat_code(place->istat_code);
    f.set_workplace_province(place->province_code);
  }
  return f;
}

v1::CommunicationFacts StepFactsOf(const std::vector<const Communication*>& steps,
                                   const std::string& relationship_id,
                                   const RelationshipState* state, int days_late,
                                   const platform::auth::PersonIdHasher& person_ids) {
  const Communication& c = *steps.back();
  if (c.form != Form::kVardatori) return FactsOf(c, relationship_id, state, days_late, person_ids);
  const std::string employer =
      state != nullptr ? reference::NormalizeFiscalCode(state->employer_fiscal_code) : "";
  const Communication* worker_source = nullptr;
  const Communication* employer_source = nullptr;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    const Communication& step = **it;
    if (step.nature == Nature::kCancellation) continue;
    if (worker_source == nullptr && step.form != Form::kVardatori) worker_source = &step;
    if (employer_source == nullptr && !employer.empty() &&
        reference::NormalizeFiscalCode(RelationshipEmployer(step)) == employer) {
      employer_source = &step;
    }
  }
  Communication merged = worker_source != nullptr ? *worker_source : c;
  merged.code = c.code;
  merged.previous_code = c.previous_code;
  merged.form = c.form;
  merged.nature = c.nature;
  merged.event = c.event;
  merged.employer_change = c.employer_change;
  merged.transformation.reset();
  merged.employer = employer_source != nullptr ? employer_source->employer : c.employer;
  if (employer_source != nullptr) {
    merged.employer.fiscal_code = RelationshipEmployer(*employer_source);
  } else if (state != nullptr) {
    merged.employer.fiscal_code = state->employer_fiscal_code;
  }
  return FactsOf(merged, relationship_id, state, days_late, person_ids);
}

absl::string_view RelationshipStateName(const RelationshipState* state) {
  if (state == nullptr) return "cancelled";
  switch (state->status) {
    case RelationshipStatus::kOpen:
      return "open";
    case RelationshipStatus::kClosed:
      return "closed";
    case RelationshipStatus::kCancelled:
      return "cancelled";
  }
  return "open";
}

v1::RelationshipChanged RelationshipChangedEvent(const std::string& relationship_id,
                                                 const std::string& person_id,
                                                 const RelationshipState* before,
                                                 const v1::CommunicationFacts* before_facts,
                                                 const RelationshipState* after,
                                                 const v1::CommunicationFacts& after_facts) {
  v1::RelationshipChanged e;
  e.set_relationship_id(relationship_id);
  e.set_person_id(person_id);
  e.set_state(std::string(RelationshipStateName(after)));
  *e.mutable_facts() = after_facts;
  if (before != nullptr) {
    e.set_previous_state(std::string(RelationshipStateName(before)));
    if (before_facts != nullptr) *e.mutable_previous_facts() = *before_facts;
  }
  return e;
}

}  // namespace sisl::communications::events
