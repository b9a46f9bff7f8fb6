// sisl-gateway: the public HTTP entry as its own process (Redis for sessions and rate limits,
// PostgreSQL for the staff directory, Kafka for the platform's readiness). Wiring only.
#include <cstdio>
#include <string>

#include "gateway/gateway_module.h"
#include "gateway/ratelimit/redis_rate_limiter.h"
#include "services/platform/process.h"

int main(int argc, char** argv) {
  using namespace sisl::platform;
  BlockTerminationSignals();
  std::vector<ConfigKey> schema = ServiceConfigKeys();
  for (auto& key : sisl::gateway::GatewayConfigKeys(/*embedded=*/false)) schema.push_back(key);
  auto config = LoadProcessConfig(argc, argv, "sisl-gateway", schema);
  if (!config.ok()) {
    std::fprintf(stderr, "sisl-gateway: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  auto adapters = OpenAdapters(*config, "gateway");
  if (!adapters.ok()) return ExitWithError("cannot open adapters", adapters.status());
  auth::TokenCodec tokens(config->GetString("auth.token_key"));
  auth::PersonIdHasher person_ids("sisl-person-id:" + config->GetString("auth.token_key"));

  sisl::gateway::ratelimit::RedisRateLimiter::Options limiter_options;
  const std::string redis = config->GetString("cache.address");
  limiter_options.redis.host = redis.substr(0, redis.rfind(':'));
  limiter_options.redis.port = std::stoi(redis.substr(redis.rfind(':') + 1));
  sisl::gateway::ratelimit::RedisRateLimiter limiter(limiter_options);

  auto options = sisl::gateway::GatewayOptionsFromConfig(*config);
  // The development IdP logs anyone in as anyone: only ever on a loopback-only gateway.
  if (options.dev_mode && !sisl::gateway::IsLoopbackUrl(options.public_url)) {
    return ExitWithError("refusing to start", absl::FailedPreconditionError(
        "gateway.dev_mode needs gateway.public_url on localhost or 127.0.0.1"));
  }
  auto gateway = sisl::gateway::GatewayModule::Create(
      {*adapters->cache, limiter, *adapters->db, SystemClock::Get(), tokens, person_ids, options,
       ""});
  if (!gateway.ok()) return ExitWithError("cannot create the gateway", gateway.status());
  if (auto st = (*gateway)->Initialize(); !st.ok()) return ExitWithError("cannot initialise", st);

  ServerHost host(ServerHostOptions{"sisl-gateway", config->GetString("service.grpc_address"),
                                    config->GetString("service.http_address")});
  AddAdapterReadiness(host, *adapters);
  if (auto st = (*gateway)->Register(host); !st.ok()) return ExitWithError("cannot start", st);
  host.OnShutdown([&] { adapters->Close(); });
  if (auto st = host.Start(); !st.ok()) return ExitWithError("cannot start", st);
  if (auto st = (*gateway)->StartHttp(config->GetString("service.grpc_address")); !st.ok()) {
    host.Shutdown();
    return ExitWithError("cannot start the gateway", st);
  }
  WaitForTerminationSignal();
  (*gateway)->Stop();
  host.Shutdown();
  return 0;
}
