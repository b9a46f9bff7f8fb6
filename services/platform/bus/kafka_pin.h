#ifndef SISL_PLATFORM_BUS_KAFKA_PIN_H_
#define SISL_PLATFORM_BUS_KAFKA_PIN_H_

// Internals of KafkaBus (kafka_bus.h): where a start-at-end subscription starts.

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace RdKafka {
class KafkaConsumer;
}  // namespace RdKafka

namespace sisl::platform::bus::kafka_internal {

// "The end" of a start-at-end subscription is where the topics end NOW, not when the group is
// first given its partitions: that comes a moment later (seconds on a cluster still electing its
// group coordinator), and what is published meanwhile would be skipped, e.g. the change a
// booking replica makes while the other is loading its index. So the partitions without a
// committed position of the consumer's group get their current end committed before it
// subscribes; a group that has positions keeps them.
//
// Each step is asked again until `timeout`: on a cluster just formed, a topic created a moment
// ago is not yet in every broker's metadata (the one asked answers "unknown topic"), and the
// group coordinator answers "load in progress" while __consumer_offsets is created. Best effort:
// what cannot be pinned is logged, and starts at the end when its partitions come.
void PinNewGroupAtEnd(RdKafka::KafkaConsumer& consumer, const std::vector<std::string>& topics,
                      absl::Duration timeout);

}  // namespace sisl::platform::bus::kafka_internal

#endif  // SISL_PLATFORM_BUS_KAFKA_PIN_H_
