// Failover of the booking storm (issue 16), on the 3-node Kafka of `deploy/infra.sh up
// --kafka-nodes 3` (label `failover`: ./sisl test runs it after the main suite, on that cluster).
// The storm of booking_storm.h runs while the broker leading most partitions of the appointments
// topic is killed (SIGKILL) once a quarter of the seats are sold; it is started again once the
// storm is over. Nothing lost, nothing duplicated in effect: every seat is sold once and the
// store agrees; every booking's event reaches the topic (every outbox row, one event id per
// appointment: a message delivered twice carries the same id, which the inboxes absorb); both
// replicas' availability indexes, which follow each other's bookings through Kafka, end full.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "services/platform/ids.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/integration/booking_storm.h"
#include "tests/integration/event_reader.h"
#include "tests/integration/kafka_cluster.h"

namespace sisl::testing_env::storm {
namespace {

constexpr char kTopic[] = "sisl.booking.appointments.v1";

double Since(absl::Time t) { return absl::ToDoubleSeconds(absl::Now() - t); }

std::string Kafka() {
  const char* kafka = std::getenv("SISL_TEST_KAFKA");
  return kafka != nullptr ? kafka : "";
}

using BookingFailoverTest = BookingStormTest;

TEST_F(BookingFailoverTest, LeaderKilledDuringAStormNothingIsLostOrDoneTwice) {
  const std::string kafka = Kafka();
  KafkaCluster cluster(kafka);
  const absl::StatusOr<int> brokers = cluster.Brokers();
  ASSERT_TRUE(brokers.ok()) << brokers.status();
  ASSERT_EQ(*brokers, 3) << "the failover tests need deploy/infra.sh up --kafka-nodes 3";
  ASSERT_NO_FATAL_FAILURE(PrepareCalendar());
  const std::string marker = platform::NewUuidV7();
  const absl::StatusOr<std::map<int, int>> before = cluster.Leaders(kTopic);
  ASSERT_TRUE(before.ok()) << before.status();
  const absl::StatusOr<int> leader = cluster.MainLeader(kTopic);
  ASSERT_TRUE(leader.ok()) << leader.status();

  // The killer waits for a quarter of the seats, then kills the leader mid-storm.
  absl::Status killed = absl::DeadlineExceededError("the storm ended before a quarter was sold");
  int booked_at_kill = 0;
  absl::Time kill_time;
  std::atomic<bool> storm_over{false};
  std::thread killer([&] {
    while (booked_ < kSeats / 4 && !storm_over) absl::SleepFor(absl::Milliseconds(5));
    if (storm_over) return;
    booked_at_kill = booked_;
    kill_time = absl::Now();
    killed = cluster.Kill(*leader);
  });
  std::vector<Attempt> plan = Plan();
  const absl::Duration elapsed = Storm(plan);
  storm_over = true;
  killer.join();
  ASSERT_TRUE(killed.ok()) << killed;
  std::printf("failover: broker %d (leader of partitions", *leader);
  for (const auto& [p, l] : *before) {
    if (l == *leader) std::printf(" %d", p);
  }
  std::printf(" of %s) killed with %d of %d seats sold; the storm went on %.2f s after it\n",
              kTopic, booked_at_kill, kSeats, Since(kill_time));
  ExpectEverySeatSoldOnce(plan, elapsed, "failover");

  // The relay publishes through the new leaders while the broker is down.
  platform::db::Database& db = replicas_.Db();
  const absl::Time relay = absl::Now();
  int64_t unsent = UnsentAfter(db, marker);
  while (unsent != 0 && absl::Now() - relay < absl::Minutes(2)) {
    absl::SleepFor(absl::Milliseconds(100));
    unsent = UnsentAfter(db, marker);
  }
  EXPECT_EQ(unsent, 0) << "outbox rows not published with a broker down";
  const absl::StatusOr<std::map<int, int>> during = cluster.Leaders(kTopic);
  ASSERT_TRUE(during.ok()) << during.status();
  for (const auto& [p, l] : *during) EXPECT_NE(l, *leader) << "partition " << p;
  std::printf("failover: outbox drained %.2f s after the storm, %.2f s after the kill\n",
              Since(relay), Since(kill_time));
  ExpectBothIndexesFull();
  const absl::Time restart = absl::Now();
  ASSERT_TRUE(cluster.Restart().ok());
  std::printf("failover: broker %d back and registered in %.1f s\n", *leader, Since(restart));

  // One event per booking in the outbox, and exactly those on the topic, once each in effect.
  std::set<std::string> outbox;
  {
    auto tx = db.Begin();
    ASSERT_TRUE(tx.ok()) << tx.status();
    auto rows = (*tx)->Execute("SELECT id FROM outbox WHERE id > $1 AND topic = $2",
                               {marker, std::string(kTopic)});
    ASSERT_TRUE(rows.ok()) << rows.status();
    for (const auto& row : rows->rows) outbox.insert(row.Str(0));
  }
  EXPECT_EQ(static_cast<int>(outbox.size()), kSeats) << "appointment events in the outbox";
  std::mutex mu;
  std::map<std::string, std::set<std::string>> events_of;  // appointment -> event ids
  std::set<std::string> ids;
  int deliveries = 0;
  const absl::Time read = absl::Now();
  ConsumeAfter(kafka, kTopic, marker, outbox.size(), std::chrono::seconds(180),
               [&](const platform::bus::Message& m) {
                 events::v1::Event envelope;
                 booking::v1::AppointmentEvent event;
                 if (!envelope.ParseFromString(m.payload) || !envelope.data().UnpackTo(&event)) {
                   return absl::DataLossError("not an AppointmentEvent");
                 }
                 std::lock_guard lock(mu);
                 ++deliveries;
                 ids.insert(m.Header("event_id"));
                 EXPECT_EQ(event.change(), booking::v1::AppointmentEvent::CHANGE_BOOKED);
                 events_of[event.appointment_id()].insert(m.Header("event_id"));
                 return absl::OkStatus();
               });
  std::lock_guard lock(mu);
  EXPECT_EQ(ids, outbox) << "the topic holds exactly the outbox's events";
  EXPECT_EQ(static_cast<int>(events_of.size()), kSeats) << "appointments with an event";
  int twice = 0;
  for (const auto& [appointment, of] : events_of) twice += of.size() > 1 ? 1 : 0;
  EXPECT_EQ(twice, 0) << "appointments published in more than one event";
  std::printf(
      "failover: %zu events read back in %.1f s (%d deliveries: %d delivered again), one per "
      "appointment\n",
      ids.size(), Since(read), deliveries, deliveries - static_cast<int>(ids.size()));
}

}  // namespace
}  // namespace sisl::testing_env::storm
