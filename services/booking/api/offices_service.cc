#include "services/booking/api/offices_service.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/booking/domain/geo.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/municipalities.h"

namespace sisl::booking {
namespace {

// Maps an UpdateOfficeRequest's field mask onto a domain patch; unknown paths are refused.
absl::StatusOr<OfficePatch> PatchFrom(const v1::UpdateOfficeRequest& request) {
  if (request.update_mask().paths_size() == 0) {
    return platform::InvalidField("MISSING_UPDATE_MASK", "update_mask",
                                  "name the fields to change: address, label, phone, email");
  }
  OfficePatch patch;
  const v1::Office& o = request.office();
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "address") patch.address = o.address();
    else if (path == "label") patch.label = o.label();
    else if (path == "phone") patch.phone = o.phone();
    else if (path == "email") patch.email = o.email();
    else {
      return platform::InvalidField("INVALID_UPDATE_MASK", "update_mask",
                                    absl::StrCat("field '", path, "' cannot be changed"));
    }
  }
  return patch;
}

constexpr int kDefaultMunicipalities = 10;
constexpr int kMaxMunicipalities = 50;

v1::Municipality ToProto(const reference::Municipality& m) {
  v1::Municipality p;
  p.set_istat_code(m.istat_code);
  p.set_name(m.name);
  p.set_province_code(m.province_code);
  p.set_province_name(m.province_name);
  p.set_region(m.region);
  return p;
}

}  // namespace

grpc::Status OfficesServiceImpl::ListOffices(grpc::ServerContext* context,
                                             const v1::ListOfficesRequest* request,
                                             v1::ListOfficesResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, directory_.List(*request));
    return absl::OkStatus();
  });
}

grpc::Status OfficesServiceImpl::GetOffice(grpc::ServerContext* context,
                                           const v1::GetOfficeRequest* request,
                                           v1::GetOfficeResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*response->mutable_office(), directory_.Get(request->site_code()));
    return absl::OkStatus();
  });
}

grpc::Status OfficesServiceImpl::UpdateOffice(grpc::ServerContext* context,
                                              const v1::UpdateOfficeRequest* request,
                                              v1::UpdateOfficeResponse* response) {
  return calls_.Authenticated(context, [&](const platform::Call& call) -> absl::Status {
    if (call.caller.role != platform::auth::Role::kAdmin) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "ADMIN_ONLY",
                             "only administrators can change office details");
    }
    ASSIGN_OR_RETURN(OfficePatch patch, PatchFrom(*request));
    ASSIGN_OR_RETURN(v1::Office office, directory_.Update(request->office().site_code(), patch,
                                                          request->expected_version()));
    platform::log::Info("office updated", {{"site_code", office.site_code()},
                                           {"by", call.caller.subject},
                                           {"version", absl::StrCat(office.version())}});
    *response->mutable_office() = std::move(office);
    return absl::OkStatus();
  });
}

grpc::Status OfficesServiceImpl::ListCpis(grpc::ServerContext* context,
                                          const v1::ListCpisRequest* request,
                                          v1::ListCpisResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, directory_.ListCpis(request->province()));
    return absl::OkStatus();
  });
}

grpc::Status OfficesServiceImpl::SearchMunicipalities(
    grpc::ServerContext* context, const v1::SearchMunicipalitiesRequest* request,
    v1::SearchMunicipalitiesResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    const absl::string_view query = absl::StripAsciiWhitespace(request->query());
    if (query.size() < 2 || query.size() > 100) {
      return platform::InvalidField("INVALID_QUERY", "query", "type 2 to 100 characters");
    }
    ASSIGN_OR_RETURN(const int size,
                     platform::ResolvePageSize(request->page_size(), kDefaultMunicipalities,
                                               kMaxMunicipalities));
    const auto found = reference::Municipalities::Default().Search(
        query, {.limit = request->piedmont_only() ? 0 : static_cast<size_t>(size),
                .piedmont_first = true});
    for (const reference::Municipality* m : found) {
      if (response->municipalities_size() == size) break;
      if (request->piedmont_only() && !InPiedmont(*m)) continue;
      *response->add_municipalities() = ToProto(*m);
    }
    return absl::OkStatus();
  });
}

}  // namespace sisl::booking
