#ifndef SISL_PLATFORM_RUNNER_H_
#define SISL_PLATFORM_RUNNER_H_

#include <functional>
#include <string>
#include <vector>

#include "services/platform/module.h"

namespace sisl::platform {

// The whole life of a standalone service process, sisl-<spec.name> --config FILE: the config
// schema (the service keys of ServiceConfigKeys() plus the module's), keys, adapters
// (PostgreSQL, Kafka, Redis), the module, the outbox relay, signals and ordered shutdown.
// Returns the process exit code (2 for a bad command line or config, 1 for a failed start).
int RunService(int argc, char** argv, const ModuleSpec& spec);

struct EmbeddedOptions {
  std::string process_name = "sisl-allinone";
  // Printed once every module has started (where to point a browser, say).
  std::function<void(const Config&)> on_started;
};

// The all-in-one: every module of `modules` in one process on embedded adapters (a SQLite file
// per module in the data directory, the in-process bus, the in-memory cache), one gRPC server.
int RunEmbedded(int argc, char** argv, const std::vector<ModuleSpec>& modules,
                const EmbeddedOptions& options = {});

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_RUNNER_H_
