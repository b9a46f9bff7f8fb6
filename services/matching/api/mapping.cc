#include "services/matching/api/mapping.h"

#include <string>
#include <utility>

#include "services/matching/events/matching_events.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::api {
namespace {

const platform::EnumMapping<CefrLevel, v1::CefrLevel> kCefr{
    {CefrLevel::kA1, v1::CEFR_LEVEL_A1}, {CefrLevel::kA2, v1::CEFR_LEVEL_A2},
    {CefrLevel::kB1, v1::CEFR_LEVEL_B1}, {CefrLevel::kB2, v1::CEFR_LEVEL_B2},
    {CefrLevel::kC1, v1::CEFR_LEVEL_C1}, {CefrLevel::kC2, v1::CEFR_LEVEL_C2}};
const platform::EnumMapping<WorkingMode, v1::WorkingMode> kModes{
    {WorkingMode::kOnSite, v1::WORKING_MODE_ON_SITE},
    {WorkingMode::kRemote, v1::WORKING_MODE_REMOTE},
    {WorkingMode::kHybrid, v1::WORKING_MODE_HYBRID}};
const platform::EnumMapping<EducationLevel, v1::EducationLevel> kEducation{
    {EducationLevel::kNone, v1::EDUCATION_LEVEL_NONE},
    {EducationLevel::kPrimary, v1::EDUCATION_LEVEL_PRIMARY},
    {EducationLevel::kLowerSecondary, v1::EDUCATION_LEVEL_LOWER_SECONDARY},
    {EducationLevel::kVocationalSecondary, v1::EDUCATION_LEVEL_VOCATIONAL_SECONDARY},
    {EducationLevel::kUpperSecondary, v1::EDUCATION_LEVEL_UPPER_SECONDARY},
    {EducationLevel::kPostSecondary, v1::EDUCATION_LEVEL_POST_SECONDARY},
    {EducationLevel::kUniversityDiploma, v1::EDUCATION_LEVEL_UNIVERSITY_DIPLOMA},
    {EducationLevel::kDegree, v1::EDUCATION_LEVEL_DEGREE},
    {EducationLevel::kPostGraduate, v1::EDUCATION_LEVEL_POST_GRADUATE},
    {EducationLevel::kDoctorate, v1::EDUCATION_LEVEL_DOCTORATE}};
const platform::EnumMapping<Availability, v1::Availability> kAvailability{
    {Availability::kAvailable, v1::AVAILABILITY_AVAILABLE},
    {Availability::kNotAvailable, v1::AVAILABILITY_NOT_AVAILABLE},
    {Availability::kEmployed, v1::AVAILABILITY_EMPLOYED}};
const platform::EnumMapping<L68Category, v1::L68Category> kL68{
    {L68Category::kNone, v1::L68_CATEGORY_NONE},
    {L68Category::kDisabled, v1::L68_CATEGORY_DISABLED},
    {L68Category::kProtected, v1::L68_CATEGORY_PROTECTED}};
const platform::EnumMapping<Visibility, v1::Visibility> kVisibility{
    {Visibility::kVisibleToCompanies, v1::VISIBILITY_VISIBLE_TO_COMPANIES},
    {Visibility::kCpiOnly, v1::VISIBILITY_CPI_ONLY},
    {Visibility::kAnonymous, v1::VISIBILITY_ANONYMOUS}};
const platform::EnumMapping<store::ProfileState, v1::ProfileState> kStates{
    {store::ProfileState::kToValidate, v1::PROFILE_STATE_TO_VALIDATE},
    {store::ProfileState::kValidated, v1::PROFILE_STATE_VALIDATED},
    {store::ProfileState::kExpired, v1::PROFILE_STATE_EXPIRED}};
const platform::EnumMapping<ProposalAction, v1::ProposalAction> kActions{
    {ProposalAction::kRemove, v1::PROPOSAL_ACTION_REMOVE},
    {ProposalAction::kNote, v1::PROPOSAL_ACTION_NOTE},
    {ProposalAction::kPropose, v1::PROPOSAL_ACTION_PROPOSE},
    {ProposalAction::kAccept, v1::PROPOSAL_ACTION_ACCEPT},
    {ProposalAction::kRefuse, v1::PROPOSAL_ACTION_REFUSE},
    {ProposalAction::kSend, v1::PROPOSAL_ACTION_SEND},
    {ProposalAction::kScheduleInterview, v1::PROPOSAL_ACTION_SCHEDULE_INTERVIEW},
    {ProposalAction::kRecordOutcome, v1::PROPOSAL_ACTION_RECORD_OUTCOME},
    {ProposalAction::kWithdraw, v1::PROPOSAL_ACTION_WITHDRAW}};
const platform::EnumMapping<ProposalState, v1::ProposalState> kOutcomes{
    {ProposalState::kHired, v1::PROPOSAL_STATE_HIRED},
    {ProposalState::kNotSelected, v1::PROPOSAL_STATE_NOT_SELECTED},
    {ProposalState::kSuitable, v1::PROPOSAL_STATE_SUITABLE},
    {ProposalState::kWithdrew, v1::PROPOSAL_STATE_WITHDREW}};

// An optional enum: unspecified maps to the domain's default.
template <typename D, typename P>
absl::StatusOr<D> Optional(const platform::EnumMapping<D, P>& m, P value, absl::string_view field,
                           D unspecified) {
  if (static_cast<int>(value) == 0) return unspecified;
  return m.FromProto(value, field);
}

// Absent (or sent empty) is no date.
absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(bool present, const std::string& text,
                                                           absl::string_view field) {
  if (!present || text.empty()) return std::nullopt;
  ASSIGN_OR_RETURN(absl::CivilDay d, platform::ParseDate(text, field));
  return d;
}

}  // namespace

