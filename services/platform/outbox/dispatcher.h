#ifndef SISL_PLATFORM_OUTBOX_DISPATCHER_H_
#define SISL_PLATFORM_OUTBOX_DISPATCHER_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/any.pb.h"
#include "services/platform/bus/event_bus.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/outbox/topics.h"

namespace sisl::platform::events {

// The envelope fields a consumer may need besides the event itself.
struct EventMeta {
  std::string id;
  std::string type;
  std::string source;
  std::string subject;
  std::string correlation_id;
  absl::Time time;
};

// Event consumption for a service: reads the sisl.events.v1.Event envelope, unpacks `data` by
// its type and calls the handler registered for that type.
//
//   EventDispatcher dispatcher("matching-vacancies", &db, clock);
//   dispatcher.On<enterprise::v1::VacancyPublished>(
//       [&](db::Transaction& tx, const auto& e, const EventMeta& m) { return Apply(tx, e); });
//   ASSIGN_OR_RETURN(auto sub, dispatcher.Subscribe(bus));
//
// On<T>: the effect and the inbox row (consumer, event id) commit in one transaction, so a
// redelivered event changes nothing. Project<T>: for in-memory projections whose effect is
// idempotent by construction (it re-reads the rows an event names); no transaction, no inbox.
// The topics to subscribe to come from the handled types' (sisl.events.v1.topic) options.
// Events of other types are skipped; an envelope that cannot be parsed is logged and skipped
// (retrying it would block its partition forever); a failing effect is retried by the bus.
class EventDispatcher final {
 public:
  template <typename T>
  using Apply = std::function<absl::Status(db::Transaction&, const T&, const EventMeta&)>;
  template <typename T>
  using Projection = std::function<absl::Status(const T&, const EventMeta&)>;

  // `consumer` names the consumer in the inbox and is its consumer group. `inbox_db` holds the
  // inbox and the effects of On<T> handlers; it may be null when only Project<T> is used.
  EventDispatcher(std::string consumer, db::Database* inbox_db,
                  const Clock& clock = SystemClock::Get());

  template <typename T>
  EventDispatcher& On(Apply<T> apply) {
    Register(*T::descriptor(), /*transactional=*/true,
             [apply = std::move(apply)](db::Transaction* tx, const google::protobuf::Any& any,
                                        const EventMeta& meta) -> absl::Status {
               T event;
               if (!any.UnpackTo(&event)) return UnreadableEvent(meta);
               return apply(*tx, event, meta);
             });
    return *this;
  }

  template <typename T>
  EventDispatcher& Project(Projection<T> project) {
    Register(*T::descriptor(), /*transactional=*/false,
             [project = std::move(project)](db::Transaction*, const google::protobuf::Any& any,
                                            const EventMeta& meta) -> absl::Status {
               T event;
               if (!any.UnpackTo(&event)) return UnreadableEvent(meta);
               return project(event, meta);
             });
    return *this;
  }

  // Applies up to `max_batch` events per transaction (an inbox row each) instead of one: for
  // consumers whose effects are cheap next to a commit (the observatory's counters). `hooks`
  // run around every attempt of a batch's transaction: `begin` before its first event, `end`
  // after its last one, inside it (a consumer that sums a batch in memory writes it there).
  // Project<T> handlers run after the transaction commits.
  struct BatchHooks {
    std::function<void()> begin;
    std::function<absl::Status(db::Transaction&)> end;
  };
  EventDispatcher& InBatches(int max_batch, BatchHooks hooks = {});

  // Handles one bus message (exposed for tests and custom subscriptions).
  absl::Status Handle(const bus::Message& message);
  // Handles consecutive bus messages in one transaction (InBatches).
  absl::Status HandleBatch(std::span<const bus::Message> messages);
  // The topics of the handled event types, sorted, without duplicates.
  std::vector<std::string> Topics() const;
  const std::string& consumer() const { return consumer_; }

  // Subscribes to Topics() in consumer group `consumer` (or, with `group_suffix`, a group of its
  // own, e.g. one per process for in-memory projections).
  absl::StatusOr<std::unique_ptr<bus::Subscription>> Subscribe(
      bus::EventBus& bus, bool start_at_end = false, const std::string& group_suffix = "");

 private:
  using Handler =
      std::function<absl::Status(db::Transaction*, const google::protobuf::Any&, const EventMeta&)>;
  struct Entry {
    bool transactional = false;
    Handler handler;
  };
  void Register(const google::protobuf::Descriptor& type, bool transactional, Handler handler);
  // The envelope and handler of a message, or nullopt (not an event, or not for this consumer).
  struct Parsed;
  std::optional<Parsed> Parse(const bus::Message& message) const;
  static absl::Status UnreadableEvent(const EventMeta& meta);

  std::string consumer_;
  db::Database* inbox_db_;
  const Clock& clock_;
  std::map<std::string, Entry> handlers_;  // by full type name
  std::vector<std::string> topics_;
  int max_batch_ = 1;
  BatchHooks hooks_;
};

}  // namespace sisl::platform::events

#endif  // SISL_PLATFORM_OUTBOX_DISPATCHER_H_
