#include "services/booking/api/calendars_service.h"

#include "services/booking/api/calendar_mapping.h"
#include "services/booking/api/grpc_errors.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/log.h"

namespace sisl::booking {
namespace {

}  // namespace

grpc::Status CalendarsServiceImpl::CreateCalendar(grpc::ServerContext* context,
                                                  const v1::CreateCalendarRequest* request,
                                                  v1::CreateCalendarResponse* response) {
  const std::string cid = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId scoped(cid);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto calendar = CalendarFromProto(request->calendar());
  if (!calendar.ok()) return Fail(calendar.status());
  auto created = manager_.Create(*caller, *std::move(calendar), request->request_id(), cid);
  if (!created.ok()) return Fail(created.status());
  *response->mutable_calendar() = ToProto(*created);
  return grpc::Status::OK;
}

grpc::Status CalendarsServiceImpl::GetCalendar(grpc::ServerContext* context,
                                               const v1::GetCalendarRequest* request,
                                               v1::GetCalendarResponse* response) {
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto calendar = manager_.Get(*caller, request->id());
  if (!calendar.ok()) return Fail(calendar.status());
  *response->mutable_calendar() = ToProto(*calendar);
  return grpc::Status::OK;
}

grpc::Status CalendarsServiceImpl::ListCalendars(grpc::ServerContext* context,
                                                 const v1::ListCalendarsRequest* request,
                                                 v1::ListCalendarsResponse* response) {
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto page = manager_.List(*caller, request->site_code(), request->service_code(),
                            request->page_size(), request->page_token());
  if (!page.ok()) return Fail(page.status());
  for (const auto& c : page->first) *response->add_calendars() = ToProto(c);
  response->set_next_page_token(page->second);
  return grpc::Status::OK;
}

grpc::Status CalendarsServiceImpl::AddCalendarException(
    grpc::ServerContext* context, const v1::AddCalendarExceptionRequest* request,
    v1::AddCalendarExceptionResponse* response) {
  const std::string cid = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId scoped(cid);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  auto exception = ExceptionFromProto(request->exception(), "exception");
  if (!exception.ok()) return Fail(exception.status());
  auto calendar = manager_.AddException(*caller, request->calendar_id(), *exception, cid);
  if (!calendar.ok()) return Fail(calendar.status());
  *response->mutable_calendar() = ToProto(*calendar);
  return grpc::Status::OK;
}

grpc::Status CalendarsServiceImpl::DuplicateCalendar(grpc::ServerContext* context,
                                                     const v1::DuplicateCalendarRequest* request,
                                                     v1::DuplicateCalendarResponse* response) {
  const std::string cid = platform::CorrelationIdOf(*context);
  platform::log::ScopedCorrelationId scoped(cid);
  auto caller = tokens_.FromContext(*context);
  if (!caller.ok()) return Fail(caller.status());
  absl::CivilDay first, last;
  if (!ParseDay(request->first_date(), &first)) {
    return Fail(platform::InvalidField("INVALID_CALENDAR_FIELD", "first_date",
                                       "must be a date YYYY-MM-DD"));
  }
  if (!ParseDay(request->last_date(), &last)) {
    return Fail(platform::InvalidField("INVALID_CALENDAR_FIELD", "last_date",
                                       "must be a date YYYY-MM-DD"));
  }
  auto calendar = manager_.Duplicate(*caller, request->source_calendar_id(), request->site_code(),
                                     first, last, request->request_id(), cid);
  if (!calendar.ok()) return Fail(calendar.status());
  *response->mutable_calendar() = ToProto(*calendar);
  return grpc::Status::OK;
}

}  // namespace sisl::booking
