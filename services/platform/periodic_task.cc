#include "services/platform/periodic_task.h"

#include <utility>

namespace sisl::platform {

PeriodicTask::PeriodicTask(std::string name, absl::Duration interval, std::function<bool()> step)
    : name_(std::move(name)), interval_(interval), step_(std::move(step)) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicTask::Stop() {
  std::thread thread;
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
}

void PeriodicTask::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

bool PeriodicTask::running() const {
  absl::MutexLock lock(&mu_);
  return thread_.joinable() && !stop_;
}

void PeriodicTask::Loop() {
  while (true) {
    const bool more = step_();
    absl::MutexLock lock(&mu_);
    if (stop_) return;
    if (more) continue;
    auto wake_or_stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stop_ || woken_; };
    mu_.AwaitWithTimeout(absl::Condition(&wake_or_stop), interval_);
    woken_ = false;
    if (stop_) return;
  }
}

}  // namespace sisl::platform
