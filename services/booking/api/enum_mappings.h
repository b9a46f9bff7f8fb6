#ifndef SISL_BOOKING_API_ENUM_MAPPINGS_H_
#define SISL_BOOKING_API_ENUM_MAPPINGS_H_

// The domain <-> proto enum pairs of booking, written once (used by api/ and events/).

#include "services/booking/domain/appointment.h"
#include "services/booking/domain/bookable_service.h"
#include "services/platform/grpc/convert.h"
#include "sisl/booking/v1/appointments.pb.h"
#include "sisl/booking/v1/catalogue.pb.h"

namespace sisl::booking {

inline const platform::EnumMapping<DeliveryMode, v1::DeliveryMode> kDeliveryModes{
    {DeliveryMode::kInPerson, v1::DELIVERY_MODE_IN_PERSON},
    {DeliveryMode::kVideoCall, v1::DELIVERY_MODE_VIDEO_CALL},
    {DeliveryMode::kPhone, v1::DELIVERY_MODE_PHONE}};

inline const platform::EnumMapping<Channel, v1::NotificationChannel> kChannels{
    {Channel::kEmail, v1::NOTIFICATION_CHANNEL_EMAIL},
    {Channel::kSms, v1::NOTIFICATION_CHANNEL_SMS},
    {Channel::kAppIo, v1::NOTIFICATION_CHANNEL_APP_IO}};

inline const platform::EnumMapping<SearchScope, v1::SearchScope> kSearchScopes{
    {SearchScope::kNearest, v1::SEARCH_SCOPE_NEAREST},
    {SearchScope::kProvince, v1::SEARCH_SCOPE_PROVINCE},
    {SearchScope::kRegion, v1::SEARCH_SCOPE_REGION}};

inline const platform::EnumMapping<AppointmentState, v1::AppointmentState> kAppointmentStates{
    {AppointmentState::kToDeliver, v1::APPOINTMENT_STATE_TO_DELIVER},
    {AppointmentState::kDelivered, v1::APPOINTMENT_STATE_DELIVERED},
    {AppointmentState::kCancelledByCitizen, v1::APPOINTMENT_STATE_CANCELLED_BY_CITIZEN},
    {AppointmentState::kCancelledByOperator, v1::APPOINTMENT_STATE_CANCELLED_BY_OPERATOR},
    {AppointmentState::kMoved, v1::APPOINTMENT_STATE_MOVED},
    {AppointmentState::kNoShow, v1::APPOINTMENT_STATE_NO_SHOW}};

inline const platform::EnumMapping<Attendance, v1::Attendance> kAttendances{
    {Attendance::kDelivered, v1::ATTENDANCE_DELIVERED},
    {Attendance::kNoShow, v1::ATTENDANCE_NO_SHOW},
    {Attendance::kJustified, v1::ATTENDANCE_JUSTIFIED}};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_ENUM_MAPPINGS_H_
