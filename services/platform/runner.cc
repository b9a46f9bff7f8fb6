#include "services/platform/runner.h"

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/embedded_mode.h"
#include "services/platform/grpc/tls.h"
#include "services/platform/module_host.h"
#include "services/platform/outbox/admin_service.h"
#include "services/platform/process.h"
#include "services/platform/transport.h"

namespace sisl::platform {
namespace {

using Modules = std::vector<std::unique_ptr<HostedModule>>;

// Registers, serves, waits for SIGTERM/SIGINT, shuts down in order. Returns the exit code.
int Serve(ServerHost& host, Modules& modules, const ProcessKeys& keys, const Config& config,
          const std::function<void(const Config&)>& on_started) {
  // One outbox administration service for every module the process hosts: it accepts tokens
  // addressed to any of them.
  std::vector<std::string> names;
  for (auto& m : modules) names.push_back(m->name());
  const auth::TokenVerifier admin_tokens = keys.verifier.ForAudiences(names);
  outbox::OutboxAdminServiceImpl outbox_admin(admin_tokens);
  for (auto& m : modules) {
    if (absl::Status st = m->Register(host); !st.ok()) return ExitWithError("cannot start", st);
    outbox_admin.AddModule(m->name(), m->db());
  }
  host.AddService(&outbox_admin, sisl::platform::v1::OutboxAdminService::service_full_name());
  if (absl::Status st = host.Start(); !st.ok()) return ExitWithError("cannot start", st);
  for (auto& m : modules) {
    if (absl::Status st = m->module().Started(host); !st.ok()) {
      host.Shutdown();
      return ExitWithError(absl::StrCat("cannot start ", m->name()), st);
    }
  }
  if (on_started) on_started(config);
  WaitForTerminationSignal();
  for (auto& m : modules) m->module().Stopping();
  host.Shutdown();
  return 0;
}

std::vector<ConfigKey> Concat(std::vector<ConfigKey> keys, const std::vector<ConfigKey>& more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

int BadConfig(const std::string& process, const absl::Status& status) {
  std::fprintf(stderr, "%s: %s\n", process.c_str(), std::string(status.message()).c_str());
  return 2;
}

}  // namespace

int RunService(int argc, char** argv, const ModuleSpec& spec) {
  BlockTerminationSignals();
  const std::string process = absl::StrCat("sisl-", spec.name);
  auto config =
      LoadProcessConfig(argc, argv, process, Concat(ServiceConfigKeys(), spec.config_keys(false)));
  if (!config.ok()) return BadConfig(process, config.status());
  // Keys first: a process with a sample or missing key touches nothing.
  auto keys = LoadServiceKeys(*config, SystemClock::Get(), spec.name);
  if (!keys.ok()) return ExitWithError("refusing to start: bad keys", keys.status());
  auto server_credentials = ServerCredentialsFromConfig(*config);
  if (!server_credentials.ok()) return BadConfig(process, server_credentials.status());
  auto channel_credentials = ChannelCredentialsFromConfig(*config);
  if (!channel_credentials.ok()) return BadConfig(process, channel_credentials.status());
  auto adapters = OpenAdapters(*config, spec.name);
  if (!adapters.ok()) return ExitWithError("cannot open adapters", adapters.status());
  LogTransportSecurity(*config);
  ProcessResources process_resources{
      *config, *adapters->bus,      *adapters->cache, SystemClock::Get(), **keys, false,
      "",      *channel_credentials};
  Modules modules;
  auto hosted = HostedModule::Create(spec, *adapters->db, process_resources);
  if (!hosted.ok()) return ExitWithError("cannot initialise", hosted.status());
  modules.push_back(*std::move(hosted));

  ServerHost host(ServerHostOptions{.service_name = process,
                                    .grpc_address = config->GetString("service.grpc_address"),
                                    .http_address = config->GetString("service.http_address"),
                                    .credentials = *server_credentials});
  host.OnShutdown([&adapters] { adapters->Close(); });  // runs last: flush the producer
  AddAdapterReadiness(host, *adapters);
  return Serve(host, modules, **keys, *config, nullptr);
}

int RunEmbedded(int argc, char** argv, const std::vector<ModuleSpec>& specs,
                const EmbeddedOptions& options) {
  BlockTerminationSignals();
  std::vector<ConfigKey> schema = EmbeddedConfigKeys();
  for (const ModuleSpec& spec : specs) schema = Concat(std::move(schema), spec.config_keys(true));
  auto config = LoadProcessConfig(argc, argv, options.process_name, schema);
  if (!config.ok()) return BadConfig(options.process_name, config.status());
  const std::string data_dir = config->GetString("data_dir");
  auto levels = LevelPolicyFromConfig(*config);
  if (!levels.ok()) return BadConfig(options.process_name, levels.status());
  auto keys = LoadOrCreateEmbeddedKeys(data_dir, *levels);
  if (!keys.ok()) return ExitWithError("cannot prepare the data directory", keys.status());
  // One trust domain: each hosted module accepts the others' service tokens.
  std::vector<std::string> names;
  for (const ModuleSpec& spec : specs) names.push_back(spec.name);
  (*keys)->TrustOwnServices(names);
  bus::InProcessBus bus;
  cache::MemoryCache cache;
  ProcessResources process_resources{*config, bus,  cache,   SystemClock::Get(),
                                     **keys,  true, data_dir};
  Modules modules;
  for (const ModuleSpec& spec : specs) {
    auto db = OpenEmbeddedDatabase(data_dir, spec.name);
    if (!db.ok()) {
      return ExitWithError(absl::StrCat("cannot open the ", spec.name, " store"), db.status());
    }
    auto hosted = HostedModule::Create(spec, **db, process_resources);
    if (!hosted.ok()) return ExitWithError("cannot initialise", hosted.status());
    (*hosted)->AdoptDatabase(*std::move(db));
    modules.push_back(*std::move(hosted));
  }
  ServerHost host(ServerHostOptions{options.process_name, config->GetString("grpc_address"),
                                    config->GetString("http_address")});
  return Serve(host, modules, **keys, *config, options.on_started);
}

}  // namespace sisl::platform
