#ifndef SISL_PLATFORM_TESTING_MODULE_FIXTURE_H_
#define SISL_PLATFORM_TESTING_MODULE_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/clock.h"
#include "services/platform/module_host.h"
#include "services/platform/outbox/admin_service.h"

namespace sisl::platform::testing {

// A module served for a test by a real gRPC server on a free loopback port, on embedded
// adapters (SQLite in memory, or `db_url`; the in-process bus; the memory cache), with a key
// pair of its own so the test can call as anyone:
//
//   ASSERT_OK_AND_ASSIGN(auto served, ModuleFixture::Start(booking::BookingModuleSpec()));
//   auto stub = v1::OfficesService::NewStub(served->channel());
//   auto context = served->ContextAs({.subject = "op-1", .role = Role::kOperator});
class ModuleFixture final {
 public:
  struct Options {
    std::string config_yaml;            // the module's keys, embedded defaults otherwise
    std::string db_url = "sqlite::memory:";
    const Clock* clock = nullptr;       // the system clock by default
  };
  static absl::StatusOr<std::unique_ptr<ModuleFixture>> Start(const ModuleSpec& spec);
  static absl::StatusOr<std::unique_ptr<ModuleFixture>> Start(const ModuleSpec& spec,
                                                              const Options& options);
  ~ModuleFixture();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // A client context carrying an internal token for `caller` addressed to the module and a
  // correlation id (a new one when empty). A caller without a SPID level gets level 2.
  std::unique_ptr<grpc::ClientContext> ContextAs(const auth::Caller& caller,
                                                 const std::string& correlation_id = "") const;
  // A token for `caller` addressed to `audience`, signed with the fixture's key (level 2 when
  // the caller has none).
  std::string TokenFor(auth::Caller caller, const std::string& audience) const;
  // A client context without a token (public calls).
  std::unique_ptr<grpc::ClientContext> Anonymous(const std::string& correlation_id = "") const;

  HostedModule& hosted() { return *hosted_; }
  Module& module() { return hosted_->module(); }
  db::Database& db() { return *db_; }
  bus::InProcessBus& bus() { return bus_; }
  const ProcessKeys& keys() const { return *keys_; }

 private:
  ModuleFixture() = default;

  std::string name_;
  std::unique_ptr<Config> config_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<ProcessKeys> keys_;
  bus::InProcessBus bus_;
  cache::MemoryCache cache_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<HostedModule> hosted_;
  std::unique_ptr<auth::TokenVerifier> admin_tokens_;
  std::unique_ptr<outbox::OutboxAdminServiceImpl> outbox_admin_;
  std::unique_ptr<ServerHost> host_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace sisl::platform::testing

#endif  // SISL_PLATFORM_TESTING_MODULE_FIXTURE_H_
