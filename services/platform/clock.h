#ifndef SISL_PLATFORM_CLOCK_H_
#define SISL_PLATFORM_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace sisl::platform {

// Injectable time source: domain and store code take a Clock& instead of reading the system time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  static SystemClock& Get() {
    static SystemClock clock;
    return clock;
  }
};

// A clock tests move by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }
  void Set(absl::Time t) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

// Today in Italy (Europe/Rome): the day deadlines, validity dates and lateness refer to.
// Without tzdata it falls back to UTC (at most an hour off around midnight); services that
// depend on it refuse to start without tzdata.
absl::CivilDay TodayInItaly(const Clock& clock);

// Microseconds since the Unix epoch, the storage format of every timestamp (ARCHITECTURE.md §6).
inline int64_t ToUnixMicrosUtc(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_CLOCK_H_
