#include "services/notifications/domain/schedule.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace sisl::notifications {
namespace {

// `id` with '%' and ':' percent-encoded, so ':' only ever separates a key's parts.
std::string EscapeId(absl::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    if (c == '%') {
      out.append("%25");
    } else if (c == ':') {
      out.append("%3A");
    } else if (c == '#') {
      out.append("%23");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<Reminder> ReminderSchedule(absl::Time start, absl::Span<const int32_t> days_before,
                                       absl::Time now, absl::TimeZone zone) {
  const absl::CivilDay day = absl::ToCivilDay(start, zone);
  std::vector<Reminder> out;
  for (int32_t n : days_before) {
    if (n < 0) continue;
    // Calendar days in the zone, then 09:00 there: the offset of the reminder's own day counts,
    // not the appointment's (a Monday after the October change has a Sunday at UTC+1 before it).
    const absl::CivilDay d = day - n;
    absl::Time due =
        absl::FromCivil(absl::CivilSecond(d.year(), d.month(), d.day(), kReminderHour, 0, 0), zone);
    if (due <= now || due >= start) continue;
    out.push_back({static_cast<int>(n), due});
  }
  absl::c_sort(out, [](const Reminder& a, const Reminder& b) { return a.due < b.due; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Reminder& a, const Reminder& b) { return a.due == b.due; }),
            out.end());
  return out;
}

std::string ReminderKey(absl::string_view appointment_id, int days_before, Channel channel) {
  return absl::StrCat("reminder:", EscapeId(appointment_id), ":", days_before,
                      "d:", ChannelName(channel));
}

std::string EventMessageKey(absl::string_view event_id, MessageType type, Channel channel) {
  return absl::StrCat("event:", EscapeId(event_id), ":", MessageTypeName(type), ":",
                      ChannelName(channel));
}

std::string AppointmentMessageKey(absl::string_view appointment_id, int sequence, MessageType type,
                                  Channel channel) {
  return absl::StrCat("appointment:", EscapeId(appointment_id), "#", sequence, ":",
                      MessageTypeName(type), ":", ChannelName(channel));
}

absl::Duration RetryDelay(int failed_attempts, const RetryPolicy& policy) {
  absl::Duration delay = policy.initial;
  for (int i = 1; i < failed_attempts && delay < policy.max; ++i) delay *= 2;
  return std::min(delay, policy.max);
}

bool IsExhausted(int failed_attempts, const RetryPolicy& policy) {
  return failed_attempts >= policy.max_attempts;
}

FailureKind ClassifySmtpReply(int reply_code) {
  return reply_code >= 500 && reply_code <= 599 ? FailureKind::kPermanent : FailureKind::kTemporary;
}

FailureKind ClassifyHttpStatus(int status) {
  if (status == 408 || status == 429) return FailureKind::kTemporary;
  return status >= 400 && status <= 499 ? FailureKind::kPermanent : FailureKind::kTemporary;
}

}  // namespace sisl::notifications
