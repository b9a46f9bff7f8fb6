#ifndef SISL_PLATFORM_OUTBOX_OUTBOX_H_
#define SISL_PLATFORM_OUTBOX_OUTBOX_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "sisl/events/v1/event.pb.h"

namespace sisl::platform::outbox {

struct EventSpec {
  std::string source;   // producing service, e.g. "sisl-booking"
  std::string topic;    // e.g. "sisl.booking.offices.v1"
  std::string subject;  // aggregate id; also the Kafka key
  std::string correlation_id;
  std::string causation_id;
};

// Wraps `data` in a sisl.events.v1.Event envelope.
sisl::events::v1::Event MakeEvent(const EventSpec& spec, const google::protobuf::Message& data,
                                  const Clock& clock);

// Records the event in the outbox table inside `tx`, so it is published if and only if the
// transaction commits (transactional outbox). Returns the event id.
absl::StatusOr<std::string> Append(db::Transaction& tx, const EventSpec& spec,
                                   const google::protobuf::Message& data, const Clock& clock);

// The outbox row of an event (Append writes one; EventWriter writes a change's rows together).
std::vector<db::Value> OutboxRow(const EventSpec& spec, const google::protobuf::Message& data,
                                 const Clock& clock);
absl::Status AppendRows(db::Transaction& tx, const std::vector<std::vector<db::Value>>& rows);

// While alive, events this thread appends through an EventWriter name `event_id` as their
// causation id (the EventDispatcher sets it while a consumer applies an event).
class ScopedCausation final {
 public:
  explicit ScopedCausation(std::string event_id);
  ~ScopedCausation();
  ScopedCausation(const ScopedCausation&) = delete;
  ScopedCausation& operator=(const ScopedCausation&) = delete;

 private:
  std::string previous_;
};

// The causation id set for this thread, or "".
const std::string& CurrentCausationId();

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_OUTBOX_H_
