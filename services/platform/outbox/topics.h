#ifndef SISL_PLATFORM_OUTBOX_TOPICS_H_
#define SISL_PLATFORM_OUTBOX_TOPICS_H_

#include <string>

#include "google/protobuf/descriptor.h"

namespace sisl::platform::events {

// The topic declared on an event message with `option (sisl.events.v1.topic) = "...";`, or ""
// when the message declares none.
const std::string& TopicOf(const google::protobuf::Descriptor& descriptor);

template <typename EventMessage>
const std::string& TopicOf() {
  return TopicOf(*EventMessage::descriptor());
}

}  // namespace sisl::platform::events

#endif  // SISL_PLATFORM_OUTBOX_TOPICS_H_
