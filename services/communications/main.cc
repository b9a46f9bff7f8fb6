// sisl-communications: the communications service as its own process (PostgreSQL, Kafka, Redis).
#include "services/communications/communications_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::communications::CommunicationsModuleSpec());
}
