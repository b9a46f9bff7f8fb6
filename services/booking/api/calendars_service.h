#ifndef SISL_BOOKING_API_CALENDARS_SERVICE_H_
#define SISL_BOOKING_API_CALENDARS_SERVICE_H_

#include "services/booking/app/calendar_manager.h"
#include "services/platform/grpc/call.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"

namespace sisl::booking {

// sisl.booking.v1.CalendarsService: proto <-> CalendarManager, identity from the internal token.
class CalendarsServiceImpl final : public v1::CalendarsService::Service {
 public:
  CalendarsServiceImpl(CalendarManager& manager, const platform::CallHandler& calls)
      : manager_(manager), calls_(calls) {}

  grpc::Status CreateCalendar(grpc::ServerContext* context,
                              const v1::CreateCalendarRequest* request,
                              v1::CreateCalendarResponse* response) override;
  grpc::Status GetCalendar(grpc::ServerContext* context, const v1::GetCalendarRequest* request,
                           v1::GetCalendarResponse* response) override;
  grpc::Status ListCalendars(grpc::ServerContext* context,
                             const v1::ListCalendarsRequest* request,
                             v1::ListCalendarsResponse* response) override;
  grpc::Status AddCalendarException(grpc::ServerContext* context,
                                    const v1::AddCalendarExceptionRequest* request,
                                    v1::AddCalendarExceptionResponse* response) override;
  grpc::Status DuplicateCalendar(grpc::ServerContext* context,
                                 const v1::DuplicateCalendarRequest* request,
                                 v1::DuplicateCalendarResponse* response) override;

 private:
  CalendarManager& manager_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_CALENDARS_SERVICE_H_
