#include "services/communications/api/content_mapping.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::api {
namespace {

const platform::EnumMapping<Form, v1::CommunicationForm> kForms{
    {Form::kUnilav, v1::COMMUNICATION_FORM_UNILAV},
    {Form::kUnisomm, v1::COMMUNICATION_FORM_UNISOMM},
    {Form::kUniurg, v1::COMMUNICATION_FORM_UNIURG},
    {Form::kVardatori, v1::COMMUNICATION_FORM_VARDATORI}};

const platform::EnumMapping<Nature, v1::CommunicationNature> kNatures{
    {Nature::kOrdinary, v1::COMMUNICATION_NATURE_ORDINARY},
    {Nature::kAfterUrgency, v1::COMMUNICATION_NATURE_AFTER_URGENCY},
    {Nature::kCorrection, v1::COMMUNICATION_NATURE_CORRECTION},
    {Nature::kCancellation, v1::COMMUNICATION_NATURE_CANCELLATION},
    {Nature::kByOffice, v1::COMMUNICATION_NATURE_BY_OFFICE}};

const platform::EnumMapping<EventKind, v1::CommunicationEvent> kEvents{
    {EventKind::kHire, v1::COMMUNICATION_EVENT_HIRE},
    {EventKind::kExtension, v1::COMMUNICATION_EVENT_EXTENSION},
    {EventKind::kTransformation, v1::COMMUNICATION_EVENT_TRANSFORMATION},
    {EventKind::kTransfer, v1::COMMUNICATION_EVENT_TRANSFER},
    {EventKind::kSecondment, v1::COMMUNICATION_EVENT_SECONDMENT},
    {EventKind::kTermination, v1::COMMUNICATION_EVENT_TERMINATION},
    {EventKind::kMissionStart, v1::COMMUNICATION_EVENT_MISSION_START},
    {EventKind::kMissionExtension, v1::COMMUNICATION_EVENT_MISSION_EXTENSION},
    {EventKind::kMissionTermination, v1::COMMUNICATION_EVENT_MISSION_TERMINATION},
    {EventKind::kEmployerChange, v1::COMMUNICATION_EVENT_EMPLOYER_CHANGE}};

// Reads the dates of one message; the first bad one is the error.
class Dates final {
 public:
  absl::CivilDay Required(const std::string& text, absl::string_view field) {
    if (text.empty()) return kNoDay;
    return Parse(text, field).value_or(kNoDay);
  }
  std::optional<absl::CivilDay> Optional(const std::string& text, absl::string_view field) {
    if (text.empty()) return std::nullopt;
    return Parse(text, field);
  }
  const absl::Status& status() const { return status_; }

