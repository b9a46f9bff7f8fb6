// Vacancies: domain <-> proto (mapping.h).
#include "services/enterprise/api/mapping.h"
#include "services/enterprise/app/places.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
namespace {

std::vector<Requirement> RequirementsFromProto(
    const google::protobuf::RepeatedPtrField<v1::Requirement>& list) {
  std::vector<Requirement> out;
  for (const v1::Requirement& r : list) {
    out.push_back({r.value(), ToDomainEnum(r.requirement(), RequirementLevel::kPreferred)});
  }
  return out;
}

void RequirementsToProto(const std::vector<Requirement>& list,
                         google::protobuf::RepeatedPtrField<v1::Requirement>* out) {
  for (const Requirement& r : list) {
    v1::Requirement* p = out->Add();
    p->set_value(r.value);
    p->set_requirement(ToProtoEnum<v1::RequirementLevel>(r.requirement));
  }
}

}  // namespace

absl::StatusOr<VacancyContent> ContentFromProto(const v1::VacancyContent& p) {
  VacancyContent c;
  c.title = p.title();
  c.description = p.description();
  c.profession_code = p.profession_code();
  c.positions = p.positions() == 0 ? 1 : p.positions();
  c.contract_type = p.contract_type();
  c.ccnl_code = p.ccnl_code();
  c.ccnl_level = p.ccnl_level();
  if (p.has_salary()) {
    c.salary = SalaryBand{p.salary().min_cents(), p.salary().max_cents(),
                          ToDomainEnum(p.salary().period(), SalaryPeriod::kYear)};
  }
  c.workplace_municipality = p.workplace_municipality();
  c.working_time = p.working_time();
  if (p.weekly_hours() > 0) c.weekly_hours = p.weekly_hours();
  if (p.duration_months() > 0) c.duration_months = p.duration_months();
  if (!p.education_level().empty()) {
    c.education = EducationRequirement{
        p.education_level(), ToDomainEnum(p.education_requirement(), RequirementLevel::kPreferred)};
  }
  if (p.experience_months() > 0) {
    c.experience = ExperienceRequirement{
        p.experience_months(),
        ToDomainEnum(p.experience_requirement(), RequirementLevel::kPreferred)};
  }
  for (const v1::LanguageRequirement& l : p.languages()) {
    c.languages.push_back({l.language(), ToDomainEnum(l.level(), CefrLevel::kC2),
                           ToDomainEnum(l.requirement(), RequirementLevel::kPreferred)});
  }
  c.it_skills = RequirementsFromProto(p.it_skills());
  c.driving_licences = RequirementsFromProto(p.driving_licences());
  c.professional_registers = RequirementsFromProto(p.professional_registers());
  c.l68_reservation = p.l68_reservation() == v1::L68_RESERVATION_UNSPECIFIED
                          ? L68Reservation::kNone
                          : ToDomainEnum(p.l68_reservation(), L68Reservation::kProtected);
  ASSIGN_OR_RETURN(c.publication_date,
                   platform::ParseDate(p.publication_date(), "content.publication_date"));
  ASSIGN_OR_RETURN(c.expiry_date, platform::ParseDate(p.expiry_date(), "content.expiry_date"));
  c.anonymous = p.anonymous();
  return c;
}

