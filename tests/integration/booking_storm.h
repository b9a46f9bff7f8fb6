#ifndef SISL_TESTS_INTEGRATION_BOOKING_STORM_H_
#define SISL_TESTS_INTEGRATION_BOOKING_STORM_H_

// A booking storm on two sisl-booking replicas (two_replicas.h): a calendar of exactly 1,000
// seats on two days, 200 concurrent citizens making ~1,500 attempts, most of them on a few hot
// slots, and the checks that every seat is sold once and both availability indexes agree. Used by
// booking_contention_test.cc and, with a Kafka broker stopped in the middle,
// booking_failover_test.cc.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <latch>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/status.h"
#include "services/platform/ids.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "tests/integration/two_replicas.h"

namespace sisl::testing_env {

namespace storm {
namespace v1 = booking::v1;
using platform::auth::Role;

inline constexpr char kService[] =
    "RICERCA_LAVORO";                    // 30-minute slots, 12 h notice, 30-day horizon
inline constexpr int kSlotsPerDay = 25;  // 08:00-20:30
inline constexpr int kSeatsPerSlot = 20;
inline constexpr int kSlots = 2 * kSlotsPerDay;
inline constexpr int kSeats = kSlots * kSeatsPerSlot;  // 1,000
inline constexpr int kHotSlots = 15;
inline constexpr int kAttempts = 1500;
inline constexpr int kClients = 200;

// absl counts weekdays from Monday = 0, the API from Monday = 1.
inline v1::Weekday ToProtoWeekday(absl::CivilDay day) {
  return static_cast<v1::Weekday>(static_cast<int>(absl::GetWeekday(day)) + 1);
}

struct Attempt {
  std::string slot_id;
  int replica = 0;
  bool ok = false;
  std::string reason;  // of a failure
  std::string message;
  absl::Duration latency;
};

// The first column of the first row of `sql` with `param` as $1 (-1 on error).
inline int64_t Scalar(platform::db::Database& db, const std::string& sql,
                      const std::string& param) {
  auto tx = db.Begin();
  if (!tx.ok()) return -1;
  auto res = (*tx)->Execute(sql, {param});
  return res.ok() && !res->rows.empty() ? res->rows[0].Int(0) : -1;
}

class BookingStormTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const absl::Time start = absl::Now();
    absl::Status st = replicas_.Start();
    ASSERT_TRUE(st.ok()) << st;
    std::printf("contention: replicas up after %.2f s\n",
                absl::ToDoubleSeconds(absl::Now() - start));
    ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone_));
  }

  // Creates the 1,000-seat calendar on two consecutive weekdays at a random site and period
  // (earlier runs leave calendars behind: a PERIOD_OVERLAP, or a holiday that removes slots,
  // makes it try elsewhere). Fills calendar_id_, site_, days_ and slot_ids_ (in time order).
  void CreateCalendar() {
    auto sites = replicas_.Db().Begin();
    ASSERT_TRUE(sites.ok()) << sites.status();
    auto rows = (*sites)->Execute("SELECT site_code FROM offices ORDER BY site_code");
    ASSERT_TRUE(rows.ok()) << rows.status();
    sites->reset();
    std::mt19937_64 rng(std::random_device{}());
    const absl::CivilDay today = absl::ToCivilDay(absl::Now(), zone_);
    auto stub = v1::CalendarsService::NewStub(replicas_.NewChannel(0));
    for (int attempt = 0; attempt < 30; ++attempt) {
      site_ = rows->rows[rng() % rows->rows.size()].Str(0);
      absl::CivilDay first = today + 3 + static_cast<int>(rng() % 24);  // within the horizon
      while (absl::GetWeekday(first) > absl::Weekday::thursday) ++first;
      if (first > today + 26) continue;
      days_ = {first, first + 1};
      v1::CreateCalendarRequest req;
      v1::Calendar* c = req.mutable_calendar();
      c->set_site_code(site_);
      c->set_service_code(kService);
      c->set_first_date(absl::FormatCivilTime(days_[0]));
      c->set_last_date(absl::FormatCivilTime(days_[1]));
      for (absl::CivilDay d : days_) {
        v1::TimeBand* b = c->add_bands();
        b->set_weekday(ToProtoWeekday(d));
        b->set_start_time("08:00");
        b->set_end_time("20:30");
        b->set_slot_minutes(30);
        b->set_seats_per_slot(kSeatsPerSlot);
      }
      c->add_operator_ids("op-contention-1");
      c->add_operator_ids("op-contention-2");
      req.set_request_id(platform::NewUuidV7());
      v1::CreateCalendarResponse resp;
      auto ctx = replicas_.Context({.subject = "admin-contention", .role = Role::kAdmin});
      grpc::Status st = stub->CreateCalendar(ctx.get(), req, &resp);
      if (platform::ErrorReason(platform::FromGrpcStatus(st)) == "PERIOD_OVERLAP") continue;
      ASSERT_TRUE(st.ok()) << st.error_message();
      calendar_id_ = resp.calendar().id();
      // The slot ids are "<calendar id>-<unix seconds of start>", starts in Europe/Rome.
      std::vector<std::string> expected;
      for (absl::CivilDay d : days_) {
        for (int i = 0; i < kSlotsPerDay; ++i) {
          const absl::Time start = absl::FromCivil(absl::CivilMinute(d) + 8 * 60 + 30 * i, zone_);
          expected.push_back(absl::StrCat(calendar_id_, "-", absl::ToUnixSeconds(start)));
        }
      }
      auto tx = replicas_.Db().Begin();
      ASSERT_TRUE(tx.ok()) << tx.status();
      auto slots =
          (*tx)->Execute("SELECT id, capacity FROM slots WHERE calendar_id = $1 ORDER BY start_at",
                         {calendar_id_});
      ASSERT_TRUE(slots.ok()) << slots.status();
      std::vector<std::string> stored;
      int capacity = 0;
      for (const auto& r : slots->rows) {
        stored.push_back(r.Str(0));
        capacity += static_cast<int>(r.Int(1));
      }
      if (capacity != kSeats) continue;  // a holiday of that site: try another period
      ASSERT_EQ(stored, expected);
      slot_ids_ = stored;
      return;
    }
    FAIL() << "no free period for a " << kService << " calendar after 30 tries";
  }

  // The attempts: every cold slot gets exactly its seats in attempts, the hot slots the rest,
  // so every seat is wanted and demand exceeds supply on the hot slots only. Shuffled.
  std::vector<Attempt> Plan() {
    std::vector<Attempt> plan;
    for (int s = kHotSlots; s < kSlots; ++s) {
      for (int i = 0; i < kSeatsPerSlot; ++i) plan.push_back({.slot_id = slot_ids_[s]});
    }
    for (int i = 0; static_cast<int>(plan.size()) < kAttempts; ++i) {
      plan.push_back({.slot_id = slot_ids_[i % kHotSlots]});
    }
    std::shuffle(plan.begin(), plan.end(), std::mt19937_64(std::random_device{}()));
    return plan;
  }

  void Book(v1::AppointmentsService::Stub& stub, uint64_t person, Attempt& a) {
    const std::string cf = InventFiscalCode(person);
    v1::BookAppointmentRequest req;
    req.set_slot_id(a.slot_id);
    req.set_delivery_mode(v1::DELIVERY_MODE_IN_PERSON);
    req.mutable_citizen()->set_email(absl::StrCat("c", person % 100000, "@example.org"));
    req.mutable_citizen()->set_domicile_municipality("001272");  // Torino
    req.set_request_id(platform::NewUuidV7());
    auto ctx = replicas_.Context(
        {.subject = absl::StrCat("citizen-", person), .role = Role::kCitizen, .fiscal_code = cf});
    v1::BookAppointmentResponse resp;
    const absl::Time start = absl::Now();
    grpc::Status st = stub.BookAppointment(ctx.get(), req, &resp);
    a.latency = absl::Now() - start;
    a.ok = st.ok();
    if (!st.ok()) {
      a.reason = platform::ErrorReason(platform::FromGrpcStatus(st));
      a.message = absl::StrCat(st.error_code(), " ", st.error_message());
    }
  }

  // 200 clients, half on each replica, make the planned attempts as fast as they can; `booked`
  // counts the successes as they come. Returns how long the storm took.
  absl::Duration Storm(std::vector<Attempt>& plan) {
    const uint64_t run = std::mt19937_64(std::random_device{}())() >> 8;
    std::atomic<size_t> next{0};
    std::latch ready(kClients + 1);
    std::vector<std::thread> clients;
    for (int t = 0; t < kClients; ++t) {
      clients.emplace_back([&, t] {
        const int replica = t % TwoBookingReplicas::kReplicas;
        auto channel = replicas_.NewChannel(replica);
        channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        auto stub = v1::AppointmentsService::NewStub(channel);
        ready.arrive_and_wait();
        for (size_t i = next++; i < plan.size(); i = next++) {
          plan[i].replica = replica;
          Book(*stub, run * kAttempts + i, plan[i]);
          if (plan[i].ok) ++booked_;
        }
      });
    }
    ready.arrive_and_wait();
    const absl::Time start = absl::Now();
    for (auto& c : clients) c.join();
    return absl::Now() - start;
  }

  // Polls the replica's free slots of the calendar's days until there are `want` or `deadline`.
  int WaitForFreeSlots(int replica, int want, absl::Time deadline) {
    int free = replicas_.FreeSlots(replica, kService, site_, days_);
    while (free != want && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      free = replicas_.FreeSlots(replica, kService, site_, days_);
    }
    return free;
  }

  // A calendar both replicas' availability indexes show (they learn of it through Kafka: their
  // subscriptions start at the newest events, ADR 0006), normally within a second.
  void PrepareCalendar() {
    ASSERT_NO_FATAL_FAILURE(CreateCalendar());
    const absl::Time created = absl::Now();
    indexed_ = true;
    for (int r = 0; r < TwoBookingReplicas::kReplicas && indexed_; ++r) {
      indexed_ = WaitForFreeSlots(r, kSlots, created + absl::Seconds(40)) == kSlots;
    }
    EXPECT_TRUE(indexed_) << "the availability indexes did not show the calendar within 40 s"
                          << " (replicas' logs: " << replicas_.log_path(0) << ", "
                          << replicas_.log_path(1) << ")";
    std::printf("contention: both availability indexes showed the calendar after %.2f s\n",
                absl::ToDoubleSeconds(absl::Now() - created));
  }

  // Every seat sold exactly once, every other attempt SLOT_TAKEN, and the store agrees.
  void ExpectEverySeatSoldOnce(const std::vector<Attempt>& plan, absl::Duration elapsed,
                               const char* label) {
    int ok = 0;
    std::map<std::string, int> failures;
    std::map<int, int> ok_by_replica;
    std::map<std::string, int> ok_by_slot;
    std::vector<absl::Duration> latencies;
    for (const Attempt& a : plan) {
      latencies.push_back(a.latency);
      if (a.ok) {
        ++ok;
        ++ok_by_replica[a.replica];
        ++ok_by_slot[a.slot_id];
      } else if (++failures[a.reason] <= 3 && a.reason != "SLOT_TAKEN") {
        ADD_FAILURE() << "attempt on " << a.slot_id << " failed: " << a.reason << " " << a.message;
      }
    }
    std::sort(latencies.begin(), latencies.end());
    const double seconds = absl::ToDoubleSeconds(elapsed);
    std::printf(
        "%s: site %s, %d attempts by %d clients on 2 replicas in %.2f s: %.0f attempts/s, "
        "%.0f bookings/s; latency p50 %.1f ms, p99 %.1f ms; booked %d (replica 0: %d, 1: %d), "
        "SLOT_TAKEN %d\n",
        label, site_.c_str(), kAttempts, kClients, seconds, kAttempts / seconds, ok / seconds,
        absl::ToDoubleMilliseconds(latencies[latencies.size() / 2]),
        absl::ToDoubleMilliseconds(latencies[latencies.size() * 99 / 100]), ok, ok_by_replica[0],
        ok_by_replica[1], failures["SLOT_TAKEN"]);
    std::fflush(stdout);

    for (const auto& [reason, n] : failures) {
      EXPECT_EQ(reason, "SLOT_TAKEN") << n << " attempts failed with " << reason;
    }
    EXPECT_EQ(ok, kSeats);
    EXPECT_EQ(failures["SLOT_TAKEN"], kAttempts - kSeats);
    for (const std::string& slot : slot_ids_) EXPECT_EQ(ok_by_slot[slot], kSeatsPerSlot) << slot;
    EXPECT_GT(ok_by_replica[0], 0);
    EXPECT_GT(ok_by_replica[1], 0);

    // The store: no slot over capacity, and the seat counters agree with the open appointments.
    platform::db::Database& db = replicas_.Db();
    EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM slots WHERE calendar_id = $1 AND booked > capacity",
                     calendar_id_),
              0);
    EXPECT_EQ(Scalar(db, "SELECT SUM(booked) FROM slots WHERE calendar_id = $1", calendar_id_),
              kSeats);
    EXPECT_EQ(Scalar(db,
                     "SELECT COUNT(*) FROM appointments a JOIN slots s ON s.id = a.slot_id"
                     " WHERE s.calendar_id = $1 AND a.state = 'to_deliver'",
                     calendar_id_),
              kSeats);
    EXPECT_EQ(Scalar(db,
                     "SELECT COUNT(*) FROM slots s WHERE s.calendar_id = $1 AND s.booked <>"
                     " (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id"
                     " AND a.state = 'to_deliver')",
                     calendar_id_),
              0);
  }

  // Each replica's availability index hears of the other's bookings through Kafka: both soon
  // show the two days as full.
  void ExpectBothIndexesFull() {
    if (!indexed_) return;  // failed already: the sold-out check would only repeat it
    const absl::Time sync_start = absl::Now();
    for (int r = 0; r < TwoBookingReplicas::kReplicas; ++r) {
      EXPECT_EQ(WaitForFreeSlots(r, 0, sync_start + absl::Seconds(20)), 0)
          << "replica " << r << ", see " << replicas_.log_path(r);
    }
    std::printf("contention: both availability indexes showed the calendar full after %.2f s\n",
                absl::ToDoubleSeconds(absl::Now() - sync_start));
  }

  TwoBookingReplicas replicas_;
  absl::TimeZone zone_;
  std::string calendar_id_, site_;
  std::vector<absl::CivilDay> days_;
  std::vector<std::string> slot_ids_;
  std::atomic<int> booked_{0};
  bool indexed_ = false;
};

}  // namespace storm
}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_BOOKING_STORM_H_
