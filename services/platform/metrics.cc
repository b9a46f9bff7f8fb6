#include "services/platform/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace sisl::platform {
namespace {

std::string FormatLabels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ",";
    first = false;
    absl::StrAppend(&out, k, "=\"",
                    absl::StrReplaceAll(v, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}), "\"");
  }
  return out + "}";
}

// A sample value that reads back exactly. absl::StrCat keeps six significant digits, which would
// freeze counters above a million, so its short form (also used for the bucket bounds, e.g.
// le="0.0005") is kept only when it is exact; otherwise the shortest exact form is used.
std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  std::string text = absl::StrCat(v);
  double back = 0;
  if (absl::SimpleAtod(text, &back) && back == v) return text;
  char buf[64];
  const std::to_chars_result res = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, res.ptr);
}

// Adds `extra` (already formatted as k="v") to a formatted label set.
std::string WithLabel(const std::string& labels, const std::string& extra) {
  if (labels.empty()) return absl::StrCat("{", extra, "}");
  return absl::StrCat(labels.substr(0, labels.size() - 1), ",", extra, "}");
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::Observe(double value) {
  const size_t i = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  absl::MutexLock lock(&mu_);
  ++counts_[i];
  sum_ += value;
  ++count_;
}

void Histogram::Render(const std::string& name, const std::string& labels,
                       std::string& out) const {
  absl::MutexLock lock(&mu_);
  uint64_t cumulative = 0;
  for (size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i];
    absl::StrAppend(&out, name, "_bucket",
                    WithLabel(labels, absl::StrCat("le=\"", FormatValue(bounds_[i]), "\"")), " ",
                    cumulative, "\n");
  }
  absl::StrAppend(&out, name, "_bucket", WithLabel(labels, "le=\"+Inf\""), " ", count_, "\n");
  absl::StrAppend(&out, name, "_sum", labels, " ", FormatValue(sum_), "\n");
  absl::StrAppend(&out, name, "_count", labels, " ", count_, "\n");
}

MetricsRegistry& MetricsRegistry::Global() {
  static MetricsRegistry* registry = new MetricsRegistry();
  return *registry;
}

Counter& MetricsRegistry::GetCounter(const std::string& name, const std::string& help,
                                     const Labels& labels) {
  absl::MutexLock lock(&mu_);
  Family& f = families_[name];
  f.help = help;
  f.type = "counter";
  auto& slot = f.counters[FormatLabels(labels)];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Histogram& MetricsRegistry::GetHistogram(const std::string& name, const std::string& help,
                                         const Labels& labels) {
  absl::MutexLock lock(&mu_);
  Family& f = families_[name];
  f.help = help;
  f.type = "histogram";
  auto& slot = f.histograms[FormatLabels(labels)];
  if (!slot) {
    slot = std::make_unique<Histogram>(std::vector<double>{
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
  }
  return *slot;
}

void MetricsRegistry::SetGauge(const std::string& name, const std::string& help,
                               std::function<double()> read, const Labels& labels) {
  absl::MutexLock lock(&mu_);
  Family& f = families_[name];
  f.help = help;
  f.type = "gauge";
  f.gauges[FormatLabels(labels)] = std::move(read);
}

std::string MetricsRegistry::Render() const {
  absl::MutexLock lock(&mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    absl::StrAppend(&out, "# HELP ", name, " ", f.help, "\n# TYPE ", name, " ", f.type, "\n");
    for (const auto& [labels, c] : f.counters) {
      absl::StrAppend(&out, name, labels, " ", FormatValue(c->value()), "\n");
    }
    for (const auto& [labels, h] : f.histograms) h->Render(name, labels, out);
    for (const auto& [labels, read] : f.gauges) {
      absl::StrAppend(&out, name, labels, " ", FormatValue(read()), "\n");
    }
  }
  return out;
}

}  // namespace sisl::platform
