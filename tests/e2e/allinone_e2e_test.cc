// End to end: the all-in-one binary as a newcomer runs it. Start it on a fresh data directory,
// page through the 44 sites over gRPC (and through reflection with grpcurl), check health and
// the ops endpoints, stop it with SIGTERM within 5 seconds, and find the data kept on restart.
#include <unistd.h>

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/platform/ids.h"
#include "sisl/booking/v1/offices.grpc.pb.h"
#include "tests/support/child_process.h"

namespace sisl {
namespace {

using booking::v1::ListOfficesRequest;
using booking::v1::ListOfficesResponse;
using booking::v1::OfficesService;
using testing_env::ChildProcess;

class AllInOneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = std::filesystem::temp_directory_path() /
                absl::StrCat("sisl-e2e-", platform::NewUuidV7());
    grpc_address_ = absl::StrCat("127.0.0.1:", testing_env::FreePort());
    http_address_ = absl::StrCat("127.0.0.1:", testing_env::FreePort());
    gateway_address_ = absl::StrCat("127.0.0.1:", testing_env::FreePort());
  }
  void TearDown() override { std::filesystem::remove_all(data_dir_); }

  std::unique_ptr<ChildProcess> Launch() {
    auto child = std::make_unique<ChildProcess>(
        testing_env::BinaryPath("apps/sisl-allinone"), std::vector<std::string>{},
        std::map<std::string, std::string>{{"SISL_DATA_DIR", data_dir_.string()},
                                           {"SISL_GRPC_ADDRESS", grpc_address_},
                                           {"SISL_HTTP_ADDRESS", http_address_},
                                           {"SISL_GATEWAY_HTTP_ADDRESS", gateway_address_},
                                           {"SISL_GATEWAY_PUBLIC_URL",
                                            "http://" + gateway_address_}},
        // A log per launch, named in failures (a later launch does not overwrite it).
        (std::filesystem::temp_directory_path() /
         absl::StrCat("sisl-e2e-allinone-", getpid(), "-", ++launches_, ".log"))
            .string());
    EXPECT_TRUE(child->Start());
    EXPECT_TRUE(child->WaitForGrpc(grpc_address_, std::chrono::seconds(30)))
        << "see " << child->log_path();
    return child;
  }

  std::set<std::string> PageThroughSites(int page_size) {
    auto stub = OfficesService::NewStub(
        grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials()));
    std::set<std::string> sites;
    std::string token;
    int pages = 0;
    do {
      grpc::ClientContext ctx;
      ListOfficesRequest req;
      req.set_page_size(page_size);
      req.set_page_token(token);
      ListOfficesResponse resp;
      grpc::Status st = stub->ListOffices(&ctx, req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      EXPECT_EQ(resp.total_size(), 44);
      for (const auto& o : resp.offices()) {
        EXPECT_FALSE(o.cpi_name().empty()) << o.site_code();
        EXPECT_TRUE(sites.insert(o.site_code()).second) << "duplicate " << o.site_code();
      }
      token = resp.next_page_token();
    } while (!token.empty() && ++pages < 100);
    return sites;
  }

  std::filesystem::path data_dir_;
  std::string grpc_address_;
  std::string http_address_;
  std::string gateway_address_;
  int launches_ = 0;
};

