#include "services/notifications/api/services.h"

#include <algorithm>
#include <utility>

#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications::api {
namespace {

using platform::Call;

v1::Channel ToProto(Channel c) {
  switch (c) {
    case Channel::kEmail:
      return v1::CHANNEL_EMAIL;
    case Channel::kSms:
      return v1::CHANNEL_SMS;
    case Channel::kAppIo:
      return v1::CHANNEL_APP_IO;
  }
  return v1::CHANNEL_UNSPECIFIED;
}

absl::StatusOr<Channel> FromProto(int c) {
  switch (c) {
    case v1::CHANNEL_EMAIL:
      return Channel::kEmail;
    case v1::CHANNEL_SMS:
      return Channel::kSms;
    case v1::CHANNEL_APP_IO:
      return Channel::kAppIo;
    default:
      return platform::InvalidField("INVALID_CHANNEL", "preferences.channels",
                                    "one of CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_APP_IO");
  }
}

v1::Language ToProto(Language l) {
  switch (l) {
    case Language::kItalian:
      return v1::LANGUAGE_ITALIAN;
    case Language::kEnglish:
      return v1::LANGUAGE_ENGLISH;
    case Language::kFrench:
      return v1::LANGUAGE_FRENCH;
    case Language::kArabic:
      return v1::LANGUAGE_ARABIC;
  }
  return v1::LANGUAGE_UNSPECIFIED;
}

Language FromProto(v1::Language l) {
  switch (l) {
    case v1::LANGUAGE_ENGLISH:
      return Language::kEnglish;
    case v1::LANGUAGE_FRENCH:
      return Language::kFrench;
    case v1::LANGUAGE_ARABIC:
      return Language::kArabic;
    default:
      return Language::kItalian;
  }
}

v1::MessageType ToProto(MessageType t) {
  switch (t) {
    case MessageType::kAppointmentConfirmation:
      return v1::MESSAGE_TYPE_APPOINTMENT_CONFIRMATION;
    case MessageType::kAppointmentMoved:
      return v1::MESSAGE_TYPE_APPOINTMENT_MOVED;
    case MessageType::kAppointmentCancelled:
      return v1::MESSAGE_TYPE_APPOINTMENT_CANCELLED;
    case MessageType::kAppointmentReminder:
      return v1::MESSAGE_TYPE_APPOINTMENT_REMINDER;
    case MessageType::kProposalReceived:
      return v1::MESSAGE_TYPE_PROPOSAL_RECEIVED;
    case MessageType::kProfileExpiring:
      return v1::MESSAGE_TYPE_PROFILE_EXPIRING;
    case MessageType::kCommunicationReceipt:
      return v1::MESSAGE_TYPE_COMMUNICATION_RECEIPT;
  }
  return v1::MESSAGE_TYPE_UNSPECIFIED;
}

v1::MessageState ToProto(store::MessageState s) {
  switch (s) {
    case store::MessageState::kQueued:
      return v1::MESSAGE_STATE_QUEUED;
    case store::MessageState::kSending:
      return v1::MESSAGE_STATE_SENDING;
    case store::MessageState::kSent:
      return v1::MESSAGE_STATE_SENT;
    case store::MessageState::kFailed:
      return v1::MESSAGE_STATE_FAILED;
    case store::MessageState::kDead:
      return v1::MESSAGE_STATE_DEAD;
  }
  return v1::MESSAGE_STATE_UNSPECIFIED;
}

void ToProto(const store::Preferences& p, v1::Preferences* out) {
  for (Channel c : p.channels) out->add_channels(ToProto(c));
  out->set_language(ToProto(p.language));
  out->set_email(p.email);
  out->set_mobile(p.mobile);
  if (p.updated_at != absl::Time())
    *out->mutable_update_time() = platform::ToTimestamp(p.updated_at);
}

void ToProto(const store::OutgoingMessage& m, bool with_error, v1::Message* out) {
  out->set_message_id(MessageIdOf(m.idempotency_key));
  out->set_type(ToProto(m.type));
  out->set_channel(ToProto(m.channel));
  out->set_language(ToProto(m.language));
  out->set_state(ToProto(m.state));
  out->set_appointment_id(m.appointment_id);
  out->set_attempts(m.attempts);
  *out->mutable_create_time() = platform::ToTimestamp(m.created_at);
  if (m.sent_at.has_value()) *out->mutable_send_time() = platform::ToTimestamp(*m.sent_at);
  if (with_error) out->set_last_error(m.last_error);
}

}  // namespace

