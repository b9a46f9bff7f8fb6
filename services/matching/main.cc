// sisl-matching: the matching service as its own process (PostgreSQL, Kafka, Redis).
#include "services/matching/matching_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::matching::MatchingModuleSpec());
}