TEST_F(AllInOneTest, ServesTheDirectoryAndStopsCleanlyOnSigterm) {
  auto child = Launch();
  const std::set<std::string> sites = PageThroughSites(10);
  EXPECT_EQ(sites.size(), 44u);
  EXPECT_TRUE(sites.contains("TO-01"));
  EXPECT_TRUE(sites.contains("VB-03"));

  // Server reflection and health, as grpcurl users see them.
  const std::string grpcurl = testing_env::SourcePath(".run/bin/grpcurl");
  ASSERT_TRUE(std::filesystem::exists(grpcurl)) << "grpcurl missing: ./sisl test installs it";
  EXPECT_EQ(testing_env::Shell(absl::StrCat(
                grpcurl, " -plaintext -d '{\"site_code\":\"AL-01\"}' ", grpc_address_,
                " sisl.booking.v1.OfficesService/GetOffice | grep -q \"Acqui Terme\"")),
            0);
  EXPECT_EQ(testing_env::Shell(absl::StrCat(grpcurl, " -plaintext ", grpc_address_,
                                            " grpc.health.v1.Health/Check | grep -q SERVING")),
            0);
  // Readiness and metrics are on the ops port, the gateway's included, never on the public one.
  // (The gateway's HTTP front starts after the gRPC server: give it 10 s.)
  EXPECT_EQ(testing_env::Shell(absl::StrCat(
                "for i in $(seq 50); do curl -sf http://", http_address_,
                "/readyz | grep -q 'gateway-upstreams: ok' && exit 0; sleep 0.2; done; exit 1")),
            0);
  for (const char* ops_only : {"/readyz", "/metrics"}) {
    EXPECT_EQ(testing_env::Shell(absl::StrCat("test \"$(curl -s -o /dev/null -w '%{http_code}' "
                                              "http://", gateway_address_, ops_only,
                                              ")\" = 404")),
              0)
        << ops_only << " on the public port";
  }
  EXPECT_EQ(testing_env::Shell(absl::StrCat(
                "curl -sf http://", http_address_,
                "/metrics | grep -q 'grpc_server_handled_total{code=\"0\",method=\"/sisl.booking.v1."
                "OfficesService/ListOffices\"}'")),
            0);
  EXPECT_EQ(testing_env::Shell(absl::StrCat("curl -sf http://", http_address_,
                                            "/metrics | grep -q sisl_gateway_http_requests_total")),
            0);

  const auto start = std::chrono::steady_clock::now();
  child->Signal(SIGTERM);
  auto status = child->Wait(std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value()) << "did not stop within 5 s after SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "wait status " << *status;
  std::printf("stopped %lld ms after SIGTERM\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count()));
}

TEST_F(AllInOneTest, KeepsDataBetweenRunsAndSeedsOnlyOnce) {
  {
    auto child = Launch();
    EXPECT_EQ(PageThroughSites(100).size(), 44u);
    // Stopped once it has finished starting (the first test measures the stop itself): a SIGTERM
    // taken while the modules still start is acted on when they have, which on a loaded machine
    // can take longer than the stop.
    // "SISL is running" is printed once every module has started.
    ASSERT_TRUE(child->WaitForLogLine("SISL is running", std::chrono::seconds(30)))
        << "not started within 30 s; see " << child->log_path();
    child->Signal(SIGTERM);
    ASSERT_TRUE(child->Wait(std::chrono::seconds(15)).has_value())
        << "did not stop within 15 s after SIGTERM; see " << child->log_path();
  }
  ASSERT_TRUE(std::filesystem::exists(data_dir_ / "booking.db"));
  auto child = Launch();
  EXPECT_EQ(PageThroughSites(7).size(), 44u);
}

TEST_F(AllInOneTest, RefusesAnUnknownConfigKeyNamingIt) {
  const auto config = data_dir_ / "bad.yaml";
  std::filesystem::create_directories(data_dir_);
  {
    std::FILE* f = std::fopen(config.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("grpc_adress: 127.0.0.1:1\n", f);
    std::fclose(f);
  }
  const auto log = data_dir_ / "out.log";
  ChildProcess child(testing_env::BinaryPath("apps/sisl-allinone"), {"--config", config.string()},
                     {}, log.string());
  ASSERT_TRUE(child.Start());
  auto status = child.Wait(std::chrono::seconds(10));
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2);
  EXPECT_EQ(testing_env::Shell(absl::StrCat("grep -q \"grpc_adress': unknown key\" ",
                                            log.string())),
            0);
}

}  // namespace
}  // namespace sisl