absl::StatusOr<CandidateProfile> ContentFromProto(const v1::ProfileContent& c) {
  CandidateProfile p;
  for (int i = 0; i < c.desired_professions_size(); ++i) {
    const v1::DesiredProfession& d = c.desired_professions(i);
    DesiredProfession out{
        d.profession_code(), {d.contract_types().begin(), d.contract_types().end()}, {}};
    for (int m : d.working_modes()) {
      ASSIGN_OR_RETURN(WorkingMode mode,
                       kModes.FromProto(static_cast<v1::WorkingMode>(m), "working_modes"));
      out.working_modes.push_back(mode);
    }
    p.desired_professions.push_back(std::move(out));
  }
  for (int i = 0; i < c.experiences_size(); ++i) {
    const v1::Experience& e = c.experiences(i);
    const std::string field = absl::StrCat("content.experiences[", i, "]");
    ASSIGN_OR_RETURN(absl::CivilDay from, platform::ParseDate(e.from_date(), field + ".from_date"));
    ASSIGN_OR_RETURN(std::optional<absl::CivilDay> to,
                     OptionalDate(e.has_to_date(), e.to_date(), field + ".to_date"));
    p.experiences.push_back(
        {e.profession_code(), e.employer_name(), from, to, e.relationship_id()});
  }
  ASSIGN_OR_RETURN(p.education, Optional(kEducation, c.education(), "content.education",
                                         EducationLevel::kUnspecified));
  for (int i = 0; i < c.languages_size(); ++i) {
    ASSIGN_OR_RETURN(CefrLevel level, Optional(kCefr, c.languages(i).level(),
                                               absl::StrCat("content.languages[", i, "].level"),
                                               CefrLevel::kUnspecified));
    p.languages.push_back({c.languages(i).language(), level});
  }
  p.it_skills.assign(c.it_skills().begin(), c.it_skills().end());
  p.driving_licences.assign(c.driving_licences().begin(), c.driving_licences().end());
  p.professional_registers.assign(c.professional_registers().begin(),
                                  c.professional_registers().end());
  p.domicile_istat_code = c.domicile_municipality();
  p.mobility_radius_km = c.mobility_radius_km();
  ASSIGN_OR_RETURN(p.availability, Optional(kAvailability, c.availability(), "content.availability",
                                            Availability::kUnspecified));
  ASSIGN_OR_RETURN(p.l68,
                   Optional(kL68, c.l68_category(), "content.l68_category", L68Category::kNone));
  ASSIGN_OR_RETURN(p.unemployed_since, OptionalDate(c.has_unemployed_since(), c.unemployed_since(),
                                                    "content.unemployed_since"));
  ASSIGN_OR_RETURN(p.visibility, Optional(kVisibility, c.visibility(), "content.visibility",
                                          Visibility::kUnspecified));
  return p;
}

v1::ProfileContent ContentToProto(const CandidateProfile& p) {
  v1::ProfileContent c;
  for (const DesiredProfession& d : p.desired_professions) {
    v1::DesiredProfession* out = c.add_desired_professions();
    out->set_profession_code(d.profession_code);
    for (const std::string& t : d.contract_types) out->add_contract_types(t);
    for (WorkingMode m : d.working_modes) out->add_working_modes(kModes.ToProto(m));
  }
  for (const Experience& e : p.experiences) {
    v1::Experience* out = c.add_experiences();
    out->set_profession_code(e.profession_code);
    out->set_employer_name(e.employer_name);
    out->set_from_date(absl::FormatCivilTime(e.from));
    if (e.to) out->set_to_date(absl::FormatCivilTime(*e.to));
    out->set_relationship_id(e.relationship_id);
  }
  c.set_education(kEducation.ToProto(p.education));
  for (const LanguageSkill& l : p.languages) {
    v1::LanguageSkill* out = c.add_languages();
    out->set_language(l.language);
    out->set_level(kCefr.ToProto(l.level));
  }
  for (const std::string& s : p.it_skills) c.add_it_skills(s);
  for (const std::string& s : p.driving_licences) c.add_driving_licences(s);
  for (const std::string& s : p.professional_registers) c.add_professional_registers(s);
  c.set_domicile_municipality(p.domicile_istat_code);
  c.set_mobility_radius_km(p.mobility_radius_km);
  c.set_availability(kAvailability.ToProto(p.availability));
  c.set_l68_category(kL68.ToProto(p.l68));
  if (p.unemployed_since) c.set_unemployed_since(absl::FormatCivilTime(*p.unemployed_since));
  c.set_visibility(kVisibility.ToProto(p.visibility));
  return c;
}

