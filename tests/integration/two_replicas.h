#ifndef SISL_TESTS_INTEGRATION_TWO_REPLICAS_H_
#define SISL_TESTS_INTEGRATION_TWO_REPLICAS_H_

// Two sisl-booking processes ("replicas") on different ports, sharing the real PostgreSQL, Kafka
// and Redis started by deploy/infra.sh (SISL_TEST_PG_URL, SISL_TEST_KAFKA, SISL_TEST_REDIS) and
// one internal-token key, as a horizontally scaled deployment would.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "grpcpp/grpcpp.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/testing/test_keys.h"
#include "services/platform/db/database.h"
#include "tests/support/child_process.h"

namespace sisl::testing_env {

class TwoBookingReplicas final {
 public:
  static constexpr int kReplicas = 2;

  TwoBookingReplicas();
  ~TwoBookingReplicas() { Stop(); }
  TwoBookingReplicas(const TwoBookingReplicas&) = delete;
  TwoBookingReplicas& operator=(const TwoBookingReplicas&) = delete;

  // Starts both processes together and waits for their gRPC ports; opens a direct connection to
  // the booking schema. FAILED_PRECONDITION when the infrastructure variables are missing.
  absl::Status Start();
  void Stop();

  const std::string& grpc_address(int replica) const { return grpc_[replica]; }
  std::string log_path(int replica) const { return processes_[replica]->log_path(); }
  // A channel with its own connection (not shared with other channels to the same replica).
  std::shared_ptr<grpc::Channel> NewChannel(int replica) const;
  // A context carrying `caller`'s internal token and a deadline.
  std::unique_ptr<grpc::ClientContext> Context(const platform::auth::Caller& caller,
                                               absl::Duration deadline = absl::Seconds(30)) const;
  // How many free slots the replica's availability index shows for `service` at `site` on
  // `days` (-1 when the call fails).
  int FreeSlots(int replica, const std::string& service, const std::string& site,
                const std::vector<absl::CivilDay>& days) const;
  // The booking schema, to check what the replicas wrote.
  platform::db::Database& Db() { return *db_; }

 private:
  std::string pg_url_, kafka_, redis_;
  // Generated for this run: the replicas read the public key, the test signs as the gateway.
  std::unique_ptr<platform::testing::TestKeys> keys_ = platform::testing::TestKeys::Create();
  std::array<std::string, kReplicas> grpc_, http_;
  std::array<std::unique_ptr<ChildProcess>, kReplicas> processes_;
  std::unique_ptr<platform::db::Database> db_;
};

// A valid fiscal code (check character included) made up from `n`: distinct numbers give
// distinct codes, for invented citizens.
std::string InventFiscalCode(uint64_t n);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_TWO_REPLICAS_H_
