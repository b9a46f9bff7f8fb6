#include "services/platform/bus/event_bus.h"

namespace sisl::platform::bus {

std::string Message::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace sisl::platform::bus
