// sisl-enterprise: the enterprise service as its own process (PostgreSQL, Kafka, Redis).
#include "services/enterprise/enterprise_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::enterprise::EnterpriseModuleSpec());
}
