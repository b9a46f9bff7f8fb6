#include "services/platform/outbox/topics.h"

#include "sisl/events/v1/topic.pb.h"

namespace sisl::platform::events {

const std::string& TopicOf(const google::protobuf::Descriptor& descriptor) {
  return descriptor.options().GetExtension(sisl::events::v1::topic);
}

}  // namespace sisl::platform::events
