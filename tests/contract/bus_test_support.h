#ifndef SISL_TESTS_CONTRACT_BUS_TEST_SUPPORT_H_
#define SISL_TESTS_CONTRACT_BUS_TEST_SUPPORT_H_

// The bus contract suite's adapter factories and delivery recorder.

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/bus/kafka_bus.h"
#include "tests/contract/contract_env.h"

namespace sisl::platform::bus::contract {

inline constexpr absl::Duration kWait = absl::Seconds(30);  // upper bound for any delivery
inline constexpr absl::Duration kPublishTimeout = absl::Seconds(10);

inline std::string Adapter() { return testing_env::EnvOr("SISL_BUS_ADAPTER", "inproc"); }

struct BusUnderTest {
  std::unique_ptr<EventBus> bus;
  std::function<absl::Status(const std::vector<std::string>&)> create_topics;
};

inline absl::StatusOr<std::unique_ptr<KafkaBus>> MakeKafka(const std::string& servers) {
  KafkaBus::Options options;
  options.bootstrap_servers = servers;
  options.client_id = "sisl-bus-contract-test";
  // Fast group membership changes, so stop/resubscribe and shared groups settle quickly.
  options.consumer_config = {{"session.timeout.ms", "6000"},
                             {"heartbeat.interval.ms", "300"},
                             {"fetch.wait.max.ms", "20"}};
  return KafkaBus::Create(std::move(options));
}

inline absl::StatusOr<BusUnderTest> MakeBus(const std::string& adapter) {
  if (adapter == "inproc") {
    return BusUnderTest{std::make_unique<InProcessBus>(),
                        [](const std::vector<std::string>&) { return absl::OkStatus(); }};
  }
  if (adapter == "kafka") {
    const std::string servers = testing_env::EnvOr("SISL_TEST_KAFKA", "");
    if (servers.empty()) {
      return absl::FailedPreconditionError(
          "SISL_BUS_ADAPTER=kafka needs SISL_TEST_KAFKA=host:port of a running broker "
          "(run deploy/infra.sh up, then source .run/infra/env)");
    }
    absl::StatusOr<std::unique_ptr<KafkaBus>> kafka = MakeKafka(servers);
    if (!kafka.ok()) return kafka.status();
    KafkaBus* raw = kafka->get();
    return BusUnderTest{*std::move(kafka), [raw](const std::vector<std::string>& topics) {
                          return raw->EnsureTopics(topics, /*partitions=*/3, /*replication=*/1);
                        }};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown SISL_BUS_ADAPTER '", adapter, "' (expected inproc or kafka)"));
}

inline Message Msg(const std::string& topic, const std::string& key, const std::string& payload) {
  Message m;
  m.topic = topic;
  m.key = key;
  m.payload = payload;
  return m;
}

// Collects deliveries; the optional `fail` decides whether a delivery's handler call fails.
class Recorder final {
 public:
  explicit Recorder(std::function<bool(const Message&, int attempt)> fail = nullptr)
      : fail_(std::move(fail)) {}

  Handler AsHandler() {
    return [this](const Message& m) -> absl::Status {
      std::lock_guard lock(mu_);
      received_.push_back(m);
      const int attempt = ++attempts_[m.payload];
      const bool failed = fail_ && fail_(m, attempt);
      if (!failed) ++succeeded_;
      changed_.notify_all();
      return failed ? absl::InternalError("handler failed on purpose") : absl::OkStatus();
    };
  }
  // Wait (up to kWait) until `calls` handler calls happened / `successes` of them returned OK.
  bool WaitForCalls(size_t calls) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(kWait),
                             [&] { return received_.size() >= calls; });
  }
  bool WaitForSuccesses(int successes) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, absl::ToChronoSeconds(kWait),
                             [&] { return succeeded_ >= successes; });
  }
  std::vector<Message> Received() {
    std::lock_guard lock(mu_);
    return received_;
  }
  std::vector<std::string> Payloads() {
    std::vector<std::string> out;
    for (const Message& m : Received()) out.push_back(m.payload);
    return out;
  }

 private:
  const std::function<bool(const Message&, int)> fail_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Message> received_;
  std::map<std::string, int> attempts_;
  int succeeded_ = 0;
};

}  // namespace sisl::platform::bus::contract

#endif  // SISL_TESTS_CONTRACT_BUS_TEST_SUPPORT_H_
