// sisl-allinone: the whole suite in one process for newcomers and demos. Same domain and API code
// as the distributed services; only the adapters differ (SQLite files in the data directory, an
// in-process bus, an in-memory cache). Wiring only.
#include <cstdio>
#include <string>

#include "apps/dev_token.h"
#include "gateway/gateway_module.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "services/booking/booking_module.h"
#include "services/platform/bus/inproc_bus.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/embedded_mode.h"
#include "services/platform/process.h"

int main(int argc, char** argv) {
  using namespace sisl::platform;
  if (argc > 1 && std::string(argv[1]) == "token") return sisl::apps::RunDevToken(argc, argv);
  BlockTerminationSignals();
  std::vector<ConfigKey> schema = EmbeddedConfigKeys();
  for (auto& key : sisl::gateway::GatewayConfigKeys(/*embedded=*/true)) schema.push_back(key);
  auto config = LoadProcessConfig(argc, argv, "sisl-allinone", schema);
  if (!config.ok()) {
    std::fprintf(stderr, "sisl-allinone: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  const std::string data_dir = config->GetString("data_dir");
  auto token_key = LoadOrCreateTokenKey(data_dir);
  if (!token_key.ok()) return ExitWithError("cannot prepare the data directory", token_key.status());
  auth::TokenCodec tokens(*token_key);
  auth::PersonIdHasher person_ids("sisl-person-id:" + *token_key);

  bus::InProcessBus bus;
  cache::MemoryCache cache;
  auto booking_db = OpenEmbeddedDatabase(data_dir, "booking");
  if (!booking_db.ok()) return ExitWithError("cannot open the booking store", booking_db.status());
  auto booking = sisl::booking::BookingModule::Create(
      {**booking_db, bus, cache, SystemClock::Get(), tokens, person_ids, /*seed_demo_calendars=*/true});
  if (!booking.ok()) return ExitWithError("cannot create the booking module", booking.status());
  if (auto st = (*booking)->Initialize(); !st.ok()) return ExitWithError("cannot initialise", st);

  auto gateway_db = OpenEmbeddedDatabase(data_dir, "gateway");
  if (!gateway_db.ok()) return ExitWithError("cannot open the gateway store", gateway_db.status());
  sisl::gateway::ratelimit::MemoryRateLimiter limiter;
  auto gateway = sisl::gateway::GatewayModule::Create(
      {cache, limiter, **gateway_db, SystemClock::Get(), tokens, person_ids,
       sisl::gateway::GatewayOptionsFromConfig(*config), data_dir});
  if (!gateway.ok()) return ExitWithError("cannot create the gateway", gateway.status());
  if (auto st = (*gateway)->Initialize(); !st.ok()) return ExitWithError("cannot initialise", st);

  ServerHost host(ServerHostOptions{"sisl-allinone", config->GetString("grpc_address"),
                                    config->GetString("http_address")});
  if (auto st = (*booking)->Register(host); !st.ok()) return ExitWithError("cannot start", st);
  if (auto st = (*gateway)->Register(host); !st.ok()) return ExitWithError("cannot start", st);
  if (auto st = host.Start(); !st.ok()) return ExitWithError("cannot start", st);
  if (auto st = (*gateway)->StartHttp("127.0.0.1:" + std::to_string(host.grpc_port())); !st.ok()) {
    host.Shutdown();
    return ExitWithError("cannot start the gateway", st);
  }
  std::printf("SISL is running: web and REST on %s, gRPC on %s, metrics and health on http://%s\n",
              config->GetString("gateway.public_url").c_str(),
              config->GetString("grpc_address").c_str(), config->GetString("http_address").c_str());
  std::fflush(stdout);
  WaitForTerminationSignal();
  (*gateway)->Stop();  // stop taking HTTP requests before the services drain
  host.Shutdown();
  return 0;
}
