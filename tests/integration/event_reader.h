#ifndef SISL_TESTS_INTEGRATION_EVENT_READER_H_
#define SISL_TESTS_INTEGRATION_EVENT_READER_H_

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "services/platform/bus/event_bus.h"
#include "services/platform/db/database.h"

namespace sisl::testing_env {

// Outbox rows whose id (UUIDv7, time-ordered) sorts after `marker`, oldest first.
std::vector<std::string> OutboxIdsAfter(platform::db::Database& db, const std::string& marker);
// How many of those are not yet marked sent.
int64_t UnsentAfter(platform::db::Database& db, const std::string& marker);

// Reads `topic` from the beginning in a new consumer group until `expected` distinct event ids
// after `marker` were seen (or the timeout passed); returns every such id seen.
std::set<std::string> ReadEventIds(const std::string& kafka, const std::string& topic,
                                   const std::string& marker, size_t expected,
                                   std::chrono::seconds timeout);

// Reads `topic` from the beginning in a new consumer group and hands each message whose event
// id sorts after `marker` to `handler`, until `expected` of them were handled.
void ConsumeAfter(const std::string& kafka, const std::string& topic, const std::string& marker,
                  size_t expected, std::chrono::seconds timeout,
                  const std::function<absl::Status(const platform::bus::Message&)>& handler);

// Commits the end of `topics` as the starting point of consumer group `group` (which has no
// member yet). The shared cluster holds other runs' events, which a new group would otherwise
// read from the start before this run's.
void StartGroupAtEnd(const std::string& kafka, const std::string& group,
                     const std::vector<std::string>& topics);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_EVENT_READER_H_
