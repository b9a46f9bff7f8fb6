// PeriodicTask: runs at start, on Wake, again at once while the step asks for more; Stop waits.
#include "services/platform/periodic_task.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace sisl::platform {
namespace {

// Polls `done` for up to 10 s (a probe, not a fixed sleep).
template <typename Fn>
bool Eventually(Fn done) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!done()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(2));
  }
  return true;
}

TEST(PeriodicTaskTest, RunsAtStartAndWhenWokenNotBefore) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", absl::Hours(1), [&] {
    ++runs;
    return false;
  });
  task.Start();
  ASSERT_TRUE(Eventually([&] { return runs.load() == 1; }));
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(runs.load(), 1) << "the interval is an hour: nothing runs before it or a Wake";
  task.Wake();
  ASSERT_TRUE(Eventually([&] { return runs.load() == 2; }));
  task.Stop();
  EXPECT_FALSE(task.running());
}

TEST(PeriodicTaskTest, RunsAgainAtOnceWhileTheStepHasMore) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", absl::Hours(1), [&] { return ++runs < 5; });
  task.Start();
  ASSERT_TRUE(Eventually([&] { return runs.load() == 5; }));
  task.Stop();
  EXPECT_EQ(runs.load(), 5);
}

TEST(PeriodicTaskTest, StopWaitsForTheStepInProgressAndNothingRunsAfter) {
  std::atomic<int> runs{0};
  absl::Notification entered;
  std::atomic<bool> finished{false};
  PeriodicTask task("test", absl::Milliseconds(1), [&] {
    if (++runs == 1) {
      entered.Notify();
      absl::SleepFor(absl::Milliseconds(50));
      finished = true;
    }
    return false;
  });
  task.Start();
  entered.WaitForNotification();
  task.Stop();
  EXPECT_TRUE(finished.load());
  const int after_stop = runs.load();
  absl::SleepFor(absl::Milliseconds(20));
  EXPECT_EQ(runs.load(), after_stop);
}

TEST(PeriodicTaskTest, RepeatsEveryInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", absl::Milliseconds(5), [&] {
    ++runs;
    return false;
  });
  task.Start();
  EXPECT_TRUE(Eventually([&] { return runs.load() >= 3; }));
}

}  // namespace
}  // namespace sisl::platform