 private:
  std::optional<absl::CivilDay> Parse(const std::string& text, absl::string_view field) {
    absl::StatusOr<absl::CivilDay> day = platform::ParseDate(text, field);
    if (!day.ok()) {
      if (status_.ok()) status_ = day.status();
      return std::nullopt;
    }
    return *day;
  }
  absl::Status status_;
};

std::string Day(absl::CivilDay d) { return d == kNoDay ? "" : absl::FormatCivilTime(d); }
std::string Day(const std::optional<absl::CivilDay>& d) { return d ? Day(*d) : ""; }

Address AddressFrom(const v1::Address& p) {
  return {p.municipality_code(), p.postcode(), p.street()};
}
void AddressTo(const Address& a, v1::Address* p) {
  p->set_municipality_code(a.municipality_code);
  p->set_postcode(a.postcode);
  p->set_street(a.street);
}

void EmployerFrom(const v1::Employer& p, Employer& e) {
  e.fiscal_code = p.fiscal_code();
  e.name = p.name();
  e.ateco = p.ateco();
  e.public_administration = p.public_administration();
  e.registered_office = AddressFrom(p.registered_office());
  e.workplace = AddressFrom(p.workplace());
  e.pec = p.pec();
}

void WorkerFrom(const v1::Worker& p, Dates& dates, Worker& w) {
  w.fiscal_code = p.fiscal_code();
  w.surname = p.surname();
  w.name = p.name();
  w.sex = p.sex() == v1::SEX_FEMALE ? reference::Sex::kFemale : reference::Sex::kMale;
  w.birth_date = dates.Required(p.birth_date(), "content.worker.birth_date");
  w.birth_place_code = p.birth_place_code();
  w.citizenship = p.citizenship();
  w.education_level = p.education_level();
  w.domicile = AddressFrom(p.domicile());
  if (p.has_permit()) {
    const v1::Permit& pp = p.permit();
    w.permit = Permit{pp.document_type(), pp.number(), pp.reason(),
                      dates.Optional(pp.expiry_date(), "content.worker.permit.expiry_date"),
                      pp.police_office()};
  }
}

void ContractFrom(const v1::Contract& p, Dates& dates, Contract& c) {
  c.start = dates.Required(p.start_date(), "content.contract.start_date");
  c.end = dates.Optional(p.end_date(), "content.contract.end_date");
  c.contract_type = p.contract_type();
  c.working_time = p.working_time();
  c.weekly_hours = p.weekly_hours();
  c.ccnl = p.ccnl();
  c.level = p.level();
  c.profession = p.profession();
  c.social_security_body = p.social_security_body();
  c.inail_pat = p.inail_pat();
  c.annual_pay_eur = p.annual_pay_eur();
  c.l68 = p.l68();
  c.seasonal = p.seasonal();
  c.agricultural = p.agricultural();
  c.training_end = dates.Optional(p.training_end_date(), "content.contract.training_end_date");
}

void ContractTo(const Contract& c, v1::Contract* p) {
  p->set_start_date(Day(c.start));
  p->set_end_date(Day(c.end));
  p->set_contract_type(c.contract_type);
  p->set_working_time(c.working_time);
  p->set_weekly_hours(c.weekly_hours);
  p->set_ccnl(c.ccnl);
  p->set_level(c.level);
  p->set_profession(c.profession);
  p->set_social_security_body(c.social_security_body);
  p->set_inail_pat(c.inail_pat);
  p->set_annual_pay_eur(static_cast<int32_t>(c.annual_pay_eur));
  p->set_l68(c.l68);
  p->set_seasonal(c.seasonal);
  p->set_agricultural(c.agricultural);
  p->set_training_end_date(Day(c.training_end));
}

void PartsFrom(const v1::CommunicationContent& p, Dates& dates, Communication& c) {
  if (p.has_extension()) {
    c.extension =
        Extension{dates.Required(p.extension().new_end_date(), "content.extension.new_end_date")};
  }
  if (p.has_transformation()) {
    const v1::Transformation& t = p.transformation();
    c.transformation =
        Transformation{t.code(), dates.Required(t.date(), "content.transformation.date"),
                       t.new_contract_type(), t.new_working_time(), t.new_weekly_hours()};
  }
  if (p.has_transfer()) {
    const v1::Transfer& t = p.transfer();
    c.transfer = Transfer{dates.Required(t.date(), "content.transfer.date"),
                          dates.Optional(t.end_date(), "content.transfer.end_date"),
                          AddressFrom(t.new_workplace()), t.host_employer_fiscal_code(),
                          t.host_employer_name()};
  }
  if (p.has_termination()) {
    c.termination = Termination{dates.Required(p.termination().date(), "content.termination.date"),
                                p.termination().cause()};
  }
  if (p.has_agency()) {
    c.agency = Agency{p.agency().fiscal_code(), p.agency().name(), p.agency().register_number()};
  }
  if (p.has_mission()) {
    const v1::Mission& m = p.mission();
    Mission out;
    out.user_fiscal_code = m.user_fiscal_code();
    out.user_name = m.user_name();
    out.user_ateco = m.user_ateco();
    out.user_public_administration = m.user_public_administration();
    out.agency_contract_number = m.agency_contract_number();
    out.start = dates.Required(m.start_date(), "content.mission.start_date");
    out.end = dates.Optional(m.end_date(), "content.mission.end_date");
    out.workplace = AddressFrom(m.workplace());
    out.profession = m.profession();
    out.ccnl = m.ccnl();
    out.level = m.level();
    out.working_time = m.working_time();
    out.weekly_hours = m.weekly_hours();
    out.inail_pat = m.inail_pat();
    c.mission = std::move(out);
  }
  if (p.has_urgency()) c.urgency = Urgency{p.urgency().reason()};
  if (p.has_employer_change()) {
    const v1::EmployerChange& v = p.employer_change();
    c.employer_change = EmployerChange{
        v.kind(), dates.Required(v.date(), "content.employer_change.date"),
        v.previous_fiscal_code(), v.previous_name(),
        std::vector<std::string>(v.worker_fiscal_codes().begin(), v.worker_fiscal_codes().end())};
  }
}

void PartsTo(const Communication& c, v1::CommunicationContent& p) {
  if (c.extension) p.mutable_extension()->set_new_end_date(Day(c.extension->new_end));
  if (c.transformation) {
    v1::Transformation* t = p.mutable_transformation();
    t->set_code(c.transformation->code);
    t->set_date(Day(c.transformation->date));
    t->set_new_contract_type(c.transformation->new_contract_type);
    t->set_new_working_time(c.transformation->new_working_time);
    t->set_new_weekly_hours(c.transformation->new_weekly_hours);
  }
  if (c.transfer) {
    v1::Transfer* t = p.mutable_transfer();
    t->set_date(Day(c.transfer->date));
    t->set_end_date(Day(c.transfer->end));
    AddressTo(c.transfer->new_workplace, t->mutable_new_workplace());
    t->set_host_employer_fiscal_code(c.transfer->host_employer_fiscal_code);
    t->set_host_employer_name(c.transfer->host_employer_name);
  }
  if (c.termination) {
    p.mutable_termination()->set_date(Day(c.termination->date));
    p.mutable_termination()->set_cause(c.termination->cause);
  }
  if (c.agency) {
    p.mutable_agency()->set_fiscal_code(c.agency->fiscal_code);
    p.mutable_agency()->set_name(c.agency->name);
    p.mutable_agency()->set_register_number(c.agency->register_number);
  }
  if (c.mission) {
    const Mission& m = *c.mission;
    v1::Mission* out = p.mutable_mission();
    out->set_user_fiscal_code(m.user_fiscal_code);
    out->set_user_name(m.user_name);
    out->set_user_ateco(m.user_ateco);
    out->set_user_public_administration(m.user_public_administration);
    out->set_agency_contract_number(m.agency_contract_number);
    out->set_start_date(Day(m.start));
    out->set_end_date(Day(m.end));
    AddressTo(m.workplace, out->mutable_workplace());
    out->set_profession(m.profession);
    out->set_ccnl(m.ccnl);
    out->set_level(m.level);
    out->set_working_time(m.working_time);
    out->set_weekly_hours(m.weekly_hours);
    out->set_inail_pat(m.inail_pat);
  }
  if (c.urgency) p.mutable_urgency()->set_reason(c.urgency->reason);
  if (c.employer_change) {
    v1::EmployerChange* v = p.mutable_employer_change();
    v->set_kind(c.employer_change->kind);
    v->set_date(Day(c.employer_change->date));
    v->set_previous_fiscal_code(c.employer_change->previous_fiscal_code);
    v->set_previous_name(c.employer_change->previous_name);
    for (const std::string& w : c.employer_change->worker_fiscal_codes) {
      v->add_worker_fiscal_codes(w);
    }
  }
}

}  // namespace

