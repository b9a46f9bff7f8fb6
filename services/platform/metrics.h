#ifndef SISL_PLATFORM_METRICS_H_
#define SISL_PLATFORM_METRICS_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace sisl::platform {

// Label set in Prometheus form, e.g. {{"method","/a.B/C"},{"code","OK"}}.
using Labels = std::map<std::string, std::string>;

class Counter final {
 public:
  void Increment(double by = 1) {
    double cur = value_.load();
    while (!value_.compare_exchange_weak(cur, cur + by)) {
    }
  }
  double value() const { return value_.load(); }

 private:
  std::atomic<double> value_{0};
};

class Histogram final {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double value);
  // Appends the Prometheus sample lines of this histogram.
  void Render(const std::string& name, const std::string& labels, std::string& out) const;

 private:
  std::vector<double> bounds_;
  mutable absl::Mutex mu_;
  std::vector<uint64_t> counts_ ABSL_GUARDED_BY(mu_);  // per bucket, not cumulative; last +Inf
  double sum_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

// A process-wide registry rendered at /metrics in the Prometheus text format.
class MetricsRegistry final {
 public:
  static MetricsRegistry& Global();

  Counter& GetCounter(const std::string& name, const std::string& help, const Labels& labels = {});
  // Latency histograms in seconds use the default buckets (1 ms .. 10 s).
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const Labels& labels = {});
  // A gauge read when rendered (e.g. outbox backlog).
  // Labelled gauges of one family (e.g. the backlog of each module's outbox) render side by side.
  void SetGauge(const std::string& name, const std::string& help, std::function<double()> read,
                const Labels& labels = {});

  std::string Render() const;

 private:
  struct Family {
    std::string help;
    std::string type;
    std::map<std::string, std::unique_ptr<Counter>> counters;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
    std::map<std::string, std::function<double()>> gauges;  // by rendered labels
  };
  mutable absl::Mutex mu_;
  std::map<std::string, Family> families_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_METRICS_H_
