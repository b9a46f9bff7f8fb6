#ifndef SISL_BOOKING_API_OFFICES_SERVICE_H_
#define SISL_BOOKING_API_OFFICES_SERVICE_H_

#include "services/booking/app/office_directory.h"
#include "services/platform/grpc/call.h"
#include "sisl/booking/v1/offices.grpc.pb.h"

namespace sisl::booking {

// gRPC handlers of sisl.booking.v1.OfficesService: proto in, OfficeDirectory, proto out, with the
// absl::Status -> gRPC status mapping done once here. Reading the directory is public; changing
// it takes an administrator.
class OfficesServiceImpl final : public v1::OfficesService::Service {
 public:
  OfficesServiceImpl(OfficeDirectory& directory, const platform::CallHandler& calls)
      : directory_(directory), calls_(calls) {}

  grpc::Status ListOffices(grpc::ServerContext* context, const v1::ListOfficesRequest* request,
                           v1::ListOfficesResponse* response) override;
  grpc::Status GetOffice(grpc::ServerContext* context, const v1::GetOfficeRequest* request,
                         v1::GetOfficeResponse* response) override;
  grpc::Status UpdateOffice(grpc::ServerContext* context, const v1::UpdateOfficeRequest* request,
                            v1::UpdateOfficeResponse* response) override;
  grpc::Status ListCpis(grpc::ServerContext* context, const v1::ListCpisRequest* request,
                        v1::ListCpisResponse* response) override;
  grpc::Status SearchMunicipalities(grpc::ServerContext* context,
                                    const v1::SearchMunicipalitiesRequest* request,
                                    v1::SearchMunicipalitiesResponse* response) override;

 private:
  OfficeDirectory& directory_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_OFFICES_SERVICE_H_
