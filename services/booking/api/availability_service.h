#ifndef SISL_BOOKING_API_AVAILABILITY_SERVICE_H_
#define SISL_BOOKING_API_AVAILABILITY_SERVICE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/booking/app/availability_index.h"
#include "services/booking/domain/bookable_service.h"
#include "services/booking/domain/geo.h"
#include "services/platform/grpc/call.h"
#include "sisl/booking/v1/availability.grpc.pb.h"

namespace sisl::booking {

// sisl.booking.v1.AvailabilityService: public searches over the in-memory index.
class AvailabilityServiceImpl final : public v1::AvailabilityService::Service {
 public:
  AvailabilityServiceImpl(const AvailabilityIndex& index, const platform::Clock& clock,
                          absl::TimeZone zone, const platform::CallHandler& calls)
      : index_(index), clock_(clock), zone_(zone), calls_(calls) {}

  // The catalogue and the sites, loaded at start (both change rarely and only by deployment).
  void SetReferenceData(std::vector<BookableService> services, std::vector<SiteRef> sites);

  grpc::Status GetMonthAvailability(grpc::ServerContext* context,
                                    const v1::GetMonthAvailabilityRequest* request,
                                    v1::GetMonthAvailabilityResponse* response) override;
  grpc::Status GetDayAvailability(grpc::ServerContext* context,
                                  const v1::GetDayAvailabilityRequest* request,
                                  v1::GetDayAvailabilityResponse* response) override;
  grpc::Status FindFirstAvailable(grpc::ServerContext* context,
                                  const v1::FindFirstAvailableRequest* request,
                                  v1::FindFirstAvailableResponse* response) override;

 private:
  struct Query {
    const BookableService* service = nullptr;
    std::vector<std::string> sites;  // in order of preference
    absl::Time not_before;  // minimum notice
    absl::Time not_after;   // booking horizon
  };
  absl::StatusOr<Query> Resolve(const std::string& service_code, v1::DeliveryMode mode,
                                const v1::AvailabilityScope& scope) const;
  v1::Slot ToProto(const StoredSlot& slot, const BookableService& service) const;

  const AvailabilityIndex& index_;
  const platform::Clock& clock_;
  absl::TimeZone zone_;
  const platform::CallHandler& calls_;
  std::map<std::string, BookableService> services_;
  std::vector<SiteRef> sites_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_AVAILABILITY_SERVICE_H_
