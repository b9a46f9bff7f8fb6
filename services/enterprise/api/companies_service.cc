#include "services/enterprise/api/companies_service.h"

#include "absl/strings/ascii.h"
#include "services/enterprise/api/mapping.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {

using platform::Call;

grpc::Status CompaniesServiceImpl::RegisterCompany(grpc::ServerContext* context,
                                                   const v1::RegisterCompanyRequest* r,
                                                   v1::RegisterCompanyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        store::StoredCompany c,
        registry_.Register(call.caller, {CompanyFromProto(r->company()),
                                         r->legal_representative_fiscal_code(), r->request_id()}));
    *out->mutable_company() = CompanyToProto(c);
    return absl::OkStatus();
  });
}

grpc::Status CompaniesServiceImpl::GetCompany(grpc::ServerContext* context,
                                              const v1::GetCompanyRequest* r,
                                              v1::GetCompanyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredCompany c,
                     registry_.Get(call.caller, NormalizeCompanyFiscalCode(r->fiscal_code())));
    *out->mutable_company() = CompanyToProto(c);
    return absl::OkStatus();
  });
}

grpc::Status CompaniesServiceImpl::UpdateCompany(grpc::ServerContext* context,
                                                 const v1::UpdateCompanyRequest* r,
                                                 v1::UpdateCompanyResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    std::vector<std::string> paths(r->update_mask().paths().begin(),
                                   r->update_mask().paths().end());
    ASSIGN_OR_RETURN(store::StoredCompany c,
                     registry_.Update(call.caller, NormalizeCompanyFiscalCode(r->fiscal_code()),
                                      CompanyFromProto(r->company()), paths, r->company().version(),
                                      r->reason()));
    *out->mutable_company() = CompanyToProto(c);
    return absl::OkStatus();
  });
}

grpc::Status CompaniesServiceImpl::ListCompanies(grpc::ServerContext* context,
                                                 const v1::ListCompaniesRequest* r,
                                                 v1::ListCompaniesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        CompanyPage page,
        registry_.List(call.caller, std::string(absl::StripAsciiWhitespace(r->query())),
                       r->page_size(), r->page_token()));
    for (const store::StoredCompany& c : page.companies) *out->add_companies() = CompanyToProto(c);
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CompaniesServiceImpl::ListCompanyVersions(grpc::ServerContext* context,
                                                       const v1::ListCompanyVersionsRequest* r,
                                                       v1::ListCompanyVersionsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(VersionPage page,
                     registry_.Versions(call.caller, NormalizeCompanyFiscalCode(r->fiscal_code()),
                                        r->page_size(), r->page_token()));
    for (const store::CompanyVersionRow& row : page.versions) {
      v1::CompanyVersion* v = out->add_versions();
      v->set_version(row.version);
      *v->mutable_change_time() = platform::ToTimestamp(row.meta.at);
      v->set_actor(row.meta.actor);
      v->set_actor_role(row.meta.actor_role);
      for (const std::string& f : row.meta.changed_fields) v->add_changed_fields(f);
      v->set_reason(row.meta.reason);
      *v->mutable_company() = CompanyToProto({row.company, row.version, row.meta.at, row.meta.at});
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace sisl::enterprise::api