v1::Profile ProfileToProto(const ProfileRecord& r) {
  v1::Profile out;
  const store::StoredProfile& s = r.profile;
  out.set_person_id(s.profile.person_id);
  out.set_given_name(s.given_name);
  out.set_family_name(s.family_name);
  out.set_cpi_code(s.profile.cpi_code);
  *out.mutable_content() = ContentToProto(s.profile);
  out.set_state(r.stored ? kStates.ToProto(s.state) : v1::PROFILE_STATE_UNSPECIFIED);
  if (s.profile.validated_on) out.set_validated_on(absl::FormatCivilTime(*s.profile.validated_on));
  if (s.expires_on) out.set_expires_on(absl::FormatCivilTime(*s.expires_on));
  if (r.stored) *out.mutable_update_time() = platform::ToTimestamp(s.updated_at);
  out.set_stored(r.stored);
  return out;
}

absl::StatusOr<std::optional<store::ProfileState>> StateFromProto(v1::ProfileState s) {
  if (s == v1::PROFILE_STATE_UNSPECIFIED) return std::nullopt;
  ASSIGN_OR_RETURN(store::ProfileState state, kStates.FromProto(s, "state"));
  return state;
}

v1::Contribution ContributionToProto(const Contribution& c) {
  v1::Contribution out;
  out.set_criterion(std::string(CriterionName(c.criterion)));
  out.set_raw(c.raw);
  out.set_detail(c.detail);
  out.set_weight(c.weight);
  out.set_points(c.points);
  return out;
}

v1::Proposal ProposalToProto(const ProposalView& v) {
  v1::Proposal out;
  const Proposal& p = v.proposal;
  out.set_proposal_id(p.id);
  out.set_vacancy_id(p.vacancy_id);
  out.set_vacancy_title(v.vacancy.title);
  out.set_company_name(v.vacancy.company_name);
  out.set_person_id(p.person_id);
  out.set_given_name(v.given_name);
  out.set_family_name(v.family_name);
  out.set_state(events::ToProto(p.state));
  out.set_score(p.score);
  if (p.deadline) out.set_deadline(absl::FormatCivilTime(*p.deadline));
  if (p.visible_from) out.set_visible_from(absl::FormatCivilTime(*p.visible_from));
  if (p.interview_at) *out.mutable_interview_time() = platform::ToTimestamp(*p.interview_at);
  for (const ProposalStep& s : p.history) {
    v1::ProposalHistoryEntry* h = out.add_history();
    h->set_action(events::ToProto(s.action));
    h->set_from_state(events::ToProto(s.from));
    h->set_to_state(events::ToProto(s.to));
    h->set_actor_role(std::string(ActorName(s.actor)));
    *h->mutable_action_time() = platform::ToTimestamp(s.at);
    h->set_note(s.note);
  }
  if (!p.history.empty()) {
    *out.mutable_create_time() = platform::ToTimestamp(p.history.front().at);
    *out.mutable_update_time() = platform::ToTimestamp(p.history.back().at);
  }
  return out;
}

absl::StatusOr<StepInput> StepFromProto(const v1::TransitionProposalRequest& r) {
  StepInput in;
  ASSIGN_OR_RETURN(in.action, kActions.FromProto(r.action(), "action"));
  in.note = r.note();
  ASSIGN_OR_RETURN(in.deadline, OptionalDate(r.has_deadline(), r.deadline(), "deadline"));
  ASSIGN_OR_RETURN(in.visible_from,
                   OptionalDate(r.has_visible_from(), r.visible_from(), "visible_from"));
  if (r.has_interview_time()) in.interview_at = platform::FromTimestamp(r.interview_time());
  if (r.outcome() != v1::PROPOSAL_STATE_UNSPECIFIED) {
    ASSIGN_OR_RETURN(ProposalState outcome, kOutcomes.FromProto(r.outcome(), "outcome"));
    in.outcome = outcome;
  }
  return in;
}

}  // namespace sisl::matching::api
