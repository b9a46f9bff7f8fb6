// sisl-observatory: the observatory service as its own process (PostgreSQL, Kafka, Redis).
#include "services/observatory/observatory_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::observatory::ObservatoryModuleSpec());
}
