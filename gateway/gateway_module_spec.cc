// How the kit builds the gateway module: its configuration keys and its wiring from a
// ModuleContext (rate limiter, options, data directory, the development IdP's guard).
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "gateway/gateway_module.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/redis_rate_limiter.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {

absl::StatusOr<std::unique_ptr<ratelimit::RateLimiter>> RateLimiterFor(
    const platform::ModuleContext& context) {
  // The all-in-one has no cache.* keys: one process, its buckets in memory.
  if (context.embedded || context.config.GetString("cache.kind") != "redis") {
    return std::make_unique<ratelimit::MemoryRateLimiter>(context.clock);
  }
  const std::string address = context.config.GetString("cache.address");
  const size_t colon = address.rfind(':');
  ratelimit::RedisRateLimiter::Options options;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(absl::string_view(address).substr(colon + 1), &options.redis.port)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "config key 'cache.address': expected host:port");
  }
  options.redis.host = address.substr(0, colon);
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
                                                std::move(options), context.data_dir}));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

}  // namespace sisl::gateway
