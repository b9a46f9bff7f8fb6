#include "services/platform/outbox/dispatcher.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <span>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/outbox/inbox.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/status_macros.h"
#include "sisl/events/v1/event.pb.h"

namespace sisl::platform::events {

EventDispatcher::EventDispatcher(std::string consumer, db::Database* inbox_db, const Clock& clock)
    : consumer_(std::move(consumer)), inbox_db_(inbox_db), clock_(clock) {}

void EventDispatcher::Register(const google::protobuf::Descriptor& type, bool transactional,
                               Handler handler) {
  if (transactional && inbox_db_ == nullptr) {
    // A wiring mistake, found at start-up by the first test that builds the module.
    log::Error("EventDispatcher: On<T> needs an inbox database", {{"consumer", consumer_}});
    std::abort();
  }
  handlers_[type.full_name()] = Entry{transactional, std::move(handler)};
  const std::string& topic = TopicOf(type);
  if (!topic.empty() && std::find(topics_.begin(), topics_.end(), topic) == topics_.end()) {
    topics_.push_back(topic);
    std::sort(topics_.begin(), topics_.end());
  }
}

std::vector<std::string> EventDispatcher::Topics() const { return topics_; }

absl::Status EventDispatcher::UnreadableEvent(const EventMeta& meta) {
  // The type matched but the payload does not parse: a producer bug. Skipping loses nothing
  // that retrying could recover.
  log::Error("event payload does not match its type; skipped",
             {{"event_id", meta.id}, {"type", meta.type}});
  return absl::OkStatus();
}

struct EventDispatcher::Parsed {
  sisl::events::v1::Event envelope;
  EventMeta meta;
  const Entry* entry = nullptr;
};

std::optional<EventDispatcher::Parsed> EventDispatcher::Parse(const bus::Message& message) const {
  Parsed p;
  if (!p.envelope.ParseFromString(message.payload) || p.envelope.id().empty()) {
    log::Error("message is not a SISL event; skipped", {{"consumer", consumer_},
                                                        {"topic", message.topic},
                                                        {"offset", absl::StrCat(message.offset)}});
    return std::nullopt;
  }
  const sisl::events::v1::Event& envelope = p.envelope;
  const std::string type = envelope.type().empty() ? std::string(envelope.data().type_url().substr(
                                                         envelope.data().type_url().rfind('/') + 1))
                                                   : envelope.type();
  auto it = handlers_.find(type);
  if (it == handlers_.end()) return std::nullopt;  // not for this consumer
  p.meta = EventMeta{envelope.id(),
                     type,
                     envelope.source(),
                     envelope.subject(),
                     envelope.correlation_id(),
                     absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(
                         envelope.time()))};
  p.entry = &it->second;
  return p;
}

absl::Status EventDispatcher::Handle(const bus::Message& message) {
  std::optional<Parsed> p = Parse(message);
  if (!p) return absl::OkStatus();
  const EventMeta& meta = p->meta;
  log::ScopedCorrelationId correlation(meta.correlation_id);
  outbox::ScopedCausation cause(meta.id);
  const Entry& entry = *p->entry;
  if (!entry.transactional) return entry.handler(nullptr, p->envelope.data(), meta);
  if (max_batch_ > 1) return HandleBatch(std::span<const bus::Message>(&message, 1));
  ASSIGN_OR_RETURN(
      outbox::InboxOutcome outcome,
      outbox::ProcessOnce(
          *inbox_db_, consumer_, meta.id,
          [&](db::Transaction& tx) { return entry.handler(&tx, p->envelope.data(), meta); },
          clock_));
  if (outcome == outbox::InboxOutcome::kDuplicate) {
    log::Debug("duplicate event skipped", {{"consumer", consumer_}, {"event_id", meta.id}});
  }
  return absl::OkStatus();
}

EventDispatcher& EventDispatcher::InBatches(int max_batch, BatchHooks hooks) {
  max_batch_ = std::max(1, max_batch);
  hooks_ = std::move(hooks);
  return *this;
}

absl::Status EventDispatcher::HandleBatch(std::span<const bus::Message> messages) {
  std::vector<Parsed> events;
  events.reserve(messages.size());
  bool any_transactional = false;
  for (const bus::Message& m : messages) {
    std::optional<Parsed> p = Parse(m);
    if (!p) continue;
    any_transactional = any_transactional || p->entry->transactional;
    events.push_back(*std::move(p));
  }
  if (any_transactional) {
    std::vector<std::string> ids;
    for (const Parsed& p : events) {
      if (p.entry->transactional) ids.push_back(p.meta.id);
    }
    RETURN_IF_ERROR(db::InTransaction(*inbox_db_, [&](db::Transaction& tx) -> absl::Status {
      if (hooks_.begin) hooks_.begin();
      // One statement records the batch; events recorded before are skipped (redelivery).
      ASSIGN_OR_RETURN(const std::vector<std::string> fresh,
                       outbox::RecordMany(tx, consumer_, ids, clock_));
      absl::flat_hash_set<std::string> to_apply(fresh.begin(), fresh.end());
      for (const Parsed& p : events) {
        if (!p.entry->transactional || to_apply.erase(p.meta.id) == 0) continue;
        log::ScopedCorrelationId correlation(p.meta.correlation_id);
        outbox::ScopedCausation cause(p.meta.id);
        RETURN_IF_ERROR(p.entry->handler(&tx, p.envelope.data(), p.meta));
      }
      return hooks_.end ? hooks_.end(tx) : absl::OkStatus();
    }));
  }
  for (const Parsed& p : events) {
    if (p.entry->transactional) continue;
    log::ScopedCorrelationId correlation(p.meta.correlation_id);
    outbox::ScopedCausation cause(p.meta.id);
    RETURN_IF_ERROR(p.entry->handler(nullptr, p.envelope.data(), p.meta));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<bus::Subscription>> EventDispatcher::Subscribe(
    bus::EventBus& bus, bool start_at_end, const std::string& group_suffix) {
  if (topics_.empty()) {
    return Error(absl::StatusCode::kFailedPrecondition, "NO_TOPICS",
                 absl::StrCat("consumer ", consumer_, " handles no event type with a topic"));
  }
  RETURN_IF_ERROR(bus.EnsureTopics(topics_));
  bus::SubscriptionOptions options;
  options.group = group_suffix.empty() ? consumer_ : absl::StrCat(consumer_, "-", group_suffix);
  options.topics = topics_;
  options.start_at_end = start_at_end;
  if (max_batch_ > 1) {
    options.max_batch = max_batch_;
    return bus.SubscribeBatches(
        options, [this](std::span<const bus::Message> batch) { return HandleBatch(batch); });
  }
  return bus.Subscribe(options, [this](const bus::Message& m) { return Handle(m); });
}

}  // namespace sisl::platform::events
