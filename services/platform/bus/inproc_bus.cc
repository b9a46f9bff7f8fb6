#include "services/platform/bus/inproc_bus.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::bus {

using SteadyClock = std::chrono::steady_clock;

struct InProcessBus::State {
  // A consumer group's position in one topic.
  struct Cursor {
    int64_t next = 0;  // offset of the first message not yet committed
    bool in_flight = false;
    SteadyClock::time_point not_before{};  // redelivery back-off after a handler error
  };

  absl::Mutex mu;
  absl::CondVar cv;  // signalled on publication, commit, back-off and stop
  absl::flat_hash_map<std::string, std::vector<Message>> topics ABSL_GUARDED_BY(mu);
  // By (group, topic).
  std::map<std::pair<std::string, std::string>, Cursor> cursors ABSL_GUARDED_BY(mu);
};

class InProcessBus::BusSubscription final : public Subscription {
 public:
  BusSubscription(std::shared_ptr<State> state, SubscriptionOptions options, BatchHandler handler)
      : state_(std::move(state)), options_(std::move(options)), handler_(std::move(handler)) {
    thread_ = std::thread([this] { Run(); });
  }

  ~BusSubscription() override { Stop(); }

  BusSubscription(const BusSubscription&) = delete;
  BusSubscription& operator=(const BusSubscription&) = delete;

  void Stop() override ABSL_LOCKS_EXCLUDED(stop_mu_, state_->mu) {
    absl::MutexLock stop_lock(&stop_mu_);
    {
      absl::MutexLock lock(&state_->mu);
      stopping_ = true;
    }
    state_->cv.SignalAll();
    // From a handler (the worker thread itself) the loop ends once the handler returns.
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  }

 private:
  struct Claim {
    State::Cursor* cursor;
    std::vector<Message> messages;  // consecutive, at least one
  };

  // Locks and unlocks by hand: the lock is let go while the handler runs.
  void Run() ABSL_LOCKS_EXCLUDED(state_->mu) {
    state_->mu.Lock();
    while (!stopping_) {
      std::optional<SteadyClock::time_point> wake;
      std::optional<Claim> claim = ClaimNext(&wake);
      if (!claim) {
        if (wake) {
          state_->cv.WaitWithTimeout(&state_->mu, absl::FromChrono(*wake - SteadyClock::now()));
        } else {
          state_->cv.Wait(&state_->mu);
        }
        continue;
      }
      state_->mu.Unlock();
      absl::Status status = handler_(claim->messages);
      state_->mu.Lock();
      claim->cursor->in_flight = false;
      if (status.ok()) {
        claim->cursor->next = claim->messages.back().offset + 1;
      } else {
        claim->cursor->not_before =
            SteadyClock::now() + absl::ToChronoNanoseconds(options_.retry_backoff);
        log::Warn("bus handler failed, message will be redelivered",
                  {{"topic", claim->messages.front().topic},
                   {"group", options_.group},
                   {"offset", absl::StrCat(claim->messages.front().offset)},
                   {"error", status.ToString()}});
      }
      state_->cv.SignalAll();
    }
    state_->mu.Unlock();
  }

  // Takes the next deliverable messages (up to max_batch) of one of the topics (round robin), or
  // returns nullopt
  // and sets `*wake` to the end of the earliest back-off, if any.
  std::optional<Claim> ClaimNext(std::optional<SteadyClock::time_point>* wake)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(state_->mu) {
    const size_t n = options_.topics.size();
    const SteadyClock::time_point now = SteadyClock::now();
    for (size_t i = 0; i < n; ++i) {
      const size_t index = (next_topic_ + i) % n;
      const std::string& topic = options_.topics[index];
      State::Cursor& cursor = state_->cursors[{options_.group, topic}];
      if (cursor.in_flight) continue;
      auto log = state_->topics.find(topic);
      if (log == state_->topics.end() || cursor.next >= static_cast<int64_t>(log->second.size())) {
        continue;
      }
      if (now < cursor.not_before) {
        *wake = wake->has_value() ? std::min(**wake, cursor.not_before) : cursor.not_before;
        continue;
      }
      cursor.in_flight = true;
      next_topic_ = (index + 1) % n;
      const size_t first = static_cast<size_t>(cursor.next);
      const size_t last = std::min(log->second.size(),
                                   first + static_cast<size_t>(std::max(1, options_.max_batch)));
      return Claim{&cursor,
                   std::vector<Message>(log->second.begin() + first, log->second.begin() + last)};
    }
    return std::nullopt;
  }

  const std::shared_ptr<State> state_;
  const SubscriptionOptions options_;
  const BatchHandler handler_;
  bool stopping_ ABSL_GUARDED_BY(state_->mu) = false;
  size_t next_topic_ = 0;                         // worker thread only
  absl::Mutex stop_mu_;                           // serialises Stop() calls
  std::thread thread_ ABSL_GUARDED_BY(stop_mu_);  // started by the constructor
};

InProcessBus::InProcessBus() : state_(std::make_shared<State>()) {}

InProcessBus::~InProcessBus() = default;

absl::Status InProcessBus::Publish(std::span<const Message> messages, absl::Duration timeout) {
  for (const Message& m : messages) {
    if (m.topic.empty()) {
      return Error(absl::StatusCode::kInvalidArgument, "BUS_INVALID_MESSAGE",
                   "every message needs a topic");
    }
  }
  {
    absl::MutexLock lock(&state_->mu);
    for (const Message& m : messages) {
      std::vector<Message>& log = state_->topics[m.topic];
      Message& stored = log.emplace_back(m);
      stored.partition = 0;
      stored.offset = static_cast<int64_t>(log.size()) - 1;
    }
  }
  state_->cv.SignalAll();
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Subscription>> InProcessBus::SubscribeBatches(
    SubscriptionOptions options, BatchHandler handler) {
  if (options.group.empty() || options.topics.empty() || !handler) {
    return Error(absl::StatusCode::kInvalidArgument, "BUS_INVALID_SUBSCRIPTION",
                 "a subscription needs a group, at least one topic and a handler");
  }
  std::sort(options.topics.begin(), options.topics.end());
  options.topics.erase(std::unique(options.topics.begin(), options.topics.end()),
                       options.topics.end());
  if (options.topics.front().empty()) {
    return Error(absl::StatusCode::kInvalidArgument, "BUS_INVALID_SUBSCRIPTION",
                 "topic names must not be empty");
  }
  if (options.start_at_end) {
    absl::MutexLock lock(&state_->mu);
    for (const std::string& topic : options.topics) {
      auto [cursor, created] = state_->cursors.try_emplace({options.group, topic});
      if (created) cursor->second.next = static_cast<int64_t>(state_->topics[topic].size());
    }
  }
  return std::make_unique<BusSubscription>(state_, std::move(options), std::move(handler));
}

absl::Status InProcessBus::Ping() { return absl::OkStatus(); }

void InProcessBus::Flush(absl::Duration timeout) {}

size_t InProcessBus::TopicSize(const std::string& topic) const {
  absl::MutexLock lock(&state_->mu);
  auto it = state_->topics.find(topic);
  return it == state_->topics.end() ? 0 : it->second.size();
}

}  // namespace sisl::platform::bus
