#ifndef SISL_BOOKING_API_CATALOGUE_SERVICE_H_
#define SISL_BOOKING_API_CATALOGUE_SERVICE_H_

#include "services/booking/domain/bookable_service.h"
#include "services/booking/store/catalogue_store.h"
#include "services/platform/grpc/call.h"
#include "sisl/booking/v1/catalogue.grpc.pb.h"

namespace sisl::booking {

v1::BookableService ToProto(const BookableService& service);

// sisl.booking.v1.CatalogueService: public reads of the bookable services.
class CatalogueServiceImpl final : public v1::CatalogueService::Service {
 public:
  CatalogueServiceImpl(platform::db::Database& db, const platform::CallHandler& calls)
      : store_(db), calls_(calls) {}

  grpc::Status ListBookableServices(grpc::ServerContext* context,
                                    const v1::ListBookableServicesRequest* request,
                                    v1::ListBookableServicesResponse* response) override;
  grpc::Status GetBookableService(grpc::ServerContext* context,
                                  const v1::GetBookableServiceRequest* request,
                                  v1::GetBookableServiceResponse* response) override;

 private:
  CatalogueStore store_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_CATALOGUE_SERVICE_H_
