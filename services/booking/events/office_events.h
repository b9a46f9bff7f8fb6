#ifndef SISL_BOOKING_EVENTS_OFFICE_EVENTS_H_
#define SISL_BOOKING_EVENTS_OFFICE_EVENTS_H_

#include "services/booking/domain/office.h"
#include "sisl/booking/v1/office_events.pb.h"
#include "sisl/booking/v1/offices.pb.h"

namespace sisl::booking {

v1::Office ToProto(const Office& office);
v1::Cpi ToProto(const Cpi& cpi);
v1::OfficeUpdated ToOfficeUpdated(const OfficeChange& change);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_EVENTS_OFFICE_EVENTS_H_
