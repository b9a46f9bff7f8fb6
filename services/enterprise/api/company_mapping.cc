// Companies and delegations: domain <-> proto (mapping.h).
#include "services/enterprise/api/mapping.h"
#include "services/enterprise/app/places.h"
#include "services/platform/grpc/convert.h"
#include "services/reference/cpi_areas.h"

namespace sisl::enterprise::api {
namespace {

CompanySite SiteFromProto(const v1::Site& p) {
  return {p.label(), p.municipality(), p.address(), p.postcode()};
}

v1::Site SiteToProto(const CompanySite& s) {
  v1::Site p;
  p.set_label(s.label);
  p.set_municipality(s.municipality_istat_code);
  p.set_address(s.address);
  p.set_postcode(s.postcode);
  p.set_cpi_code(reference::CompetentCpi(s.municipality_istat_code).value_or(""));
  return p;
}

}  // namespace

Company CompanyFromProto(const v1::Company& p) {
  Company c;
  c.fiscal_code = NormalizeCompanyFiscalCode(p.fiscal_code());
  c.vat_number = p.vat_number();
  c.name = p.name();
  c.legal_form = ToDomainEnum(p.legal_form(), LegalForm::kOther);
  c.ateco_code = p.ateco_code();
  c.sector = ToDomainEnum(p.sector(), CompanySector::kPublic);
  c.registered_office = SiteFromProto(p.registered_office());
  for (const v1::Site& s : p.operating_sites()) c.operating_sites.push_back(SiteFromProto(s));
  c.pec = p.pec();
  c.ccnl_code = p.ccnl_code();
  c.workforce = p.workforce();
  return c;
}

v1::Company CompanyToProto(const store::StoredCompany& s) {
  const Company& c = s.company;
  v1::Company p;
  p.set_fiscal_code(c.fiscal_code);
  p.set_vat_number(c.vat_number);
  p.set_name(c.name);
  p.set_legal_form(ToProtoEnum<v1::LegalForm>(c.legal_form));
  p.set_ateco_code(c.ateco_code);
  p.set_sector(ToProtoEnum<v1::Sector>(c.sector));
  *p.mutable_registered_office() = SiteToProto(c.registered_office);
  for (const CompanySite& site : c.operating_sites) *p.add_operating_sites() = SiteToProto(site);
  p.set_pec(c.pec);
  p.set_ccnl_code(c.ccnl_code);
  p.set_workforce(c.workforce);
  p.set_version(s.version);
  *p.mutable_create_time() = platform::ToTimestamp(s.created_at);
  *p.mutable_update_time() = platform::ToTimestamp(s.updated_at);
  return p;
}

std::vector<DelegationScope> ScopesFromProto(const google::protobuf::RepeatedField<int>& scopes) {
  std::vector<DelegationScope> out;
  for (int s : scopes) {
    out.push_back(
        ToDomainEnum(static_cast<v1::DelegationScope>(s), DelegationScope::kServiceRequests));
  }
  return out;
}

v1::Delegation DelegationToProto(const Delegation& d, const std::string& company_name,
                                 bool show_holder) {
  v1::Delegation p;
  p.set_delegation_id(d.id);
  p.set_company_fiscal_code(d.company);
  p.set_company_name(company_name);
  p.set_kind(ToProtoEnum<v1::DelegationKind>(d.kind));
  if (show_holder) p.set_holder_fiscal_code(d.holder);
  if (d.consultant.has_value()) {
    p.mutable_consultant()->set_order_number(d.consultant->order_number);
    p.mutable_consultant()->set_order_province(d.consultant->order_province);
    p.mutable_consultant()->set_studio_fiscal_code(d.consultant->studio_fiscal_code);
  }
  for (DelegationScope s : d.scopes) p.add_scopes(ToProtoEnum<v1::DelegationScope>(s));
  p.set_valid_from(platform::FormatDate(d.valid_from));
  if (d.valid_to.has_value()) p.set_valid_to(platform::FormatDate(*d.valid_to));
  p.set_state(ToProtoEnum<v1::DelegationState>(d.state));
  for (const DelegationAct& a : d.acts) {
    v1::DelegationAct* act = p.add_acts();
    static constexpr const char* kActs[] = {
        "", "record_legal_representative", "grant", "accept", "revoke", "expire"};
    act->set_kind(kActs[static_cast<int>(a.kind)]);
    // Who acted, by side: never a fiscal code.
    // Persons act by fiscal code (16 characters), staff by their staff id.
    act->set_actor_role(a.actor == kSystemActor ? "system"
                        : a.actor == d.holder   ? "holder"
                        : a.actor.size() == 16  ? "company"
                                                : "operator");
    *act->mutable_act_time() = platform::ToTimestamp(a.at);
    act->set_reason(a.reason);
    act->set_from_state(ToProtoEnum<v1::DelegationState>(a.from));
    act->set_to_state(ToProtoEnum<v1::DelegationState>(a.to));
  }
  return p;
}

}  // namespace sisl::enterprise::api
