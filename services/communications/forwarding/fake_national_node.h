// An in-memory national node for tests: records every Send, can be told to fail for a while,
// and acknowledges a receipt on its n-th poll. Thread-safe (forwarders may step concurrently).
#ifndef SISL_SERVICES_COMMUNICATIONS_FORWARDING_FAKE_NATIONAL_NODE_H_
#define SISL_SERVICES_COMMUNICATIONS_FORWARDING_FAKE_NATIONAL_NODE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/communications/forwarding/national_node.h"

namespace sisl::communications::forwarding {

class FakeNationalNode final : public NationalNode {
 public:
  struct Received {
    std::string code;
    std::string xml;
    std::string receipt_id;
  };

  // Acknowledged() returns true from the `polls_before_ack`-th poll of a receipt on (1: at
  // the first poll).
  explicit FakeNationalNode(int polls_before_ack = 1) : polls_before_ack_(polls_before_ack) {}

  absl::StatusOr<std::string> Send(const std::string& code, const std::string& xml) override
      ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<bool> Acknowledged(const std::string& receipt_id) override
      ABSL_LOCKS_EXCLUDED(mu_);

  // The next `n` Sends fail with `status` (a temporary outage by default).
  void FailSends(int n, absl::Status status = absl::UnavailableError("national node down"))
      ABSL_LOCKS_EXCLUDED(mu_);
  // The next `n` Acknowledged calls fail with `status`.
  void FailPolls(int n, absl::Status status = absl::UnavailableError("national node down"))
      ABSL_LOCKS_EXCLUDED(mu_);
  void set_polls_before_ack(int n) ABSL_LOCKS_EXCLUDED(mu_);

  // Every successful Send, in order (a code twice if it was sent twice).
  std::vector<Received> received() const ABSL_LOCKS_EXCLUDED(mu_);
  // Successful Sends of `code`.
  int SendsOf(const std::string& code) const ABSL_LOCKS_EXCLUDED(mu_);
  // Send calls, failed ones included.
  int send_calls() const ABSL_LOCKS_EXCLUDED(mu_);
  // Acknowledged calls for `receipt_id`, failed ones excluded.
  int PollsOf(const std::string& receipt_id) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  int polls_before_ack_ ABSL_GUARDED_BY(mu_);
  int failing_sends_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status send_failure_ ABSL_GUARDED_BY(mu_);
  int failing_polls_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status poll_failure_ ABSL_GUARDED_BY(mu_);
  int send_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<Received> received_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int> polls_ ABSL_GUARDED_BY(mu_);  // by receipt id
};

}  // namespace sisl::communications::forwarding

#endif  // SISL_SERVICES_COMMUNICATIONS_FORWARDING_FAKE_NATIONAL_NODE_H_
