// gRPC handlers of sisl.notifications.v1: PreferencesService (the citizen) and DeliveryService
// (operators), one CallHandler line each.
#ifndef SISL_SERVICES_NOTIFICATIONS_API_SERVICES_H_
#define SISL_SERVICES_NOTIFICATIONS_API_SERVICES_H_

#include "services/notifications/app/citizens.h"
#include "services/platform/grpc/call.h"
#include "sisl/notifications/v1/notifications.grpc.pb.h"

namespace sisl::notifications::api {

namespace v1 = ::sisl::notifications::v1;

class PreferencesServiceImpl final : public v1::PreferencesService::Service {
 public:
  PreferencesServiceImpl(Citizens& citizens, const platform::CallHandler& calls)
      : citizens_(citizens), calls_(calls) {}

  grpc::Status GetMyPreferences(grpc::ServerContext* context, const v1::GetMyPreferencesRequest* r,
                                v1::GetMyPreferencesResponse* out) override;
  grpc::Status UpdateMyPreferences(grpc::ServerContext* context,
                                   const v1::UpdateMyPreferencesRequest* r,
                                   v1::UpdateMyPreferencesResponse* out) override;
  grpc::Status ListMyMessages(grpc::ServerContext* context, const v1::ListMyMessagesRequest* r,
                              v1::ListMyMessagesResponse* out) override;

 private:
  Citizens& citizens_;
  const platform::CallHandler& calls_;
};

class DeliveryServiceImpl final : public v1::DeliveryService::Service {
 public:
  DeliveryServiceImpl(DeadLetters& dead_letters, const platform::CallHandler& calls)
      : dead_letters_(dead_letters), calls_(calls) {}

  grpc::Status ListDeadLetters(grpc::ServerContext* context, const v1::ListDeadLettersRequest* r,
                               v1::ListDeadLettersResponse* out) override;
  grpc::Status RetryMessage(grpc::ServerContext* context, const v1::RetryMessageRequest* r,
                            v1::RetryMessageResponse* out) override;
  grpc::Status GetDeliveryStats(grpc::ServerContext* context, const v1::GetDeliveryStatsRequest* r,
                                v1::GetDeliveryStatsResponse* out) override;

 private:
  DeadLetters& dead_letters_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::notifications::api

#endif  // SISL_SERVICES_NOTIFICATIONS_API_SERVICES_H_
