// sisl-booking: the booking service as its own process (PostgreSQL, Kafka, Redis).
// Wiring only: configuration, adapters, module, server, shutdown.
#include <cstdio>
#include <string>

#include "services/booking/booking_module.h"
#include "services/platform/process.h"

int main(int argc, char** argv) {
  using namespace sisl::platform;
  BlockTerminationSignals();
  auto config = LoadProcessConfig(argc, argv, "sisl-booking", ServiceConfigKeys());
  if (!config.ok()) {
    std::fprintf(stderr, "sisl-booking: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  auto adapters = OpenAdapters(*config, "booking");
  if (!adapters.ok()) return ExitWithError("cannot open adapters", adapters.status());
  auth::TokenCodec tokens(config->GetString("auth.token_key"));

  sisl::booking::BookingModule booking(
      {*adapters->db, *adapters->bus, *adapters->cache, SystemClock::Get(), tokens});
  if (auto st = booking.Initialize(); !st.ok()) return ExitWithError("cannot initialise", st);

  ServerHost host(ServerHostOptions{"sisl-booking", config->GetString("service.grpc_address"),
                                    config->GetString("service.http_address")});
  AddAdapterReadiness(host, *adapters);
  booking.Register(host);
  host.OnShutdown([&] { adapters->Close(); });
  if (auto st = host.Start(); !st.ok()) return ExitWithError("cannot start", st);
  WaitForTerminationSignal();
  host.Shutdown();
  return 0;
}
