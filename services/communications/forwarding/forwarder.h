// Forwards accepted communications to the national node (DOMAIN.md §6): works through the
// `forwarding` table (store/migrations: code, state to_send -> sent -> acknowledged, attempts,
// next_attempt_at, node_receipt), one row at a time, each change in its own transaction.
//
//   Forwarder forwarder(db, node, clock);
//   platform::PeriodicTask task("communications-forwarding", absl::Seconds(30), [&] {
//     absl::StatusOr<ForwardingCounts> counts = forwarder.Step();
//     return counts.ok() && counts->more;
//   });
//
// A step:
//  1. Sending: up to `batch` rows 'to_send' with next_attempt_at <= now, oldest first. Each is
//     claimed with a conditional UPDATE (WHERE state = 'to_send' AND next_attempt_at = the value
//     read) that moves next_attempt_at to now + lease, so another Forwarder (another replica)
//     that read the same row loses the claim and skips it. The XML (communications.xml) is
//     sent outside any transaction; then the row becomes 'sent' with the node's receipt id, or,
//     when Send fails, gets attempts + 1 and next_attempt_at = now + Backoff(attempts + 1).
//     Both updates require the claim to still hold.
//  2. Acknowledgements: up to `batch` rows 'sent' with next_attempt_at <= now (for sent rows,
//     the next poll) are polled; acknowledged ones become 'acknowledged', the others are polled
//     again after `ack_poll_interval`.
// Delivery is at-least-once: a crash between Send and the 'sent' update (or a Send slower than
// the lease) sends the row again once the lease ends; the node deduplicates by code. Rows are
// retried without limit (the backoff caps at an hour): a mandatory communication must reach the
// ministry. A failure is logged with the code; what waits is measured, not given up on:
// Backlog() reads the rows by state, the oldest unsent one and the most attempts, which
// ForwardingMetrics (forwarding_metrics.h) exports beside the steps' counts, and the alerts
// SislCommunicationsForwardingStuck and ...Failing (k8s/monitoring/alerts.yaml) watch them.
#ifndef SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDER_H_
#define SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/communications/forwarding/national_node.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::communications::forwarding {

struct ForwarderOptions {
  int batch = 50;  // rows per phase and step
  // How long a claimed row is left to its Forwarder before another may take it again: longer
  // than a Send can last.
  absl::Duration lease = absl::Minutes(5);
  // Between two acknowledgement polls of a sent row (the first comes this long after Send).
  absl::Duration ack_poll_interval = absl::Minutes(1);
};

struct ForwardingCounts {
  int sent = 0;          // rows handed to the node and marked 'sent'
  int acknowledged = 0;  // rows marked 'acknowledged'
  int failed = 0;        // failed Sends (to retry) and failed polls
  // A phase found a full batch: more may be due (PeriodicTask runs the step again at once).
  bool more = false;
};

// The spool as it stands (Forwarder::Backlog): what the metrics and alerts watch.
// What waits in the spool. Acknowledged rows (every communication ever forwarded: millions a
// year) are not counted here, only by the acknowledged counter: a scrape stays cheap.
struct ForwardingBacklog {
  int64_t to_send = 0;
  int64_t sent = 0;  // handed to the node, not acknowledged yet
  // The protocol time of the oldest 'to_send' row's communication (the table keeps no creation
  // time; a communication is spooled in its filing's transaction); none when nothing waits.
  std::optional<absl::Time> oldest_unsent_at;
  // The same for the oldest 'sent' row: the node (or the spool's transfer agent) has not
  // acknowledged it; none when every sent row is acknowledged.
  std::optional<absl::Time> oldest_unacknowledged_at;
  // The most failed Sends of a 'to_send' row (0 when none failed or nothing waits).
  int64_t max_attempts = 0;
};

class Forwarder final {
 public:
  // Keeps references: `db`, `node` and `clock` must outlive the Forwarder.
  Forwarder(platform::db::Database& db, NationalNode& node, const platform::Clock& clock,
            ForwarderOptions options = {});
  Forwarder(const Forwarder&) = delete;
  Forwarder& operator=(const Forwarder&) = delete;

  // One step (see above). An error only when the database cannot be read at all; a row whose
  // own update fails is counted in `failed` and left for the next step.
  absl::StatusOr<ForwardingCounts> Step();

  // Counts the rows by state and reads the oldest unsent one and the most attempts, in one
  // transaction (no code leaves it).
  absl::StatusOr<ForwardingBacklog> Backlog();

  // The wait after the n-th failed Send (n >= 1): 2^(n-1) minutes, at most an hour
  // (1, 2, 4, ... 32, 60, 60 ... minutes).
  static absl::Duration Backoff(int failures);

 private:
  struct Claimed;
  // Sends one due row; adds to `counts`.
  void SendOne(const std::string& code, int64_t next_attempt_at, ForwardingCounts& counts);
  // Polls one sent row; adds to `counts`.
  void PollOne(const std::string& code, const std::string& receipt, ForwardingCounts& counts);
  absl::StatusOr<platform::db::Result> Due(const char* state);

  platform::db::Database& db_;
  NationalNode& node_;
  const platform::Clock& clock_;
  ForwarderOptions options_;
};

}  // namespace sisl::communications::forwarding

#endif  // SISL_SERVICES_COMMUNICATIONS_FORWARDING_FORWARDER_H_
