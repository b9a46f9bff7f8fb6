// sisl-booking: the booking service as its own process (PostgreSQL, Kafka, Redis).
#include "services/booking/booking_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::booking::BookingModuleSpec());
}
