// How the kit builds the gateway module: its configuration keys and its wiring from a
// ModuleContext (rate limiter, options, data directory, the development IdP's guard).
#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "gateway/gateway_module.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/redis_rate_limiter.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/platform/transport.h"

namespace sisl::gateway {

absl::StatusOr<std::unique_ptr<ratelimit::RateLimiter>> RateLimiterFor(
    const platform::ModuleContext& context) {
  // The all-in-one has no cache.* keys: one process, its buckets in memory.
  if (context.embedded || context.config.GetString("cache.kind") != "redis") {
    return std::make_unique<ratelimit::MemoryRateLimiter>(context.clock);
  }
  ratelimit::RedisRateLimiter::Options options;
  ASSIGN_OR_RETURN(options.redis, platform::RedisPoolOptionsFromConfig(context.config));
  options.redis.command_timeout = std::min(options.redis.command_timeout, absl::Milliseconds(100));
  return std::make_unique<ratelimit::RedisRateLimiter>(options);
}

platform::ModuleSpec GatewayModuleSpec() {
  return {
      .name = "gateway",
      .config_keys = [](bool embedded) { return GatewayConfigKeys(embedded); },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        RETURN_IF_ERROR(CheckDevelopmentIdp(context.config));
        if (context.token_signer == nullptr) {
          return platform::Error(absl::StatusCode::kFailedPrecondition, "AUTH_KEY_MISSING",
                                 "the gateway signs internal tokens: set auth.token_private_key");
        }
        GatewayOptions options = GatewayOptionsFromConfig(context.config);
        ASSIGN_OR_RETURN(std::unique_ptr<ratelimit::RateLimiter> limiter, RateLimiterFor(context));
        ASSIGN_OR_RETURN(std::unique_ptr<GatewayModule> module,
                         GatewayModule::Create({context.cache, std::move(limiter), context.db,
                                                context.clock, context.tokens,
                                                *context.token_signer, context.person_ids,
                                                std::move(options), context.data_dir,
                                                context.channel_credentials}));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

}  // namespace sisl::gateway
