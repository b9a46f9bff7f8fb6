// sisl-booking: the booking service as its own process (PostgreSQL, Kafka, Redis).
// Wiring only: configuration, adapters, module, server, shutdown.
#include <cstdio>
#include <string>

#include "services/booking/booking_module.h"
#include "services/platform/process.h"

int main(int argc, char** argv) {
  using namespace sisl::platform;
  BlockTerminationSignals();
  std::vector<ConfigKey> schema = ServiceConfigKeys();
  schema.push_back({"booking.seed_demo_calendars", ConfigKey::Type::kBool, "false", false, {},
                    "give every site demo calendars at first start (development only)"});
  auto config = LoadProcessConfig(argc, argv, "sisl-booking", schema);
  if (!config.ok()) {
    std::fprintf(stderr, "sisl-booking: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  auto adapters = OpenAdapters(*config, "booking");
  if (!adapters.ok()) return ExitWithError("cannot open adapters", adapters.status());
  auth::TokenCodec tokens(config->GetString("auth.token_key"));
  // Pseudonymous person ids use a key derived from the same secret (domain-separated).
  auth::PersonIdHasher person_ids("sisl-person-id:" + config->GetString("auth.token_key"));

  auto booking = sisl::booking::BookingModule::Create(
      {*adapters->db, *adapters->bus, *adapters->cache, SystemClock::Get(), tokens, person_ids,
       config->GetBool("booking.seed_demo_calendars")});
  if (!booking.ok()) return ExitWithError("cannot create the booking module", booking.status());
  if (auto st = (*booking)->Initialize(); !st.ok()) return ExitWithError("cannot initialise", st);

  ServerHost host(ServerHostOptions{"sisl-booking", config->GetString("service.grpc_address"),
                                    config->GetString("service.http_address")});
  AddAdapterReadiness(host, *adapters);
  if (auto st = (*booking)->Register(host); !st.ok()) return ExitWithError("cannot start", st);
  host.OnShutdown([&] { adapters->Close(); });
  if (auto st = host.Start(); !st.ok()) return ExitWithError("cannot start", st);
  WaitForTerminationSignal();
  host.Shutdown();
  return 0;
}
