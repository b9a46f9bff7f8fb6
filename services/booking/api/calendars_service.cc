#include "services/booking/api/calendars_service.h"

#include "services/booking/api/calendar_mapping.h"
#include "services/platform/status_macros.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/errors.h"

namespace sisl::booking {
using platform::Call;

grpc::Status CalendarsServiceImpl::CreateCalendar(grpc::ServerContext* context,
                                                  const v1::CreateCalendarRequest* request,
                                                  v1::CreateCalendarResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Calendar calendar, CalendarFromProto(request->calendar()));
    ASSIGN_OR_RETURN(Calendar created,
                     manager_.Create(call.caller, std::move(calendar), request->request_id()));
    *response->mutable_calendar() = ToProto(created);
    return absl::OkStatus();
  });
}

grpc::Status CalendarsServiceImpl::GetCalendar(grpc::ServerContext* context,
                                               const v1::GetCalendarRequest* request,
                                               v1::GetCalendarResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Calendar calendar, manager_.Get(call.caller, request->id()));
    *response->mutable_calendar() = ToProto(calendar);
    return absl::OkStatus();
  });
}

grpc::Status CalendarsServiceImpl::ListCalendars(grpc::ServerContext* context,
                                                 const v1::ListCalendarsRequest* request,
                                                 v1::ListCalendarsResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, manager_.List(call.caller, request->site_code(),
                                              request->service_code(), request->page_size(),
                                              request->page_token()));
    for (const auto& c : page.first) *response->add_calendars() = ToProto(c);
    response->set_next_page_token(page.second);
    return absl::OkStatus();
  });
}

grpc::Status CalendarsServiceImpl::AddCalendarException(
    grpc::ServerContext* context, const v1::AddCalendarExceptionRequest* request,
    v1::AddCalendarExceptionResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(CalendarException exception,
                     ExceptionFromProto(request->exception(), "exception"));
    ASSIGN_OR_RETURN(Calendar calendar,
                     manager_.AddException(call.caller, request->calendar_id(), exception));
    *response->mutable_calendar() = ToProto(calendar);
    return absl::OkStatus();
  });
}

grpc::Status CalendarsServiceImpl::DuplicateCalendar(grpc::ServerContext* context,
                                                     const v1::DuplicateCalendarRequest* request,
                                                     v1::DuplicateCalendarResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    absl::CivilDay first, last;
    if (!ParseDay(request->first_date(), &first)) {
      return platform::InvalidField("INVALID_CALENDAR_FIELD", "first_date",
                                    "must be a date YYYY-MM-DD");
    }
    if (!ParseDay(request->last_date(), &last)) {
      return platform::InvalidField("INVALID_CALENDAR_FIELD", "last_date",
                                    "must be a date YYYY-MM-DD");
    }
    ASSIGN_OR_RETURN(Calendar calendar,
                     manager_.Duplicate(call.caller, request->source_calendar_id(),
                                        request->site_code(), first, last,
                                        request->request_id()));
    *response->mutable_calendar() = ToProto(calendar);
    return absl::OkStatus();
  });
}

}  // namespace sisl::booking
