#include "services/notifications/events/consumers.h"

#include <string>

#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/log.h"

namespace sisl::notifications::events {
namespace {

namespace bv1 = ::sisl::booking::v1;
using platform::db::Transaction;
using platform::events::EventMeta;

std::optional<Channel> ChannelOf(int channel) {
  switch (channel) {
    case bv1::NOTIFICATION_CHANNEL_EMAIL:
      return Channel::kEmail;
    case bv1::NOTIFICATION_CHANNEL_SMS:
      return Channel::kSms;
    case bv1::NOTIFICATION_CHANNEL_APP_IO:
      return Channel::kAppIo;
    default:
      return std::nullopt;
  }
}

std::string DeliveryOf(bv1::DeliveryMode mode) {
  switch (mode) {
    case bv1::DELIVERY_MODE_VIDEO_CALL:
      return "video_call";
    case bv1::DELIVERY_MODE_PHONE:
      return "phone";
    default:
      return "in_person";
  }
}

AppointmentNotice::Change ChangeOf(bv1::AppointmentEvent::Change change) {
  switch (change) {
    case bv1::AppointmentEvent::CHANGE_BOOKED:
      return AppointmentNotice::Change::kBooked;
    case bv1::AppointmentEvent::CHANGE_MOVED:
      return AppointmentNotice::Change::kMoved;
    case bv1::AppointmentEvent::CHANGE_CANCELLED:
      return AppointmentNotice::Change::kCancelled;
    default:
      return AppointmentNotice::Change::kOther;
  }
}

}  // namespace

AppointmentNotice NoticeOf(const bv1::AppointmentEvent& e) {
  AppointmentNotice n;
  n.change = ChangeOf(e.change());
  n.appointment_id = e.appointment_id();
  if (n.change == AppointmentNotice::Change::kMoved) {
    n.previous_appointment_id = e.related_appointment_id();
  }
  n.person_id = e.person_id();
  n.sequence = e.sequence();
  n.service_name = e.service_name();
  n.site_label = e.site_label();
  n.site_address = e.site_address();
  n.start = platform::FromTimestamp(e.start_time());
  n.end = platform::FromTimestamp(e.end_time());
  n.delivery = DeliveryOf(e.delivery_mode());
  n.video_link = e.video_link();
  for (int c : e.channels()) {
    if (std::optional<Channel> channel = ChannelOf(c)) n.channels.push_back(*channel);
  }
  n.language = LanguageFromTag(e.language());
  if (e.cancellation_reason() == bv1::CANCELLATION_REASON_OFFICE_CLOSED) {
    n.cancelled_by = "office_closure";
  } else {
    n.cancelled_by = e.actor_role() == "citizen" ? "citizen" : "operator";
  }
  n.send_confirmation = e.send_confirmation();
  n.reminder_days_before.assign(e.reminder_days_before().begin(), e.reminder_days_before().end());
  return n;
}

void ConsumeAppointments(platform::events::EventDispatcher& dispatcher, AppointmentIntake& intake) {
  dispatcher.On<bv1::AppointmentEvent>(
      [&intake](Transaction& tx, const bv1::AppointmentEvent& e, const EventMeta& meta) {
        absl::Status st = intake.Apply(tx, NoticeOf(e));
        if (st.code() == absl::StatusCode::kInvalidArgument) {
          // An event its templates cannot say (a value missing): retrying would block the
          // partition for ever. Logged without personal data and skipped.
          platform::log::Warn("appointment event not notifiable",
                              {{"event_id", meta.id}, {"error", platform::ErrorReason(st)}});
          return absl::OkStatus();
        }
        return st;
      });
}

}  // namespace sisl::notifications::events
