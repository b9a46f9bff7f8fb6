// The forwarding's metrics (docs/communications.md), on a metrics registry (the process's one is
// rendered at the ops port's /metrics):
//
//   sisl_communications_forwarding_rows{state="to_send|sent"}                 gauge
//     what waits (acknowledged rows are only counted by acknowledged_total)
//   sisl_communications_forwarding_oldest_unsent_age_seconds                  gauge
//     since the protocol time of the oldest 'to_send' row's communication; 0 when none waits
//   sisl_communications_forwarding_oldest_unacknowledged_age_seconds          gauge
//     the same for the oldest 'sent' row (handed over, no acknowledgement yet)
//   sisl_communications_forwarding_max_attempts                               gauge
//     the most failed Sends of a 'to_send' row
//   sisl_communications_forwarding_sent_total, ..._acknowledged_total, ..._failures_total
//     counters: the ForwardingCounts of the steps (Count)
//
// The gauges read Forwarder::Backlog when rendered, at most once a second (a scrape reads all
// of them), and are -1 when the database cannot be read. No label names a communication.
//
//   ForwardingMetrics metrics(forwarder, clock);
//   metrics.Register();                       // the gauges
//   ... absl::StatusOr<ForwardingCounts> counts = forwarder.Step();
//   if (counts.ok()) metrics.Count(*counts);
#ifndef SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDING_METRICS_H_
#define SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDING_METRICS_H_

#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/communications/forwarding/forwarder.h"
#include "services/platform/clock.h"
#include "services/platform/metrics.h"

namespace sisl::communications::forwarding {

class ForwardingMetrics final {
 public:
  // Creates the counters (at zero, so that the alerts see them before the first step). Keeps
  // references: `forwarder`, `clock` and `registry` must outlive it.
  ForwardingMetrics(Forwarder& forwarder, const platform::Clock& clock,
                    platform::MetricsRegistry& registry = platform::MetricsRegistry::Global());
  ForwardingMetrics(const ForwardingMetrics&) = delete;
  ForwardingMetrics& operator=(const ForwardingMetrics&) = delete;

  // Registers the gauges; they read this object when the registry renders, so it must outlive
  // the renders (as a module's members do).
  void Register();

  // Adds one step's counts to the counters.
  void Count(const ForwardingCounts& counts);

 private:
  // The backlog read at most once a second (an error too).
  absl::StatusOr<ForwardingBacklog> BacklogNow() ABSL_LOCKS_EXCLUDED(mu_);

  Forwarder& forwarder_;
  const platform::Clock& clock_;
  platform::MetricsRegistry& registry_;
  platform::Counter& sent_;
  platform::Counter& acknowledged_;
  platform::Counter& failures_;
  absl::Mutex mu_;
  std::optional<absl::StatusOr<ForwardingBacklog>> backlog_ ABSL_GUARDED_BY(mu_);
  absl::Time backlog_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::communications::forwarding

#endif  // SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDING_METRICS_H_