v1::CommunicationForm FormToProto(Form form) { return kForms.ToProto(form); }
v1::CommunicationNature NatureToProto(Nature nature) { return kNatures.ToProto(nature); }
v1::CommunicationEvent EventToProto(EventKind event) { return kEvents.ToProto(event); }

absl::StatusOr<Communication> ContentFromProto(const v1::CommunicationContent& p) {
  Communication c;
  ASSIGN_OR_RETURN(c.form, kForms.FromProto(p.form(), "form"));
  ASSIGN_OR_RETURN(c.nature, kNatures.FromProto(p.nature(), "nature"));
  ASSIGN_OR_RETURN(c.event, kEvents.FromProto(p.event(), "event"));
  c.previous_code = p.previous_code();
  Dates dates;
  EmployerFrom(p.employer(), c.employer);
  WorkerFrom(p.worker(), dates, c.worker);
  ContractFrom(p.contract(), dates, c.contract);
  PartsFrom(p, dates, c);
  RETURN_IF_ERROR(dates.status());
  return c;
}

v1::CommunicationContent ContentToProto(const Communication& c) {
  v1::CommunicationContent p;
  p.set_form(kForms.ToProto(c.form));
  p.set_nature(kNatures.ToProto(c.nature));
  p.set_event(kEvents.ToProto(c.event));
  p.set_previous_code(c.previous_code);
  v1::Employer* e = p.mutable_employer();
  e->set_fiscal_code(c.employer.fiscal_code);
  e->set_name(c.employer.name);
  e->set_ateco(c.employer.ateco);
  e->set_public_administration(c.employer.public_administration);
  AddressTo(c.employer.registered_office, e->mutable_registered_office());
  AddressTo(c.employer.workplace, e->mutable_workplace());
  e->set_pec(c.employer.pec);
  v1::Worker* w = p.mutable_worker();
  w->set_fiscal_code(c.worker.fiscal_code);
  w->set_surname(c.worker.surname);
  w->set_name(c.worker.name);
  w->set_sex(c.worker.sex == reference::Sex::kFemale ? v1::SEX_FEMALE : v1::SEX_MALE);
  w->set_birth_date(Day(c.worker.birth_date));
  w->set_birth_place_code(c.worker.birth_place_code);
  w->set_citizenship(c.worker.citizenship);
  w->set_education_level(c.worker.education_level);
  AddressTo(c.worker.domicile, w->mutable_domicile());
  if (c.worker.permit) {
    v1::Permit* pp = w->mutable_permit();
    pp->set_document_type(c.worker.permit->document_type);
    pp->set_number(c.worker.permit->number);
    pp->set_reason(c.worker.permit->reason);
    pp->set_expiry_date(Day(c.worker.permit->expiry));
    pp->set_police_office(c.worker.permit->police_office);
  }
  ContractTo(c.contract, p.mutable_contract());
  PartsTo(c, p);
  return p;
}

v1::Finding FindingToProto(const Finding& f) {
  v1::Finding p;
  p.set_rule(f.rule);
  p.set_severity(f.severity == Severity::kError ? v1::SEVERITY_ERROR : v1::SEVERITY_WARNING);
  p.set_field(f.field);
  p.set_message_it(f.message_it);
  p.set_message_en(f.message_en);
  return p;
}

void FindingsToProto(const std::vector<Finding>& findings,
                     google::protobuf::RepeatedPtrField<v1::Finding>* out) {
  for (const Finding& f : findings) *out->Add() = FindingToProto(f);
}

}  // namespace sisl::communications::api
