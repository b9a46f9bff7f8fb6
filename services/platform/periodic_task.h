#ifndef SISL_PLATFORM_PERIODIC_TASK_H_
#define SISL_PLATFORM_PERIODIC_TASK_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sisl::platform {

// A background loop: runs `step` on its own thread every `interval`, at once when woken, and
// again without waiting while `step` returns true (more work is waiting, e.g. a full batch).
// Stop() waits for the step in progress, so nothing runs once it returns. Used by the outbox
// relay, index reconcilers and retention jobs instead of hand-rolled threads.
class PeriodicTask final {
 public:
  // `name` appears in logs. `step` returns true to run again at once.
  PeriodicTask(std::string name, absl::Duration interval, std::function<bool()> step);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the loop (the first step runs at once). Idempotent.
  void Start() ABSL_LOCKS_EXCLUDED(mu_);
  // Stops the loop after the current step. Idempotent; Start() may follow.
  void Stop() ABSL_LOCKS_EXCLUDED(mu_);
  // Runs the next step now instead of at the end of the interval.
  void Wake() ABSL_LOCKS_EXCLUDED(mu_);
  bool running() const ABSL_LOCKS_EXCLUDED(mu_);
  const std::string& name() const { return name_; }

 private:
  void Loop() ABSL_LOCKS_EXCLUDED(mu_);

  const std::string name_;
  const absl::Duration interval_;
  const std::function<bool()> step_;
  mutable absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool woken_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_PERIODIC_TASK_H_
