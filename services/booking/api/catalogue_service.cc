#include "services/booking/api/catalogue_service.h"

#include "services/booking/api/enum_mappings.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {

v1::BookableService ToProto(const BookableService& s) {
  v1::BookableService p;
  p.set_code(s.code);
  p.set_name_it(s.name_it);
  p.set_name_en(s.name_en);
  p.set_category(s.category);
  p.set_duration_minutes(s.duration_minutes);
  for (DeliveryMode m : s.delivery_modes) p.add_delivery_modes(kDeliveryModes.ToProto(m));
  p.set_booking_horizon_days(s.booking_horizon_days);
  p.set_minimum_notice_hours(s.minimum_notice_hours);
  p.set_citizen_can_change(s.citizen_can_change);
  p.set_citizen_change_deadline_hours(s.citizen_change_deadline_hours);
  p.set_citizen_self_booking(s.citizen_self_booking);
  p.set_send_confirmation(s.send_confirmation);
  for (int d : s.reminder_days_before) p.add_reminder_days_before(d);
  for (Channel c : s.channels) p.add_channels(kChannels.ToProto(c));
  p.set_default_scope(kSearchScopes.ToProto(s.default_scope));
  p.set_minimum_age(s.minimum_age);
  p.set_requires_piedmont_domicile(s.requires_piedmont_domicile);
  p.set_group_minimum_seats(s.group_minimum_seats);
  p.set_group_maximum_seats(s.group_maximum_seats);
  return p;
}

grpc::Status CatalogueServiceImpl::ListBookableServices(
    grpc::ServerContext* context, const v1::ListBookableServicesRequest* request,
    v1::ListBookableServicesResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(auto services, store_.List(request->citizen_self_booking_only()));
    for (const auto& s : services) *response->add_services() = ToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CatalogueServiceImpl::GetBookableService(grpc::ServerContext* context,
                                                      const v1::GetBookableServiceRequest* request,
                                                      v1::GetBookableServiceResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(BookableService service, store_.Get(request->code()));
    *response->mutable_service() = ToProto(service);
    return absl::OkStatus();
  });
}

}  // namespace sisl::booking
