#include "services/booking/api/offices_service.h"

#include "absl/strings/str_cat.h"
#include "services/booking/api/grpc_errors.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/log.h"

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

}  // namespace

grpc::Status OfficesServiceImpl::ListOffices(grpc::ServerContext* context,
                                             const v1::ListOfficesRequest* request,
                                             v1::ListOfficesResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto result = directory_.List(*request);
  if (!result.ok()) return Fail(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

grpc::Status OfficesServiceImpl::GetOffice(grpc::ServerContext* context,
                                           const v1::GetOfficeRequest* request,
                                           v1::GetOfficeResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto office = directory_.Get(request->site_code());
  if (!office.ok()) return Fail(office.status());
  *response->mutable_office() = *std::move(office);
  return grpc::Status::OK;
}

grpc::Status OfficesServiceImpl::UpdateOffice(grpc::ServerContext* context,
                                              const v1::UpdateOfficeRequest* request,
                                              v1::UpdateOfficeResponse* response) {
  const std::string correlation_id = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId cid(correlation_id);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  if (caller->role != platform::auth::Role::kAdmin) {
    return Fail(platform::Error(absl::StatusCode::kPermissionDenied, "ADMIN_ONLY",
                                "only administrators can change office details"));
  }
  auto patch = PatchFrom(*request);
  if (!patch.ok()) return Fail(patch.status());
  auto office = directory_.Update(request->office().site_code(), *patch,
                                  request->expected_version(), correlation_id);
  if (!office.ok()) return Fail(office.status());
  platform::log::Info("office updated", {{"site_code", office->site_code()},
                                         {"by", caller->subject},
                                         {"version", absl::StrCat(office->version())}});
  *response->mutable_office() = *std::move(office);
  return grpc::Status::OK;
}

grpc::Status OfficesServiceImpl::ListCpis(grpc::ServerContext* context,
                                          const v1::ListCpisRequest* request,
                                          v1::ListCpisResponse* response) {
  platform::log::ScopedCorrelationId cid(platform::CorrelationIdOf(*context));
  auto result = directory_.ListCpis(request->province());
  if (!result.ok()) return Fail(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace sisl::booking
