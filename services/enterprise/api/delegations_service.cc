#include "services/enterprise/api/delegations_service.h"

#include "absl/strings/ascii.h"
#include "services/enterprise/api/mapping.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
namespace {

using platform::Call;

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(const std::string& text,
                                                           const char* field) {
  if (text.empty()) return std::nullopt;
  ASSIGN_OR_RETURN(absl::CivilDay day, platform::ParseDate(text, field));
  return day;
}

v1::Delegation ToProto(const DelegationView& v) {
  return DelegationToProto(v.delegation, v.company_name, /*show_holder=*/true);
}

}  // namespace

grpc::Status DelegationsServiceImpl::RecordLegalRepresentative(
    grpc::ServerContext* context, const v1::RecordLegalRepresentativeRequest* r,
    v1::RecordLegalRepresentativeResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    RecordLegalRepresentativeInput in;
    in.company = NormalizeCompanyFiscalCode(r->company_fiscal_code());
    in.person = absl::AsciiStrToUpper(r->person_fiscal_code());
    ASSIGN_OR_RETURN(in.valid_from, platform::ParseDate(r->valid_from(), "valid_from"));
    ASSIGN_OR_RETURN(in.valid_to, OptionalDate(r->valid_to(), "valid_to"));
    in.reason = r->reason();
    in.request_id = r->request_id();
    ASSIGN_OR_RETURN(DelegationView v, delegations_.RecordLegalRepresentative(call.caller, in));
    *out->mutable_delegation() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::GrantDelegation(grpc::ServerContext* context,
                                                     const v1::GrantDelegationRequest* r,
                                                     v1::GrantDelegationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    GrantDelegationInput in;
    in.company = NormalizeCompanyFiscalCode(r->company_fiscal_code());
    in.kind = ToDomainEnum(r->kind(), DelegationKind::kConsultant);
    in.holder = absl::AsciiStrToUpper(r->holder_fiscal_code());
    if (r->has_consultant()) {
      in.consultant =
          ConsultantDetails{r->consultant().order_number(), r->consultant().order_province(),
                            r->consultant().studio_fiscal_code()};
    }
    in.scopes = ScopesFromProto(r->scopes());
    ASSIGN_OR_RETURN(in.valid_from, platform::ParseDate(r->valid_from(), "valid_from"));
    ASSIGN_OR_RETURN(in.valid_to, OptionalDate(r->valid_to(), "valid_to"));
    in.reason = r->reason();
    in.request_id = r->request_id();
    ASSIGN_OR_RETURN(DelegationView v, delegations_.Grant(call.caller, in));
    *out->mutable_delegation() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::AcceptDelegation(grpc::ServerContext* context,
                                                      const v1::AcceptDelegationRequest* r,
                                                      v1::AcceptDelegationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DelegationView v,
                     delegations_.Accept(call.caller, r->delegation_id(), r->reason()));
    *out->mutable_delegation() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::RevokeDelegation(grpc::ServerContext* context,
                                                      const v1::RevokeDelegationRequest* r,
                                                      v1::RevokeDelegationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DelegationView v,
                     delegations_.Revoke(call.caller, r->delegation_id(), r->reason()));
    *out->mutable_delegation() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::ListCompanyDelegations(
    grpc::ServerContext* context, const v1::ListCompanyDelegationsRequest* r,
    v1::ListCompanyDelegationsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        std::vector<DelegationView> all,
        delegations_.OfCompany(call.caller, NormalizeCompanyFiscalCode(r->company_fiscal_code()),
                               r->access_reason()));
    for (const DelegationView& v : all) *out->add_delegations() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::ListMyDelegations(grpc::ServerContext* context,
                                                       const v1::ListMyDelegationsRequest*,
                                                       v1::ListMyDelegationsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<DelegationView> all, delegations_.Mine(call.caller));
    for (const DelegationView& v : all) *out->add_delegations() = ToProto(v);
    return absl::OkStatus();
  });
}

grpc::Status DelegationsServiceImpl::ListMyCompanyRoles(grpc::ServerContext* context,
                                                        const v1::ListMyCompanyRolesRequest*,
                                                        v1::ListMyCompanyRolesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<CompanyRole> roles, delegations_.MyRoles(call.caller));
    for (const CompanyRole& role : roles) {
      v1::CompanyRole* p = out->add_roles();
      p->set_company_fiscal_code(role.company);
      p->set_company_name(role.company_name);
      p->set_kind(ToProtoEnum<v1::DelegationKind>(role.kind));
      for (DelegationScope s : role.scopes) p->add_scopes(ToProtoEnum<v1::DelegationScope>(s));
      if (role.valid_to.has_value()) p->set_valid_to(platform::FormatDate(*role.valid_to));
    }
    return absl::OkStatus();
  });
}

}  // namespace sisl::enterprise::api