v1::VacancyContent ContentToProto(const VacancyContent& c) {
  v1::VacancyContent p;
  p.set_title(c.title);
  p.set_description(c.description);
  p.set_profession_code(c.profession_code);
  p.set_positions(c.positions);
  p.set_contract_type(c.contract_type);
  p.set_ccnl_code(c.ccnl_code);
  p.set_ccnl_level(c.ccnl_level);
  if (c.salary.has_value()) {
    p.mutable_salary()->set_min_cents(c.salary->min_cents);
    p.mutable_salary()->set_max_cents(c.salary->max_cents);
    p.mutable_salary()->set_period(ToProtoEnum<v1::SalaryPeriod>(c.salary->period));
  }
  p.set_workplace_municipality(c.workplace_municipality);
  p.set_working_time(c.working_time);
  p.set_weekly_hours(c.weekly_hours.value_or(0));
  p.set_duration_months(c.duration_months.value_or(0));
  if (c.education.has_value()) {
    p.set_education_level(c.education->level_code);
    p.set_education_requirement(ToProtoEnum<v1::RequirementLevel>(c.education->requirement));
  }
  if (c.experience.has_value()) {
    p.set_experience_months(c.experience->months);
    p.set_experience_requirement(ToProtoEnum<v1::RequirementLevel>(c.experience->requirement));
  }
  for (const LanguageRequirement& l : c.languages) {
    v1::LanguageRequirement* lp = p.add_languages();
    lp->set_language(l.language);
    lp->set_level(ToProtoEnum<v1::CefrLevel>(l.level));
    lp->set_requirement(ToProtoEnum<v1::RequirementLevel>(l.requirement));
  }
  RequirementsToProto(c.it_skills, p.mutable_it_skills());
  RequirementsToProto(c.driving_licences, p.mutable_driving_licences());
  RequirementsToProto(c.professional_registers, p.mutable_professional_registers());
  p.set_l68_reservation(ToProtoEnum<v1::L68Reservation>(c.l68_reservation));
  p.set_publication_date(platform::FormatDate(c.publication_date));
  p.set_expiry_date(platform::FormatDate(c.expiry_date));
  p.set_anonymous(c.anonymous);
  return p;
}

v1::Vacancy VacancyToProto(const store::StoredVacancy& s, VacancyAudience audience) {
  const Vacancy& v = s.vacancy;
  v1::Vacancy p;
  p.set_vacancy_id(v.id);
  if (audience != VacancyAudience::kPublic || !v.content.anonymous) {
    p.set_company_fiscal_code(v.company);
    p.set_company_name(s.company_name);
  }
  *p.mutable_content() = ContentToProto(v.content);
  p.set_state(ToProtoEnum<v1::VacancyState>(v.state));
  p.set_closure_reason(ToProtoEnum<v1::ClosureReason>(v.closure));
  p.set_cpi_code(s.cpi_code);
  const auto [name, province] = MunicipalityNames(v.content.workplace_municipality);
  p.set_workplace_municipality_name(name);
  p.set_workplace_province(province);
  *p.mutable_create_time() = platform::ToTimestamp(s.created_at);
  *p.mutable_update_time() = platform::ToTimestamp(s.updated_at);
  if (audience == VacancyAudience::kPublic) return p;
  for (const std::string& r : v.send_back_reasons) p.add_send_back_reasons(r);
  static constexpr const char* kRoles[] = {"", "company", "operator", "system"};
  for (const VacancyEvent& e : v.history) {
    v1::VacancyHistoryEntry* h = p.add_history();
    h->set_action(ToProtoEnum<v1::VacancyAction>(e.action));
    h->set_from_state(ToProtoEnum<v1::VacancyState>(e.from));
    h->set_to_state(ToProtoEnum<v1::VacancyState>(e.to));
    h->set_actor_role(kRoles[static_cast<int>(e.role)]);
    *h->mutable_action_time() = platform::ToTimestamp(e.at);
    for (const std::string& r : e.reasons) h->add_reasons(r);
    h->set_closure_reason(ToProtoEnum<v1::ClosureReason>(e.closure));
  }
  static constexpr const char* kCategories[] = {"", "age", "sex", "nationality"};
  for (const WordingWarning& w : CheckVacancyWording(v.content)) {
    v1::WordingWarning* wp = p.add_wording_warnings();
    wp->set_category(kCategories[static_cast<int>(w.category)]);
    wp->set_field(w.field);
    wp->set_text(w.text);
    wp->set_message_it(w.message_it);
    wp->set_message_en(w.message_en);
  }
  return p;
}

}  // namespace sisl::enterprise::api
