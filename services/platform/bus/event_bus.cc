#include "services/platform/bus/event_bus.h"

namespace sisl::platform::bus {

std::string Message::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

absl::StatusOr<std::unique_ptr<Subscription>> EventBus::Subscribe(SubscriptionOptions options,
                                                                  Handler handler) {
  options.max_batch = 1;
  BatchHandler one;
  if (handler) {
    one = [handler = std::move(handler)](std::span<const Message> batch) {
      return batch.empty() ? absl::OkStatus() : handler(batch.front());
    };
  }
  return SubscribeBatches(std::move(options), std::move(one));
}

}  // namespace sisl::platform::bus
