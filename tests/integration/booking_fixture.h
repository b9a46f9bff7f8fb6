#ifndef SISL_TESTS_INTEGRATION_BOOKING_FIXTURE_H_
#define SISL_TESTS_INTEGRATION_BOOKING_FIXTURE_H_

// Runs sisl-booking as its own process against the real PostgreSQL, Kafka and Redis started by
// deploy/infra.sh (addresses from SISL_TEST_PG_URL, SISL_TEST_KAFKA, SISL_TEST_REDIS).

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/database.h"
#include "services/platform/testing/test_keys.h"
#include "sisl/booking/v1/offices.grpc.pb.h"
#include "tests/support/child_process.h"

namespace sisl::testing_env {

class BookingServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts (or restarts) the booking process; false when it did not come up.
  bool StartBooking();
  void CrashBooking() { booking_->Kill(); }

  std::unique_ptr<booking::v1::OfficesService::Stub> Stub();
  // A client context carrying an administrator's internal token.
  std::unique_ptr<grpc::ClientContext> AdminContext();
  // Changes the phone number of `site`; returns the gRPC status and the office.
  grpc::Status SetPhone(const std::string& site, const std::string& phone,
                        booking::v1::Office* out = nullptr);
  // HTTP status of GET http://<ops>/<path>, or -1.
  int HttpGet(const std::string& path);
  // A direct connection to the booking schema, to look at what the service wrote.
  platform::db::Database& Db() { return *db_; }

  // Set before SetUp: the run gets a database of this name of its own (dropped at the end)
  // instead of the shared test database.
  std::string fresh_database_;
  std::string shared_pg_url_;
  std::string pg_url_, kafka_, redis_;
  std::string grpc_address_, http_address_;
  // Generated for this run (never a committed key): sisl-booking reads the public key and the
  // person-id secret, the test signs tokens as the gateway would.
  std::unique_ptr<platform::testing::TestKeys> keys_ = platform::testing::TestKeys::Create();
  // Added to sisl-booking's environment (e.g. the services it trusts).
  std::map<std::string, std::string> booking_env_;
  std::unique_ptr<ChildProcess> booking_;
  std::unique_ptr<platform::db::Database> db_;
};

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_BOOKING_FIXTURE_H_
