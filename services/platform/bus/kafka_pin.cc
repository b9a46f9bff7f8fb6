#include "services/platform/bus/kafka_pin.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/platform/log.h"

namespace sisl::platform::bus::kafka_internal {
namespace {

constexpr absl::Duration kRetryPause = absl::Milliseconds(200);

// librdkafka's partition lists are vectors of owned raw pointers.
struct Partitions final {
  Partitions() = default;
  Partitions(const Partitions&) = delete;
  Partitions& operator=(const Partitions&) = delete;
  ~Partitions() { RdKafka::TopicPartition::destroy(list); }
  std::vector<RdKafka::TopicPartition*> list;
};

class Deadline final {
 public:
  explicit Deadline(absl::Duration timeout) : at_(absl::Now() + timeout) {}
  bool Passed() const { return absl::Now() >= at_; }
  int RemainingMs() const {
    return static_cast<int>(std::clamp<int64_t>(absl::ToInt64Milliseconds(at_ - absl::Now()), 1,
                                                1 << 30));
  }

 private:
  const absl::Time at_;
};

// Appends the topic's partitions, asking again while the broker does not know it yet. False
// (logged) when it has none by the deadline.
bool AddPartitions(RdKafka::KafkaConsumer& consumer, const std::string& topic,
                   const Deadline& deadline, Partitions& out) {
  std::string error;
  std::unique_ptr<RdKafka::Topic> handle(RdKafka::Topic::create(&consumer, topic, nullptr, error));
  if (handle == nullptr) return true;  // a bad name: subscribe() says so
  RdKafka::ErrorCode err = RdKafka::ERR_NO_ERROR;
  for (int attempt = 1;; ++attempt) {
    RdKafka::Metadata* raw = nullptr;
    err = consumer.metadata(false, handle.get(), &raw, deadline.RemainingMs());
    std::unique_ptr<RdKafka::Metadata> metadata(raw);
    const RdKafka::TopicMetadata* found = nullptr;
    if (err == RdKafka::ERR_NO_ERROR) {
      for (const RdKafka::TopicMetadata* t : *metadata->topics()) {
        if (t->topic() == topic) found = t;
      }
      if (found == nullptr || found->partitions()->empty()) {
        err = RdKafka::ERR_UNKNOWN_TOPIC_OR_PART;
      } else if (found->err() != RdKafka::ERR_NO_ERROR) {
        err = found->err();
      }
    }
    if (err == RdKafka::ERR_NO_ERROR) {
      for (const RdKafka::PartitionMetadata* p : *found->partitions()) {
        out.list.push_back(RdKafka::TopicPartition::create(topic, p->id()));
      }
      if (attempt > 1) {
        log::Info("kafka: a topic's partitions seen after retries",
                  {{"topic", topic}, {"attempts", absl::StrCat(attempt)}});
      }
      return true;
    }
    if (deadline.Passed()) break;
    absl::SleepFor(kRetryPause);
  }
  log::Warn("kafka: could not pin a new group at a topic's end (no partitions in the metadata); "
            "it starts at the end when its partitions come",
            {{"topic", topic}, {"error", RdKafka::err2str(err)}});
  return false;
}

// Fills in the group's committed position of each partition (negative: none).
RdKafka::ErrorCode ReadPositions(RdKafka::KafkaConsumer& consumer, Partitions& partitions,
                                 const Deadline& deadline) {
  RdKafka::ErrorCode err = RdKafka::ERR_NO_ERROR;
  for (int attempt = 1;; ++attempt) {
    err = consumer.committed(partitions.list, deadline.RemainingMs());
    for (const RdKafka::TopicPartition* p : partitions.list) {
      if (err == RdKafka::ERR_NO_ERROR) err = p->err();
    }
    if (err == RdKafka::ERR_NO_ERROR) {
      if (attempt > 1) {
        log::Info("kafka: a new group's positions answered after retries",
                  {{"attempts", absl::StrCat(attempt)}});
      }
      return err;
    }
    if (deadline.Passed()) return err;
    absl::SleepFor(kRetryPause);
  }
}

// The current end of each partition that has no position yet.
RdKafka::ErrorCode EndsOfNew(RdKafka::KafkaConsumer& consumer, const Partitions& partitions,
                             const Deadline& deadline, Partitions& ends) {
  for (const RdKafka::TopicPartition* p : partitions.list) {
    if (p->offset() >= 0) continue;  // has a position
    int64_t low = 0, high = 0;
    RdKafka::ErrorCode err = RdKafka::ERR_NO_ERROR;
    while ((err = consumer.query_watermark_offsets(p->topic(), p->partition(), &low, &high,
                                                   deadline.RemainingMs())) !=
               RdKafka::ERR_NO_ERROR &&
           !deadline.Passed()) {
      absl::SleepFor(kRetryPause);
    }
    if (err != RdKafka::ERR_NO_ERROR) return err;
    ends.list.push_back(RdKafka::TopicPartition::create(p->topic(), p->partition(), high));
  }
  return RdKafka::ERR_NO_ERROR;
}

}  // namespace

void PinNewGroupAtEnd(RdKafka::KafkaConsumer& consumer, const std::vector<std::string>& topics,
                      absl::Duration timeout) {
  const Deadline deadline(timeout);
  Partitions partitions;
  for (const std::string& topic : topics) AddPartitions(consumer, topic, deadline, partitions);
  if (partitions.list.empty()) return;
  Partitions ends;
  RdKafka::ErrorCode err = ReadPositions(consumer, partitions, deadline);
  if (err == RdKafka::ERR_NO_ERROR) err = EndsOfNew(consumer, partitions, deadline, ends);
  if (err == RdKafka::ERR_NO_ERROR && !ends.list.empty()) {
    while ((err = consumer.commitSync(ends.list)) != RdKafka::ERR_NO_ERROR && !deadline.Passed()) {
      absl::SleepFor(kRetryPause);
    }
  }
  if (err != RdKafka::ERR_NO_ERROR) {
    log::Warn("kafka: could not pin a new group at the topics' end; it starts at the end when "
              "its partitions come",
              {{"topics", absl::StrJoin(topics, ",")}, {"error", RdKafka::err2str(err)}});
  }
}

}  // namespace sisl::platform::bus::kafka_internal
