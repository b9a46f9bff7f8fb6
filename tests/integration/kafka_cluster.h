#ifndef SISL_TESTS_INTEGRATION_KAFKA_CLUSTER_H_
#define SISL_TESTS_INTEGRATION_KAFKA_CLUSTER_H_

// The 3-node Kafka of `deploy/infra.sh up --kafka-nodes 3` (SISL_TEST_KAFKA lists its brokers):
// who leads a topic's partitions, a broker stopped as a crash would stop it (SIGKILL of the
// process infra.sh started), and the cluster made whole again (`deploy/infra.sh start kafka`,
// which waits until every broker is registered). The failover tests stop leaders with it.

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sisl::testing_env {

class KafkaCluster final {
 public:
  // `bootstrap`: SISL_TEST_KAFKA.
  explicit KafkaCluster(std::string bootstrap) : bootstrap_(std::move(bootstrap)) {}
  // Starts a broker that was killed and not started again.
  ~KafkaCluster();
  KafkaCluster(const KafkaCluster&) = delete;
  KafkaCluster& operator=(const KafkaCluster&) = delete;

  // How many brokers the cluster's metadata lists.
  absl::StatusOr<int> Brokers() const;
  // Partition -> node id of its leader, for `topic` (made by the broker when missing: topics
  // are created on first use). -1 for a partition without a leader.
  absl::StatusOr<std::map<int, int>> Leaders(const std::string& topic) const;
  // The node id leading the most partitions of `topic` (the lowest id on a tie).
  absl::StatusOr<int> MainLeader(const std::string& topic) const;
  // SIGKILL of broker `node_id` (its pid from infra.sh's pid file); returns once it is gone.
  absl::Status Kill(int node_id);
  // deploy/infra.sh start kafka: the killed broker back, every broker registered.
  absl::Status Restart();

 private:
  std::string bootstrap_;
  int killed_ = 0;  // node id stopped by Kill and not restarted
};

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_KAFKA_CLUSTER_H_
