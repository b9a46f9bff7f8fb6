#ifndef SISL_OBSERVATORY_EVENTS_CONSUMERS_H_
#define SISL_OBSERVATORY_EVENTS_CONSUMERS_H_

// The observatory's consumers: the other services' events mapped to cell deltas (domain/
// deltas.h), applied in batches, each batch's deltas and inbox rows in one transaction.

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/observatory/domain/cells.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/metrics.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::observatory::events {

// One stream's dispatcher with the deltas of the batch being applied.
class DeltaConsumer final {
 public:
  // `consumer` is the inbox name and consumer group (`stream` labels its metrics); `batch`
  // events at most per transaction.
  DeltaConsumer(std::string consumer, absl::string_view stream, platform::db::Database* db,
                const platform::Clock& clock, int batch);

  platform::events::EventDispatcher& dispatcher() { return dispatcher_; }
  // Adds one event's deltas to the batch being applied (from the dispatcher's handlers only,
  // once per event).
  void Add(std::vector<CellDelta> deltas, const platform::events::EventMeta& meta);

 private:
  void Clear();
  // The batch's deltas, each cell written once, in the batch's transaction.
  absl::Status End(platform::db::Transaction& tx);

  const platform::Clock& clock_;
  platform::Counter& applied_;
  platform::Histogram& delay_;
  // The batch being applied: the subscription's thread only.
  std::vector<CellDelta> pending_;
  std::vector<absl::Time> event_times_;
  platform::events::EventDispatcher dispatcher_;
};

// The consumer groups, named "observatory-<generation>-<stream>" so that a new generation
// (a new, empty store) replays every topic from the start.
struct Consumers {
  std::unique_ptr<DeltaConsumer> communications;  // communications and relationships
  std::unique_ptr<DeltaConsumer> vacancies;       // enterprise's vacancies
  std::unique_ptr<DeltaConsumer> proposals;       // matching's proposals
  std::unique_ptr<DeltaConsumer> appointments;    // booking's appointments
};

// The dispatchers with their handlers; `zone` gives the day of an event time (Europe/Rome).
Consumers MakeConsumers(const std::string& generation, platform::db::Database* db,
                        const platform::Clock& clock, int batch, absl::TimeZone zone);

// Subscribes every consumer (from the topics' start for a new group).
absl::StatusOr<std::vector<std::unique_ptr<platform::bus::Subscription>>> SubscribeAll(
    Consumers& consumers, platform::bus::EventBus& bus);

}  // namespace sisl::observatory::events

#endif  // SISL_OBSERVATORY_EVENTS_CONSUMERS_H_
