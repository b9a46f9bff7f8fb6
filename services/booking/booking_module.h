#ifndef SISL_BOOKING_BOOKING_MODULE_H_
#define SISL_BOOKING_BOOKING_MODULE_H_

#include <memory>

#include "absl/status/status.h"
#include "services/booking/api/office_directory.h"
#include "services/booking/api/offices_service.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/outbox/relay.h"

namespace sisl::booking {

// Everything the booking service needs from its process: the three ports, a clock and the
// internal-token verifier. The same module runs alone (sisl-booking) or inside the all-in-one.
struct BookingDeps {
  platform::db::Database& db;
  platform::bus::EventBus& bus;
  platform::cache::Cache& cache;
  const platform::Clock& clock;
  const platform::auth::TokenCodec& tokens;
};

class BookingModule final {
 public:
  explicit BookingModule(BookingDeps deps);

  // Applies migrations and seeds the offices (idempotent; safe with several replicas).
  absl::Status Initialize();
  // Registers the gRPC services, readiness checks and the outbox relay with `host`.
  void Register(platform::ServerHost& host);

  platform::outbox::Relay& relay() { return relay_; }

 private:
  BookingDeps deps_;
  platform::outbox::Relay relay_;
  OfficeDirectory directory_;
  OfficesServiceImpl offices_service_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_BOOKING_MODULE_H_
