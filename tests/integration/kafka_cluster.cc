#include "tests/integration/kafka_cluster.h"

#include <librdkafka/rdkafkacpp.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/support/child_process.h"

namespace sisl::testing_env {
namespace {

// The metadata of `topic` ("" for the brokers only), through a short-lived producer.
absl::StatusOr<std::unique_ptr<RdKafka::Metadata>> MetadataOf(const std::string& bootstrap,
                                                              const std::string& topic) {
  std::string error;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  if (conf->set("bootstrap.servers", bootstrap, error) != RdKafka::Conf::CONF_OK) {
    return absl::InvalidArgumentError(error);
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), error));
  if (producer == nullptr) return absl::InternalError(error);
  std::unique_ptr<RdKafka::Topic> t;
  if (!topic.empty()) {
    t.reset(RdKafka::Topic::create(producer.get(), topic, nullptr, error));
    if (t == nullptr) return absl::InternalError(error);
  }
  // A new topic has no leaders for a moment: ask again until every partition has one.
  for (int attempt = 0;; ++attempt) {
    RdKafka::Metadata* raw = nullptr;
    const RdKafka::ErrorCode err = producer->metadata(topic.empty(), t.get(), &raw, 5000);
    std::unique_ptr<RdKafka::Metadata> md(raw);
    bool complete = err == RdKafka::ERR_NO_ERROR;
    if (complete && !topic.empty()) {
      const auto* topics = md->topics();
      complete = !topics->empty() && topics->front()->err() == RdKafka::ERR_NO_ERROR &&
                 !topics->front()->partitions()->empty();
      for (const auto* p : complete ? *topics->front()->partitions()
                                    : RdKafka::TopicMetadata::PartitionMetadataVector{}) {
        if (p->leader() < 0) complete = false;
      }
    }
    if (complete) return md;
    if (attempt == 20) {
      return absl::UnavailableError(
          absl::StrCat("no complete metadata for '", topic, "': ", RdKafka::err2str(err)));
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
}

std::string PidFile(int node_id) {
  const char* run = std::getenv("SISL_RUNTIME_DIR");
  const std::string dir = run != nullptr && *run ? run : SourcePath(".run/infra");
  return absl::StrCat(dir, "/kafka/node", node_id - 1, ".pid");
}

}  // namespace

KafkaCluster::~KafkaCluster() {
  if (killed_ != 0) (void)Restart();
}

absl::StatusOr<int> KafkaCluster::Brokers() const {
  absl::StatusOr<std::unique_ptr<RdKafka::Metadata>> md = MetadataOf(bootstrap_, "");
  if (!md.ok()) return md.status();
  return static_cast<int>((*md)->brokers()->size());
}

absl::StatusOr<std::map<int, int>> KafkaCluster::Leaders(const std::string& topic) const {
  absl::StatusOr<std::unique_ptr<RdKafka::Metadata>> md = MetadataOf(bootstrap_, topic);
  if (!md.ok()) return md.status();
  std::map<int, int> out;
  for (const auto* p : *(*md)->topics()->front()->partitions()) out[p->id()] = p->leader();
  return out;
}

absl::StatusOr<int> KafkaCluster::MainLeader(const std::string& topic) const {
  absl::StatusOr<std::map<int, int>> leaders = Leaders(topic);
  if (!leaders.ok()) return leaders.status();
  std::map<int, int> led;  // node id -> partitions it leads
  for (const auto& [partition, leader] : *leaders) ++led[leader];
  int best = -1, most = 0;
  for (const auto& [node, n] : led) {
    if (node >= 0 && n > most) best = node, most = n;
  }
  if (best < 0) return absl::UnavailableError(absl::StrCat(topic, " has no leader"));
  return best;
}

absl::Status KafkaCluster::Kill(int node_id) {
  std::ifstream in(PidFile(node_id));
  pid_t pid = 0;
  if (!(in >> pid) || pid <= 1) {
    return absl::NotFoundError(
        absl::StrCat("no pid for broker ", node_id, " in ", PidFile(node_id)));
  }
  if (::kill(pid, SIGKILL) != 0) return absl::InternalError("kill(SIGKILL) failed");
  killed_ = node_id;
  for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i) absl::SleepFor(absl::Milliseconds(50));
  return absl::OkStatus();
}

absl::Status KafkaCluster::Restart() {
  if (Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " start kafka")) != 0) {
    return absl::InternalError("deploy/infra.sh start kafka failed");
  }
  killed_ = 0;
  return absl::OkStatus();
}

}  // namespace sisl::testing_env
