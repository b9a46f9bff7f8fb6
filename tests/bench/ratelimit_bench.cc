// What the gateway's rate limiter costs per request in one process: RateLimitPolicy's buckets for
// a read with a session (per IP, per session) taken with MemoryRateLimiter::TakeAll, over 250
// client addresses, single-threaded and from several threads at once. Prints one tab-separated
// ROW per measure (label, threads, requests, ns per request on one thread, requests per second
// over all threads, requests allowed) for run_ratelimit_bench.sh.
//
//   ratelimit_bench [--requests=N] [--threads=T]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/rate_limit_policy.h"

namespace {

using sisl::gateway::ratelimit::MemoryRateLimiter;
using sisl::gateway::ratelimit::RateLimitConfig;
using sisl::gateway::ratelimit::RateLimitPolicy;
using sisl::gateway::ratelimit::RequestClass;

// Wall-clock nanoseconds for `n` policy + TakeAll calls on each of `threads` threads.
double Measure(MemoryRateLimiter& limiter, const RateLimitPolicy& policy, int threads, int n,
               std::atomic<long>& allowed) {
  std::vector<std::thread> workers;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const std::string session = absl::StrCat("session-", t, "-0123456789abcdefghijklmnopqrst");
      long mine = 0;
      for (int i = 0; i < n; ++i) {
        auto d = limiter.TakeAll(policy.BucketsFor(
            RequestClass::kRead, absl::StrCat("10.", t, ".", i % 250, ".1"), session));
        if (d.ok() && d->allowed) ++mine;
      }
      allowed += mine;
    });
  }
  for (auto& w : workers) w.join();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int requests = 1'000'000;
  int threads = 4;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--requests=") && absl::SimpleAtoi(arg, &requests)) continue;
    if (absl::ConsumePrefix(&arg, "--threads=") && absl::SimpleAtoi(arg, &threads)) continue;
    std::fprintf(stderr, "usage: %s [--requests=N] [--threads=T]\n", argv[0]);
    return 2;
  }
  // Limits high enough that every request is allowed: the cost measured is the full path.
  RateLimitConfig config;
  config.per_ip = {1e9, 1'000'000'000};
  config.per_session = {1e9, 1'000'000'000};
  const RateLimitPolicy policy(config);
  std::atomic<long> allowed{0};
  {
    MemoryRateLimiter warm;
    Measure(warm, policy, 1, requests / 10, allowed);
  }
  auto row = [&](const char* label, int t, int per_thread) {
    MemoryRateLimiter limiter;
    allowed = 0;
    const double ns = Measure(limiter, policy, t, per_thread, allowed);
    const double total = static_cast<double>(per_thread) * t;
    std::printf("ROW\t%s\t%d\t%.0f\t%.0f\t%.0f\t%ld\n", label, t, total, ns / per_thread,
                total / (ns / 1e9), allowed.load());
  };
  row("single", 1, requests);
  row("threads", threads, requests / threads);
  return 0;
}
