// sisl-gateway: the public HTTP entry as its own process (Redis for sessions and rate limits,
// PostgreSQL for the staff directory, Kafka for the platform's readiness). The kit's runner does
// the rest: config, adapters, the gRPC and ops servers, signals and ordered shutdown.
#include "gateway/gateway_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::gateway::GatewayModuleSpec());
}
