#include "services/communications/forwarding/forwarding_metrics.h"

#include <cstdint>
#include <string>

namespace sisl::communications::forwarding {
namespace {

constexpr char kRows[] = "sisl_communications_forwarding_rows";

}  // namespace

ForwardingMetrics::ForwardingMetrics(Forwarder& forwarder, const platform::Clock& clock,
                                     platform::MetricsRegistry& registry)
    : forwarder_(forwarder),
      clock_(clock),
      registry_(registry),
      sent_(registry.GetCounter("sisl_communications_forwarding_sent_total",
                                "Communications handed to the national node")),
      acknowledged_(registry.GetCounter("sisl_communications_forwarding_acknowledged_total",
                                        "Communications the national node acknowledged")),
      failures_(registry.GetCounter(
          "sisl_communications_forwarding_failures_total",
          "Failed sends to and polls of the national node (each retried later)")) {}

void ForwardingMetrics::Register() {
  for (const char* state : {"to_send", "sent"}) {
    const std::string name(state);
    registry_.SetGauge(kRows, "Rows of the forwarding spool waiting, by state",
                       [this, name] {
                         absl::StatusOr<ForwardingBacklog> backlog = BacklogNow();
                         if (!backlog.ok()) return -1.0;
                         return static_cast<double>(name == "to_send" ? backlog->to_send
                                                                      : backlog->sent);
                       },
                       {{"state", name}});
  }
  auto age = [this](std::optional<absl::Time> ForwardingBacklog::*since) {
    return [this, since] {
      absl::StatusOr<ForwardingBacklog> backlog = BacklogNow();
      if (!backlog.ok()) return -1.0;
      const std::optional<absl::Time>& at = (*backlog).*since;
      return at.has_value() ? absl::ToDoubleSeconds(clock_.Now() - *at) : 0.0;
    };
  };
  registry_.SetGauge("sisl_communications_forwarding_oldest_unsent_age_seconds",
                     "Age of the oldest communication not handed to the national node yet",
                     age(&ForwardingBacklog::oldest_unsent_at));
  registry_.SetGauge("sisl_communications_forwarding_oldest_unacknowledged_age_seconds",
                     "Age of the oldest communication handed to the national node and not "
                     "acknowledged yet",
                     age(&ForwardingBacklog::oldest_unacknowledged_at));
  registry_.SetGauge("sisl_communications_forwarding_max_attempts",
                     "Most failed sends of a communication not handed to the national node yet",
                     [this] {
                       absl::StatusOr<ForwardingBacklog> backlog = BacklogNow();
                       return backlog.ok() ? static_cast<double>(backlog->max_attempts) : -1.0;
                     });
}

void ForwardingMetrics::Count(const ForwardingCounts& counts) {
  sent_.Increment(counts.sent);
  acknowledged_.Increment(counts.acknowledged);
  failures_.Increment(counts.failed);
}

absl::StatusOr<ForwardingBacklog> ForwardingMetrics::BacklogNow() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  if (backlog_.has_value() && now - backlog_at_ < absl::Seconds(1)) return *backlog_;
  backlog_ = forwarder_.Backlog();
  backlog_at_ = now;
  return *backlog_;
}

}  // namespace sisl::communications::forwarding
