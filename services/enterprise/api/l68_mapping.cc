#include "services/enterprise/api/l68_mapping.h"

#include <utility>

#include "absl/time/civil_time.h"
#include "services/enterprise/api/mapping.h"
#include "services/enterprise/store/l68_return_json.h"
#include "services/platform/grpc/convert.h"

namespace sisl::enterprise::api {
namespace {

using store::StoredL68Return;

void FigureToProto(const L68Figure& f, v1::L68Figure* out, bool steps) {
  out->set_value(f.value);
  if (!steps) return;
  for (const L68Step& s : f.steps) {
    v1::L68Step* p = out->add_steps();
    p->set_code(s.code);
    p->set_text_it(s.text_it);
    p->set_text_en(s.text_en);
    for (const L68Value& v : s.values) {
      v1::L68Value* pv = p->add_values();
      pv->set_name(v.name);
      pv->set_value(v.value);
    }
  }
}

// By name: the proto's fields are named as store::L68FigureFields().
void FiguresToProto(const L68Figures& f, v1::L68Figures* out, bool steps) {
  const google::protobuf::Descriptor* d = out->GetDescriptor();
  const google::protobuf::Reflection* refl = out->GetReflection();
  for (const store::L68FigureField& field : store::L68FigureFields()) {
    const google::protobuf::FieldDescriptor* fd = d->FindFieldByName(field.name);
    if (fd == nullptr) continue;
    FigureToProto(f.*field.member, static_cast<v1::L68Figure*>(refl->MutableMessage(out, fd)),
                  steps);
  }
}

void ExclusionsToProto(const std::vector<L68ExclusionLine>& lines,
                       google::protobuf::RepeatedPtrField<v1::L68ExclusionLine>* out) {
  for (const L68ExclusionLine& l : lines) {
    v1::L68ExclusionLine* p = out->Add();
    p->set_category(ToProtoEnum<v1::L68Exclusion>(l.category));
    p->set_scope(ToProtoEnum<v1::L68ExclusionScope>(l.scope));
    p->set_workers(l.workers);
  }
}

}  // namespace

void SummaryToProto(const L68Figures& f, bool suspended, v1::L68ReturnSummary* out) {
  out->set_workers_in_force(f.workers_in_force.value);
  out->set_base(f.base.value);
  out->set_base_protected(f.base_protected.value);
  out->set_quota(f.quota.value);
  out->set_quota_protected(f.quota_protected.value);
  out->set_exempted(f.exempted.value);
  out->set_covered(f.covered.value);
  out->set_uncovered(f.uncovered.value);
  out->set_covered_protected(f.covered_protected.value);
  out->set_uncovered_protected(f.uncovered_protected.value);
  out->set_obligation_suspended(suspended);
}

L68ReturnInput L68InputFromProto(const v1::L68ReturnInput& p) {
  L68ReturnInput in;
  in.year = p.year();
  in.registered_office_province = p.registered_office_province();
  for (const v1::L68ProvinceInput& pp : p.provinces()) {
    L68ProvinceInput province;
    province.province = pp.province();
    for (const v1::L68Employee& pe : pp.employees()) {
      L68Employee e;
      e.count = pe.count();
      e.working_time = ToDomainEnum(pe.working_time(), L68WorkingTime::kIntermittent);
      e.weekly_minutes = pe.weekly_minutes();
      e.full_time_weekly_minutes = pe.full_time_weekly_minutes();
      e.role = ToDomainEnum(pe.role(), L68Role::kProtected);
      if (pe.exclusion() != v1::L68_EXCLUSION_UNSPECIFIED) {
        // An unknown value stays unknown, so the computation names the field.
        e.exclusion = static_cast<L68Exclusion>(static_cast<int>(pe.exclusion()));
      }
      e.in_force_on_17_01_2000 = pe.in_force_on_17_january_2000();
      province.employees.push_back(e);
    }
    province.other_disabled_coverage = pp.other_disabled_coverage();
    province.exemption_percent = pp.exemption_percent();
    if (pp.has_suspension()) {
      province.suspension = L68Suspension{pp.suspension().workers(), pp.suspension().cause()};
    }
    in.provinces.push_back(std::move(province));
  }
  for (const v1::L68Compensation& pc : p.compensations()) {
    in.compensations.push_back({ToDomainEnum(pc.kind(), L68QuotaKind::kProtected),
                                pc.from_province(), pc.to_province(), pc.positions()});
  }
  return in;
}

v1::L68ReturnInput L68InputToProto(const L68ReturnInput& in) {
  v1::L68ReturnInput p;
  p.set_year(in.year);
  p.set_registered_office_province(in.registered_office_province);
  for (const L68ProvinceInput& province : in.provinces) {
    v1::L68ProvinceInput* pp = p.add_provinces();
    pp->set_province(province.province);
    for (const L68Employee& e : province.employees) {
      v1::L68Employee* pe = pp->add_employees();
      pe->set_count(e.count);
      pe->set_working_time(ToProtoEnum<v1::L68WorkingTime>(e.working_time));
      pe->set_weekly_minutes(e.weekly_minutes);
      pe->set_full_time_weekly_minutes(e.full_time_weekly_minutes);
      pe->set_role(ToProtoEnum<v1::L68Role>(e.role));
      if (e.exclusion.has_value()) pe->set_exclusion(ToProtoEnum<v1::L68Exclusion>(*e.exclusion));
      pe->set_in_force_on_17_january_2000(e.in_force_on_17_01_2000);
    }
    pp->set_other_disabled_coverage(province.other_disabled_coverage);
    pp->set_exemption_percent(province.exemption_percent);
    if (province.suspension.has_value()) {
      pp->mutable_suspension()->set_workers(province.suspension->workers);
      pp->mutable_suspension()->set_cause(province.suspension->cause);
    }
  }
  for (const L68Compensation& c : in.compensations) {
    v1::L68Compensation* pc = p.add_compensations();
    pc->set_kind(ToProtoEnum<v1::L68QuotaKind>(c.kind));
    pc->set_from_province(c.from_province);
    pc->set_to_province(c.to_province);
    pc->set_positions(c.positions);
  }
  return p;
}

v1::L68Computation L68ComputationToProto(const L68Return& r, bool steps) {
  v1::L68Computation p;
  p.set_year(r.year);
  p.set_category(ToProtoEnum<v1::L68CompanyCategory>(r.category));
  for (const L68ProvinceResult& province : r.provinces) {
    v1::L68ProvinceResult* pp = p.add_provinces();
    pp->set_province(province.province);
    pp->set_registered_office(province.registered_office);
    pp->set_obligation_suspended(province.obligation_suspended);
    ExclusionsToProto(province.exclusions, pp->mutable_exclusions());
    FiguresToProto(province.figures, pp->mutable_figures(), steps);
  }
  ExclusionsToProto(r.exclusions, p.mutable_exclusions());
  FiguresToProto(r.national, p.mutable_national(), steps);
  return p;
}

store::L68ReturnState L68StateFromProto(v1::L68ReturnState state) {
  return ToDomainEnum(state, store::L68ReturnState::kCancelled);
}

v1::L68Return L68ReturnToProto(const StoredL68Return& r,
                               const std::vector<StoredL68Return>& versions, bool steps) {
  v1::L68Return p;
  p.set_l68_return_id(r.id);
  p.set_company_fiscal_code(r.company);
  p.set_company_name(r.company_name);
  p.set_year(r.year);
  p.set_version(r.version);
  p.set_state(ToProtoEnum<v1::L68ReturnState>(r.state));
  p.set_previous_version_id(r.previous_id);
  p.set_protocol_number(r.protocol);
  if (r.submitted_at.has_value()) *p.mutable_submit_time() = platform::ToTimestamp(*r.submitted_at);
  p.set_late(r.late);
  p.set_due_date(absl::FormatCivilTime(absl::CivilDay(r.year + 1, 1, 31)));
  *p.mutable_input() = L68InputToProto(r.filing.input);
  *p.mutable_computation() = L68ComputationToProto(r.filing.figures, steps);
  if (r.correction.has_value()) {
    *p.mutable_correction() = L68InputToProto(r.correction->input);
    *p.mutable_correction_computation() = L68ComputationToProto(r.correction->figures, steps);
  }
  for (const store::L68ReturnAct& a : r.acts) {
    v1::L68ReturnHistoryEntry* h = p.add_history();
    h->set_action(a.action);
    h->set_from_state(ToProtoEnum<v1::L68ReturnState>(a.from));
    h->set_to_state(ToProtoEnum<v1::L68ReturnState>(a.to));
    h->set_actor_role(a.actor_role);
    *h->mutable_action_time() = platform::ToTimestamp(a.at);
    h->set_reason(a.reason);
  }
  for (const StoredL68Return& v : versions) {
    v1::L68ReturnVersion* pv = p.add_versions();
    pv->set_l68_return_id(v.id);
    pv->set_version(v.version);
    pv->set_state(ToProtoEnum<v1::L68ReturnState>(v.state));
    pv->set_protocol_number(v.protocol);
    if (v.submitted_at.has_value()) {
      *pv->mutable_submit_time() = platform::ToTimestamp(*v.submitted_at);
    }
    pv->set_late(v.late);
  }
  *p.mutable_create_time() = platform::ToTimestamp(r.created_at);
  *p.mutable_update_time() = platform::ToTimestamp(r.updated_at);
  return p;
}

}  // namespace sisl::enterprise::api