grpc::Status PreferencesServiceImpl::GetMyPreferences(grpc::ServerContext* context,
                                                      const v1::GetMyPreferencesRequest*,
                                                      v1::GetMyPreferencesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::Preferences p, citizens_.GetMine(call.caller));
    ToProto(p, out->mutable_preferences());
    return absl::OkStatus();
  });
}

grpc::Status PreferencesServiceImpl::UpdateMyPreferences(grpc::ServerContext* context,
                                                         const v1::UpdateMyPreferencesRequest* r,
                                                         v1::UpdateMyPreferencesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    store::Preferences p;
    for (int c : r->preferences().channels()) {
      ASSIGN_OR_RETURN(Channel channel, FromProto(c));
      if (std::find(p.channels.begin(), p.channels.end(), channel) == p.channels.end()) {
        p.channels.push_back(channel);
      }
    }
    p.language = FromProto(r->preferences().language());
    p.email = r->preferences().email();
    p.mobile = r->preferences().mobile();
    ASSIGN_OR_RETURN(store::Preferences saved, citizens_.UpdateMine(call.caller, std::move(p)));
    ToProto(saved, out->mutable_preferences());
    return absl::OkStatus();
  });
}

grpc::Status PreferencesServiceImpl::ListMyMessages(grpc::ServerContext* context,
                                                    const v1::ListMyMessagesRequest* r,
                                                    v1::ListMyMessagesResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(MessagePage page,
                     citizens_.ListMine(call.caller, r->page_size(), r->page_token()));
    for (const store::OutgoingMessage& m : page.messages) {
      ToProto(m, /*with_error=*/false, out->add_messages());
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status DeliveryServiceImpl::ListDeadLetters(grpc::ServerContext* context,
                                                  const v1::ListDeadLettersRequest* r,
                                                  v1::ListDeadLettersResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(MessagePage page,
                     dead_letters_.List(call.caller, r->page_size(), r->page_token()));
    for (const store::OutgoingMessage& m : page.messages) {
      ToProto(m, /*with_error=*/true, out->add_messages());
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status DeliveryServiceImpl::RetryMessage(grpc::ServerContext* context,
                                               const v1::RetryMessageRequest* r,
                                               v1::RetryMessageResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::OutgoingMessage m, dead_letters_.Retry(call.caller, r->message_id()));
    ToProto(m, /*with_error=*/true, out->mutable_message());
    return absl::OkStatus();
  });
}

grpc::Status DeliveryServiceImpl::GetDeliveryStats(grpc::ServerContext* context,
                                                   const v1::GetDeliveryStatsRequest*,
                                                   v1::GetDeliveryStatsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DeadLetters::Figures figures, dead_letters_.Stats(call.caller));
    auto count = [&](store::MessageState s) {
      auto it = figures.counts.by_state.find(s);
      return it == figures.counts.by_state.end() ? int64_t{0} : it->second;
    };
    out->set_queued(count(store::MessageState::kQueued));
    out->set_sending(count(store::MessageState::kSending));
    out->set_sent(count(store::MessageState::kSent));
    out->set_failed(count(store::MessageState::kFailed));
    out->set_dead(count(store::MessageState::kDead));
    out->set_oldest_queued_age_seconds(absl::ToInt64Seconds(figures.oldest_queued_age));
    return absl::OkStatus();
  });
}

}  // namespace sisl::notifications::api
