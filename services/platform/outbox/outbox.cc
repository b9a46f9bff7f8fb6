#include "services/platform/outbox/outbox.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "google/protobuf/util/time_util.h"
#include "nlohmann/json.hpp"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {
namespace {
thread_local std::string current_causation;
const std::vector<std::string>& OutboxColumns() {
  static const auto* columns = new std::vector<std::string>{
      "id", "topic", "event_key", "event_type", "payload", "headers", "created_at"};
  return *columns;
}
}  // namespace

ScopedCausation::ScopedCausation(std::string event_id)
    : previous_(std::exchange(current_causation, std::move(event_id))) {}

ScopedCausation::~ScopedCausation() { current_causation = std::move(previous_); }

const std::string& CurrentCausationId() { return current_causation; }

sisl::events::v1::Event MakeEvent(const EventSpec& spec, const google::protobuf::Message& data,
                                  const Clock& clock) {
  sisl::events::v1::Event event;
  event.set_id(NewUuidV7(clock));
  event.set_type(data.GetDescriptor()->full_name());
  event.set_source(spec.source);
  event.set_subject(spec.subject);
  *event.mutable_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(ToUnixMicrosUtc(clock.Now()));
  event.set_correlation_id(spec.correlation_id);
  event.set_causation_id(spec.causation_id);
  event.mutable_data()->PackFrom(data);
  return event;
}

std::vector<db::Value> OutboxRow(const EventSpec& spec, const google::protobuf::Message& data,
                                 const Clock& clock) {
  const sisl::events::v1::Event event = MakeEvent(spec, data, clock);
  nlohmann::json headers = {{"event_id", event.id()},
                            {"event_type", event.type()},
                            {"correlation_id", event.correlation_id()}};
  return {event.id(),
          spec.topic,
          spec.subject,
          event.type(),
          absl::Base64Escape(event.SerializeAsString()),
          headers.dump(),
          ToUnixMicrosUtc(clock.Now())};
}

absl::Status AppendRows(db::Transaction& tx, const std::vector<std::vector<db::Value>>& rows) {
  return tx.CopyRows("outbox", OutboxColumns(), rows).status();
}

absl::StatusOr<std::string> Append(db::Transaction& tx, const EventSpec& spec,
                                   const google::protobuf::Message& data, const Clock& clock) {
  std::vector<db::Value> row = OutboxRow(spec, data, clock);
  std::string id = std::get<std::string>(row.front());
  RETURN_IF_ERROR(AppendRows(tx, {std::move(row)}));
  return id;
}

}  // namespace sisl::platform::outbox
