// Prometheus text exposition of counters, histograms and gauges.

#include "services/platform/metrics.h"

#include <cmath>
#include <limits>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sisl::platform {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CounterWithLabelsRendersHelpTypeAndSortedLabels) {
  MetricsRegistry registry;
  Counter& c = registry.GetCounter("sisl_requests_total", "Requests served.",
                                   {{"method", "/sisl.booking.v1.Offices/Get"}, {"code", "OK"}});
  c.Increment();
  c.Increment(2);
  EXPECT_EQ(c.value(), 3);
  EXPECT_EQ(registry.Render(),
            "# HELP sisl_requests_total Requests served.\n"
            "# TYPE sisl_requests_total counter\n"
            "sisl_requests_total{code=\"OK\",method=\"/sisl.booking.v1.Offices/Get\"} 3\n");
}

TEST(MetricsTest, SameLabelsGiveTheSameCounterOthersANewSeries) {
  MetricsRegistry registry;
  Counter& a = registry.GetCounter("hits_total", "Hits.", {{"site", "TO-01"}});
  Counter& b = registry.GetCounter("hits_total", "Hits.", {{"site", "TO-01"}});
  Counter& c = registry.GetCounter("hits_total", "Hits.", {{"site", "CN-01"}});
  Counter& bare = registry.GetCounter("hits_total", "Hits.");
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
  a.Increment();
  b.Increment();
  c.Increment(5);
  bare.Increment(7);
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("hits_total{site=\"TO-01\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("hits_total{site=\"CN-01\"} 5\n"));
  EXPECT_THAT(text, HasSubstr("\nhits_total 7\n"));
  // One HELP and TYPE per family, however many series.
  EXPECT_EQ(text.find("# TYPE hits_total"), text.rfind("# TYPE hits_total"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  registry.GetCounter("errors_total", "Errors.", {{"detail", "say \"hi\"\\now\nnext"}})
      .Increment();
  EXPECT_THAT(registry.Render(),
              HasSubstr("errors_total{detail=\"say \\\"hi\\\"\\\\now\\nnext\"} 1\n"));
  // The raw newline must not split the sample over two lines.
  EXPECT_THAT(registry.Render(), Not(HasSubstr("hi\"\\now\nnext")));
}

TEST(MetricsTest, ValuesAreRenderedWithoutLosingPrecision) {
  MetricsRegistry registry;
  registry.GetCounter("big_total", "Big.").Increment(1234567);
  registry.GetCounter("frac_total", "Fractions.").Increment(0.25);
  registry.SetGauge("bytes", "Bytes.", [] { return 9876543210.0; });
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("\nbig_total 1234567\n"));
  EXPECT_THAT(text, HasSubstr("\nfrac_total 0.25\n"));
  EXPECT_THAT(text, HasSubstr("\nbytes 9876543210\n"));
}

TEST(MetricsTest, NonFiniteGaugesUsePrometheusSpelling) {
  MetricsRegistry registry;
  registry.SetGauge("g_nan", "N.", [] { return std::nan(""); });
  registry.SetGauge("g_pinf", "P.", [] { return std::numeric_limits<double>::infinity(); });
  registry.SetGauge("g_ninf", "M.", [] { return -std::numeric_limits<double>::infinity(); });
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("\ng_nan NaN\n"));
  EXPECT_THAT(text, HasSubstr("\ng_pinf +Inf\n"));
  EXPECT_THAT(text, HasSubstr("\ng_ninf -Inf\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Histogram h({1, 2, 5});
  for (double v : {1.0, 1.5, 5.0, 7.0, 0.5}) h.Observe(v);  // 1 and 5 fall in le=1 and le=5
  std::string out;
  h.Render("latency_seconds", "{method=\"m\"}", out);
  EXPECT_EQ(out,
            "latency_seconds_bucket{method=\"m\",le=\"1\"} 2\n"
            "latency_seconds_bucket{method=\"m\",le=\"2\"} 3\n"
            "latency_seconds_bucket{method=\"m\",le=\"5\"} 4\n"
            "latency_seconds_bucket{method=\"m\",le=\"+Inf\"} 5\n"
            "latency_seconds_sum{method=\"m\"} 15\n"
            "latency_seconds_count{method=\"m\"} 5\n");
}

TEST(MetricsTest, EmptyHistogramWithoutLabels) {
  Histogram h({0.5});
  std::string out;
  h.Render("h", "", out);
  EXPECT_EQ(out,
            "h_bucket{le=\"0.5\"} 0\n"
            "h_bucket{le=\"+Inf\"} 0\n"
            "h_sum 0\n"
            "h_count 0\n");
}

TEST(MetricsTest, RegistryHistogramUsesDefaultLatencyBuckets) {
  MetricsRegistry registry;
  Histogram& h = registry.GetHistogram("rpc_seconds", "RPC latency.", {{"method", "Get"}});
  EXPECT_EQ(&h, &registry.GetHistogram("rpc_seconds", "RPC latency.", {{"method", "Get"}}));
  h.Observe(0.00390625);  // 2^-8, exact in binary
  h.Observe(0.25);
  h.Observe(42);
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE rpc_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"0.0005\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"0.0025\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"0.005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"0.25\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"10\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_bucket{method=\"Get\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_count{method=\"Get\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("rpc_seconds_sum{method=\"Get\"} 42.25390625\n"));
}

TEST(MetricsTest, GaugeIsReadAtRenderTime) {
  MetricsRegistry registry;
  double backlog = 3;
  registry.SetGauge("outbox_backlog", "Unpublished outbox rows.", [&backlog] { return backlog; });
  EXPECT_EQ(registry.Render(),
            "# HELP outbox_backlog Unpublished outbox rows.\n"
            "# TYPE outbox_backlog gauge\n"
            "outbox_backlog 3\n");
  backlog = 11;
  EXPECT_THAT(registry.Render(), HasSubstr("\noutbox_backlog 11\n"));
}

TEST(MetricsTest, FamiliesRenderInNameOrder) {
  MetricsRegistry registry;
  registry.SetGauge("zz_gauge", "Z.", [] { return 1.0; });
  registry.GetCounter("aa_total", "A.").Increment();
  registry.GetHistogram("mm_seconds", "M.");
  const std::string text = registry.Render();
  const size_t a = text.find("# HELP aa_total");
  const size_t m = text.find("# HELP mm_seconds");
  const size_t z = text.find("# HELP zz_gauge");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(m, std::string::npos);
  ASSERT_NE(z, std::string::npos);
  EXPECT_LT(a, m);
  EXPECT_LT(m, z);
  EXPECT_EQ(text.back(), '\n');
}

TEST(MetricsTest, GlobalRegistryIsASingleton) {
  EXPECT_EQ(&MetricsRegistry::Global(), &MetricsRegistry::Global());
  Counter& c = MetricsRegistry::Global().GetCounter("sisl_metrics_test_total", "Test.");
  c.Increment();
  EXPECT_THAT(MetricsRegistry::Global().Render(), HasSubstr("sisl_metrics_test_total 1\n"));
}

}  // namespace
}  // namespace sisl::platform
