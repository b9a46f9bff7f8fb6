// The notifications store on a real database (SQLite or PostgreSQL, db_test_support.h): the
// message ledger (exactly once per key, leases raced by two replicas, lease expiry, backoff,
// permanent failures, dead letters and the operator's retry, counts, the citizen's messages),
// durable reminder jobs (schedule, move, cancel, restart, DST due times) and preferences.
#include "services/notifications/store/notifications_store.h"

#include <atomic>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/db_test_support.h"

namespace sisl::notifications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace store {
namespace {

using platform::db::Database;
using platform::db::Transaction;
using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// An OK StatusOr whose value matches `inner`.
MATCHER_P(Holds, inner, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(inner, *arg, result_listener);
}

absl::TimeZone Rome() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone)) << "no tzdata for Europe/Rome";
  return zone;
}

absl::Time Utc(int y, int m, int d, int hh, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

std::vector<std::string> KeysOf(const std::vector<OutgoingMessage>& ms) {
  std::vector<std::string> out;
  for (const OutgoingMessage& m : ms) out.push_back(m.idempotency_key);
  return out;
}

std::vector<std::string> KeysOf(const std::vector<ReminderJob>& js) {
  std::vector<std::string> out;
  for (const ReminderJob& j : js) out.push_back(j.reminder_key);
  return out;
}

class NotificationsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "platform", platform::db::PlatformMigrations(), clock_),
        IsOk());
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "notifications", embedded_migrations::Files(), clock_),
        IsOk());
  }

  absl::Status Tx(const std::function<absl::Status(Transaction&)>& fn, Database* db = nullptr) {
    return platform::db::InTransaction(db ? *db : *db_, fn);
  }

  // Runs a store call in its own transaction.
  template <typename T>
  absl::StatusOr<T> Run(const std::function<absl::StatusOr<T>(Transaction&)>& fn,
                        Database* db = nullptr) {
    std::optional<T> out;
    const absl::Status st = Tx(
        [&](Transaction& tx) -> absl::Status {
          absl::StatusOr<T> r = fn(tx);
          if (!r.ok()) return r.status();
          out = *std::move(r);
          return absl::OkStatus();
        },
        db);
    if (!st.ok()) return st;
    return *std::move(out);
  }

  std::string Scalar(const std::string& sql, const std::vector<platform::db::Value>& params = {}) {
    std::string out = "<none>";
    EXPECT_THAT(Tx([&](Transaction& tx) -> absl::Status {
                  absl::StatusOr<platform::db::Result> r = tx.Execute(sql, params);
                  if (!r.ok()) return r.status();
                  if (r->rows.size() == 1)
                    out = r->rows[0].IsNull(0) ? "<null>" : r->rows[0].Str(0);
                  return absl::OkStatus();
                }),
                IsOk());
    return out;
  }

  OutgoingMessage Message(const std::string& key, const std::string& person = "person-1",
                          absl::Time created = absl::InfinitePast()) {
    OutgoingMessage m;
    m.idempotency_key = key;
    m.person_id = person;
    m.type = MessageType::kAppointmentConfirmation;
    m.channel = Channel::kSms;
    m.language = Language::kArabic;
    m.values_json = absl::StrCat(R"({"service":"Colloquio ‹)", key, R"(›"})");
    m.appointment_id = "appt-" + key;
    m.created_at = created == absl::InfinitePast() ? clock_.Now() : created;
    return m;
  }

  absl::StatusOr<bool> Enqueue(const OutgoingMessage& m) {
    return Run<bool>([&](Transaction& tx) { return MessageLedger::Enqueue(tx, m); });
  }

  absl::StatusOr<std::vector<OutgoingMessage>> Claim(absl::Time now, const std::string& owner,
                                                     absl::Duration lease = absl::Minutes(5),
                                                     int limit = 100, Database* db = nullptr) {
    return Run<std::vector<OutgoingMessage>>(
        [&](Transaction& tx) { return MessageLedger::ClaimDue(tx, now, owner, lease, limit); }, db);
  }

  absl::Status Sent(const std::string& key, const std::string& owner, absl::Time at) {
    return Tx([&](Transaction& tx) { return MessageLedger::MarkSent(tx, key, owner, at); });
  }

  absl::StatusOr<MessageState> Failed(const std::string& key, const std::string& owner,
                                      bool temporary, absl::Time at,
                                      const RetryPolicy& policy = {}) {
    return Run<MessageState>([&](Transaction& tx) {
      return MessageLedger::MarkFailed(tx, key, owner, temporary, "550 no such mailbox", at,
                                       policy);
    });
  }

  OutgoingMessage Find(const std::string& key) {
    absl::StatusOr<std::optional<OutgoingMessage>> m = Run<std::optional<OutgoingMessage>>(
        [&](Transaction& tx) { return MessageLedger::Find(tx, key); });
    EXPECT_THAT(m, IsOk());
    EXPECT_TRUE(m.ok() && m->has_value()) << key;
    return m.ok() && m->has_value() ? **m : OutgoingMessage{};
  }

  AppointmentForReminders Appointment(const std::string& id, absl::Time start) {
    return {id,
            "person-9",
            Language::kFrench,
            {Channel::kEmail, Channel::kAppIo},
            start,
            absl::StrCat(R"({"appointment":")", id, R"("})")};
  }

  absl::Status Schedule(const AppointmentForReminders& a, const std::vector<Reminder>& rs) {
    return Tx([&](Transaction& tx) { return ReminderJobs::Schedule(tx, a, rs, clock_.Now()); });
  }

  std::vector<ReminderJob> JobsOf(const std::string& appointment_id) {
    absl::StatusOr<std::vector<ReminderJob>> jobs = Run<std::vector<ReminderJob>>(
        [&](Transaction& tx) { return ReminderJobs::OfAppointment(tx, appointment_id); });
    EXPECT_THAT(jobs, IsOk());
    return jobs.ok() ? *jobs : std::vector<ReminderJob>{};
  }

  absl::StatusOr<std::vector<ReminderJob>> ClaimJobs(absl::Time now, const std::string& owner,
                                                     Database* db = nullptr) {
    return Run<std::vector<ReminderJob>>(
        [&](Transaction& tx) {
          return ReminderJobs::ClaimDue(tx, now, owner, absl::Minutes(2), 100);
        },
        db);
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<Database> db_;
  platform::FakeClock clock_{Utc(2026, 12, 1, 8) + absl::Microseconds(123)};
};

TEST_F(NotificationsStoreTest, EnqueueTwiceKeepsOneRowAndTheFirstContent) {
  const OutgoingMessage m = Message("event:e1:appointment_confirmation:sms");
  EXPECT_THAT(Enqueue(m), Holds(true));
  OutgoingMessage again = m;
  again.values_json = R"({"other":true})";
  again.language = Language::kEnglish;
  EXPECT_THAT(Enqueue(again), Holds(false));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM outgoing_messages"), "1");

  const OutgoingMessage got = Find(m.idempotency_key);
  EXPECT_EQ(got.person_id, "person-1");
  EXPECT_EQ(got.type, MessageType::kAppointmentConfirmation);
  EXPECT_EQ(got.channel, Channel::kSms);
  EXPECT_EQ(got.language, Language::kArabic);
  EXPECT_EQ(got.values_json, m.values_json);
  EXPECT_EQ(got.appointment_id, m.appointment_id);
  EXPECT_EQ(got.state, MessageState::kQueued);
  EXPECT_EQ(got.attempts, 0);
  EXPECT_EQ(got.created_at, clock_.Now());
  EXPECT_EQ(got.next_attempt_at, clock_.Now());
  EXPECT_EQ(got.lease_until, std::nullopt);
  EXPECT_EQ(got.sent_at, std::nullopt);

  OutgoingMessage no_appointment = Message("event:e2:profile_expiring:email");
  no_appointment.appointment_id.clear();
  ASSERT_THAT(Enqueue(no_appointment), Holds(true));
  EXPECT_EQ(Scalar("SELECT appointment_id FROM outgoing_messages WHERE idempotency_key = $1",
                   {no_appointment.idempotency_key}),
            "<null>");
}

TEST_F(NotificationsStoreTest, TwoReplicasRacingClaimEachDueMessageExactlyOnce) {
  constexpr int kMessages = 500;
  ASSERT_THAT(Tx([&](Transaction& tx) -> absl::Status {
                for (int i = 0; i < kMessages; ++i) {
                  absl::StatusOr<bool> in = MessageLedger::Enqueue(
                      tx, Message(absl::StrFormat("m%04d", i), "p",
                                  clock_.Now() - absl::Seconds(kMessages - i)));
                  if (!in.ok()) return in.status();
                }
                OutgoingMessage later = Message("later");
                later.next_attempt_at = clock_.Now() + absl::Hours(1);
                return MessageLedger::Enqueue(tx, later).status();
              }),
              IsOk());
  std::unique_ptr<Database> replicas[2] = {env_.Open(), env_.Open()};
  ASSERT_NE(replicas[0], nullptr);
  ASSERT_NE(replicas[1], nullptr);
  std::vector<std::string> claimed[2];
  absl::Status errors[2];
  const absl::Time now = clock_.Now();
  auto run = [&](int r) {
    const std::string owner = absl::StrCat("replica-", r);
    for (int round = 0; round < 1000; ++round) {
      absl::StatusOr<std::vector<OutgoingMessage>> got =
          Claim(now, owner, absl::Minutes(5), 20, replicas[r].get());
      if (!got.ok()) {
        errors[r] = got.status();
        return;
      }
      for (const OutgoingMessage& m : *got) {
        if (m.lease_owner != owner || m.state != MessageState::kSending) {
          errors[r] = absl::InternalError(absl::StrCat("claimed row not ours: ", m.lease_owner));
          return;
        }
        claimed[r].push_back(m.idempotency_key);
      }
      if (got->empty() && Scalar("SELECT COUNT(*) FROM outgoing_messages WHERE state = 'queued'"
                                 " AND next_attempt_at <= $1",
                                 {absl::ToUnixMicros(now)}) == "0") {
        return;
      }
    }
  };
  std::thread a(run, 0), b(run, 1);
  a.join();
  b.join();
  EXPECT_THAT(errors[0], IsOk());
  EXPECT_THAT(errors[1], IsOk());
  std::set<std::string> all(claimed[0].begin(), claimed[0].end());
  all.insert(claimed[1].begin(), claimed[1].end());
  EXPECT_EQ(claimed[0].size() + claimed[1].size(), size_t{kMessages}) << "a row claimed twice";
  EXPECT_EQ(all.size(), size_t{kMessages});
  EXPECT_EQ(all.count("later"), 0u);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM outgoing_messages WHERE state = 'sending'"),
            absl::StrCat(kMessages));
  // Each row's lease holder is the replica that got it.
  for (int r = 0; r < 2; ++r) {
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM outgoing_messages WHERE lease_owner = $1",
                     {absl::StrCat("replica-", r)}),
              absl::StrCat(claimed[r].size()));
  }
}

TEST_F(NotificationsStoreTest, AnExpiredLeaseLetsAnotherReplicaTakeOver) {
  const std::string key = "event:e1:appointment_moved:email";
  ASSERT_THAT(Enqueue(Message(key)), IsOk());
  const absl::Time t0 = clock_.Now();
  ASSERT_THAT(Claim(t0, "a", absl::Minutes(1)), Holds(::testing::SizeIs(1)));
  EXPECT_EQ(Find(key).lease_until, t0 + absl::Minutes(1));
  std::unique_ptr<Database> other = env_.Open();
  ASSERT_NE(other, nullptr);
  absl::StatusOr<std::vector<OutgoingMessage>> early =
      Claim(t0 + absl::Minutes(1), "b", absl::Minutes(1), 100, other.get());
  ASSERT_THAT(early, IsOk());
  EXPECT_THAT(*early, IsEmpty()) << "taken while the lease still held";
  absl::StatusOr<std::vector<OutgoingMessage>> late =
      Claim(t0 + absl::Minutes(1) + absl::Microseconds(1), "b", absl::Minutes(1), 100, other.get());
  ASSERT_THAT(late, IsOk());
  EXPECT_THAT(KeysOf(*late), ElementsAre(key));
  EXPECT_EQ(Find(key).lease_owner, "b");
  EXPECT_THAT(Sent(key, "a", t0 + absl::Minutes(2)), HasReason("LEASE_LOST"));
  EXPECT_THAT(Sent(key, "b", t0 + absl::Minutes(2)), IsOk());
  EXPECT_THAT(Sent("unknown", "b", t0), HasReason("MESSAGE_NOT_FOUND"));
}

TEST_F(NotificationsStoreTest, ASentMessageIsNeverSentAgain) {
  const std::string key = "reminder:a1:1d:sms";
  ASSERT_THAT(Enqueue(Message(key)), IsOk());
  const absl::Time t0 = clock_.Now();
  ASSERT_THAT(Claim(t0, "a"), Holds(::testing::SizeIs(1)));
  ASSERT_THAT(Sent(key, "a", t0 + absl::Seconds(2)), IsOk());
  const OutgoingMessage sent = Find(key);
  EXPECT_EQ(sent.state, MessageState::kSent);
  EXPECT_EQ(sent.sent_at, t0 + absl::Seconds(2));
  EXPECT_EQ(sent.lease_owner, "");
  EXPECT_THAT(Claim(t0 + absl::Hours(100), "b"), Holds(IsEmpty()));
  EXPECT_THAT(Enqueue(Message(key)), Holds(false));
  EXPECT_THAT(Sent(key, "a", t0 + absl::Seconds(3)), HasReason("LEASE_LOST"));
  EXPECT_THAT(Failed(key, "a", true, t0), HasReason("LEASE_LOST"));
  EXPECT_THAT(Tx([&](Transaction& tx) { return MessageLedger::Retry(tx, key, t0); }),
              HasReason("NOT_A_DEAD_LETTER"));
  EXPECT_EQ(Find(key).state, MessageState::kSent);
  EXPECT_EQ(Find(key).sent_at, t0 + absl::Seconds(2));
}

TEST_F(NotificationsStoreTest, TemporaryFailuresBackOffThenTheMessageIsSent) {
  const std::string key = "event:e7:appointment_cancelled:email";
  ASSERT_THAT(Enqueue(Message(key)), IsOk());
  absl::Time t = clock_.Now();
  for (int attempt = 1; attempt <= 2; ++attempt) {
    ASSERT_THAT(Claim(t, "a"), Holds(::testing::SizeIs(1))) << attempt;
    EXPECT_THAT(Failed(key, "a", /*temporary=*/true, t), Holds(MessageState::kQueued));
    const OutgoingMessage m = Find(key);
    EXPECT_EQ(m.attempts, attempt);
    EXPECT_EQ(m.last_error, "550 no such mailbox");
    EXPECT_EQ(m.lease_owner, "");
    const absl::Time next = t + RetryDelay(attempt);
    EXPECT_EQ(m.next_attempt_at, next);
    EXPECT_THAT(Claim(next - absl::Microseconds(1), "a"), Holds(IsEmpty()))
        << "retried before its backoff";
    t = next;
  }
  EXPECT_EQ(RetryDelay(2), 2 * RetryDelay(1));
  ASSERT_THAT(Claim(t, "b"), Holds(::testing::SizeIs(1)));
  ASSERT_THAT(Sent(key, "b", t), IsOk());
  const OutgoingMessage m = Find(key);
  EXPECT_EQ(m.state, MessageState::kSent);
  EXPECT_EQ(m.attempts, 2);
}

TEST_F(NotificationsStoreTest, ExhaustedRetriesAreDeadAndPermanentFailuresFailedBothListed) {
  const RetryPolicy policy{absl::Seconds(1), absl::Seconds(4), 3};
  ASSERT_THAT(Enqueue(Message("k-exhausted")), IsOk());
  ASSERT_THAT(Enqueue(Message("k-permanent")), IsOk());
  ASSERT_THAT(Enqueue(Message("k-fine")), IsOk());
  absl::Time t = clock_.Now();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    ASSERT_THAT(Claim(t, "a"), IsOk());
    EXPECT_THAT(Failed("k-exhausted", "a", true, t, policy),
                Holds(attempt < 3 ? MessageState::kQueued : MessageState::kDead))
        << attempt;
    if (attempt == 1) {
      EXPECT_THAT(Failed("k-permanent", "a", /*temporary=*/false, t, policy),
                  Holds(MessageState::kFailed));
      EXPECT_THAT(Sent("k-fine", "a", t), IsOk());
    }
    t += absl::Minutes(1);
  }
  EXPECT_EQ(Find("k-exhausted").attempts, 3);
  EXPECT_EQ(Find("k-permanent").attempts, 1);
  EXPECT_THAT(Claim(t + absl::Hours(100), "b"), Holds(IsEmpty())) << "a dead letter was claimed";
  absl::StatusOr<std::vector<OutgoingMessage>> dead = Run<std::vector<OutgoingMessage>>(
      [&](Transaction& tx) { return MessageLedger::ListDead(tx, "", 10); });
  ASSERT_THAT(dead, IsOk());
  EXPECT_THAT(KeysOf(*dead), ElementsAre("k-exhausted", "k-permanent"));
  EXPECT_EQ((*dead)[0].state, MessageState::kDead);
  EXPECT_EQ((*dead)[1].state, MessageState::kFailed);
  dead = Run<std::vector<OutgoingMessage>>(
      [&](Transaction& tx) { return MessageLedger::ListDead(tx, "k-exhausted", 10); });
  ASSERT_THAT(dead, IsOk());
  EXPECT_THAT(KeysOf(*dead), ElementsAre("k-permanent"));
}

TEST_F(NotificationsStoreTest, TheOperatorsRetryQueuesADeadLetterAgainKeepingItsAttempts) {
  const std::string key = "k-permanent";
  ASSERT_THAT(Enqueue(Message(key)), IsOk());
  const absl::Time t0 = clock_.Now();
  ASSERT_THAT(Claim(t0, "a"), IsOk());
  ASSERT_THAT(Failed(key, "a", false, t0), Holds(MessageState::kFailed));
  const absl::Time pressed = t0 + absl::Hours(3);
  ASSERT_THAT(Tx([&](Transaction& tx) { return MessageLedger::Retry(tx, key, pressed); }), IsOk());
  OutgoingMessage m = Find(key);
  EXPECT_EQ(m.state, MessageState::kQueued);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt_at, pressed);
  EXPECT_THAT(Tx([&](Transaction& tx) { return MessageLedger::Retry(tx, key, pressed); }),
              HasReason("NOT_A_DEAD_LETTER"));
  EXPECT_THAT(Tx([&](Transaction& tx) { return MessageLedger::Retry(tx, "nope", pressed); }),
              HasReason("MESSAGE_NOT_FOUND"));
  EXPECT_THAT(Claim(pressed - absl::Microseconds(1), "b"), Holds(IsEmpty()));
  ASSERT_THAT(Claim(pressed, "b"), Holds(::testing::SizeIs(1)));
  ASSERT_THAT(Sent(key, "b", pressed), IsOk());
  EXPECT_EQ(Find(key).state, MessageState::kSent);
}

TEST_F(NotificationsStoreTest, CountsByStateAndTheCitizensMessagesNewestFirst) {
  const absl::Time t0 = clock_.Now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(Enqueue(Message(absl::StrCat("k", i), i < 4 ? "me" : "someone-else",
                                t0 + absl::Minutes(i))),
                IsOk());
  }
  absl::StatusOr<LedgerCounts> counts =
      Run<LedgerCounts>([](Transaction& tx) { return MessageLedger::Counts(tx); });
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(counts->by_state.at(MessageState::kQueued), 5);
  EXPECT_EQ(counts->by_state.at(MessageState::kSent), 0);
  EXPECT_EQ(counts->oldest_queued_at, t0);
  // k0, k1 claimed at t0+1min: k0 sent, k1 failed for good; k2..k4 still queued.
  ASSERT_THAT(Claim(t0 + absl::Minutes(1), "a"), Holds(::testing::SizeIs(2)));
  ASSERT_THAT(Sent("k0", "a", t0 + absl::Minutes(1)), IsOk());
  ASSERT_THAT(Failed("k1", "a", false, t0), IsOk());
  counts = Run<LedgerCounts>([](Transaction& tx) { return MessageLedger::Counts(tx); });
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(counts->by_state.at(MessageState::kQueued), 3);
  EXPECT_EQ(counts->by_state.at(MessageState::kSent), 1);
  EXPECT_EQ(counts->by_state.at(MessageState::kFailed), 1);
  EXPECT_EQ(counts->by_state.at(MessageState::kSending), 0);
  EXPECT_EQ(counts->by_state.at(MessageState::kDead), 0);
  EXPECT_EQ(counts->oldest_queued_at, t0 + absl::Minutes(2));

  absl::StatusOr<std::vector<OutgoingMessage>> page = Run<std::vector<OutgoingMessage>>(
      [](Transaction& tx) { return MessageLedger::OfPerson(tx, "me", "", 3); });
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(KeysOf(*page), ElementsAre("k3", "k2", "k1"));
  page = Run<std::vector<OutgoingMessage>>(
      [](Transaction& tx) { return MessageLedger::OfPerson(tx, "me", "k1", 3); });
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(KeysOf(*page), ElementsAre("k0"));
  EXPECT_EQ((*page)[0].state, MessageState::kSent);
  page = Run<std::vector<OutgoingMessage>>(
      [](Transaction& tx) { return MessageLedger::OfPerson(tx, "me", "k4", 3); });
  ASSERT_THAT(page, IsOk());
  EXPECT_THAT(*page, IsEmpty()) << "another person's message as a cursor";
}

TEST_F(NotificationsStoreTest, ACorruptRowIsDataLoss) {
  ASSERT_THAT(Enqueue(Message("k")), IsOk());
  ASSERT_THAT(Tx([](Transaction& tx) {
                return tx.Execute("UPDATE outgoing_messages SET channel = 'fax'").status();
              }),
              IsOk());
  EXPECT_THAT(Run<std::optional<OutgoingMessage>>(
                  [](Transaction& tx) { return MessageLedger::Find(tx, "k"); }),
              HasReason("CORRUPT_RECORD"));
}

TEST_F(NotificationsStoreTest, ScheduledRemindersAreDueAtTheDomainsTimesOnEachChannel) {
  const absl::Time start = Utc(2026, 12, 10, 9, 30);  // 10:30 in Rome
  const std::vector<int32_t> days = {1, 3};
  const std::vector<Reminder> rs = ReminderSchedule(start, days, clock_.Now(), Rome());
  ASSERT_EQ(rs.size(), 2u);
  ASSERT_THAT(Schedule(Appointment("a1", start), rs), IsOk());
  const std::vector<ReminderJob> jobs = JobsOf("a1");
  ASSERT_EQ(jobs.size(), 4u);
  EXPECT_THAT(
      KeysOf(jobs),
      ElementsAre(ReminderKey("a1", 3, Channel::kAppIo), ReminderKey("a1", 3, Channel::kEmail),
                  ReminderKey("a1", 1, Channel::kAppIo), ReminderKey("a1", 1, Channel::kEmail)));
  EXPECT_EQ(jobs[0].due_at, Utc(2026, 12, 7, 8));  // 09:00 CET
  EXPECT_EQ(jobs[3].due_at, Utc(2026, 12, 9, 8));
  EXPECT_EQ(jobs[3].days_before, 1);
  EXPECT_EQ(jobs[3].channel, Channel::kEmail);
  EXPECT_EQ(jobs[3].person_id, "person-9");
  EXPECT_EQ(jobs[3].language, Language::kFrench);
  EXPECT_EQ(jobs[3].appointment_start, start);
  EXPECT_EQ(jobs[3].values_json, R"({"appointment":"a1"})");
  EXPECT_EQ(jobs[3].state, ReminderState::kScheduled);

  EXPECT_THAT(ClaimJobs(Utc(2026, 12, 7, 8) - absl::Microseconds(1), "w"), Holds(IsEmpty()));
  absl::StatusOr<std::vector<ReminderJob>> due = ClaimJobs(Utc(2026, 12, 7, 8), "w");
  ASSERT_THAT(due, IsOk());
  EXPECT_THAT(KeysOf(*due), ElementsAre(ReminderKey("a1", 3, Channel::kAppIo),
                                        ReminderKey("a1", 3, Channel::kEmail)));
  EXPECT_EQ((*due)[0].lease_owner, "w");
  EXPECT_EQ((*due)[0].lease_until, Utc(2026, 12, 7, 8) + absl::Minutes(2));
  for (const ReminderJob& j : *due) {
    EXPECT_THAT(Tx([&](Transaction& tx) {
                  return ReminderJobs::MarkDone(tx, j.reminder_key, "w", Utc(2026, 12, 7, 8));
                }),
                IsOk());
  }
  EXPECT_THAT(ClaimJobs(Utc(2026, 12, 8, 8), "w"), Holds(IsEmpty())) << "a done reminder came back";
  EXPECT_THAT(Tx([](Transaction& tx) {
                return ReminderJobs::MarkDone(tx, "reminder:none:1d:email", "w", absl::Now());
              }),
              HasReason("REMINDER_NOT_FOUND"));
}

TEST_F(NotificationsStoreTest, AMoveCancelsTheOldAppointmentsJobsAndSchedulesTheNewOnes) {
  const absl::Time old_start = Utc(2026, 12, 10, 9, 30);
  const absl::Time new_start = Utc(2026, 12, 15, 14);
  const std::vector<int32_t> days = {1, 3};
  ASSERT_THAT(Schedule(Appointment("a1", old_start),
                       ReminderSchedule(old_start, days, clock_.Now(), Rome())),
              IsOk());
  const std::vector<Reminder> moved = ReminderSchedule(new_start, days, clock_.Now(), Rome());
  ASSERT_THAT(Tx([&](Transaction& tx) {
                return ReminderJobs::Move(tx, "a1", Appointment("a2", new_start), moved,
                                          clock_.Now());
              }),
              IsOk());
  for (const ReminderJob& j : JobsOf("a1")) {
    EXPECT_EQ(j.state, ReminderState::kCancelled) << j.reminder_key;
  }
  const std::vector<ReminderJob> now_jobs = JobsOf("a2");
  ASSERT_EQ(now_jobs.size(), 4u);
  for (const ReminderJob& j : now_jobs) EXPECT_EQ(j.state, ReminderState::kScheduled);
  EXPECT_EQ(now_jobs.front().due_at, moved.front().due);
  EXPECT_EQ(now_jobs.back().due_at, Utc(2026, 12, 14, 8));
  // At the old reminders' times nothing is due; at the new ones, a2's.
  EXPECT_THAT(ClaimJobs(Utc(2026, 12, 9, 8), "w"), Holds(IsEmpty()));
  absl::StatusOr<std::vector<ReminderJob>> due = ClaimJobs(Utc(2026, 12, 14, 8), "w");
  ASSERT_THAT(due, IsOk());
  ASSERT_EQ(due->size(), 4u);
  for (const ReminderJob& j : *due) EXPECT_EQ(j.appointment_id, "a2");

  // Rescheduling the same appointment with fewer reminders cancels the ones left out.
  ASSERT_THAT(Schedule(Appointment("a3", new_start), moved), IsOk());
  ASSERT_THAT(Schedule(Appointment("a3", new_start), {moved.back()}), IsOk());
  int scheduled = 0;
  for (const ReminderJob& j : JobsOf("a3")) {
    if (j.state == ReminderState::kScheduled) {
      ++scheduled;
      EXPECT_EQ(j.days_before, 1);
    }
  }
  EXPECT_EQ(scheduled, 2);
}

TEST_F(NotificationsStoreTest, ACancelledAppointmentsRemindersAreNeverDue) {
  const absl::Time start = Utc(2026, 12, 10, 9, 30);
  ASSERT_THAT(Schedule(Appointment("a1", start),
                       ReminderSchedule(start, std::vector<int32_t>{1, 3}, clock_.Now(), Rome())),
              IsOk());
  ASSERT_THAT(Schedule(Appointment("keep", start),
                       ReminderSchedule(start, std::vector<int32_t>{1}, clock_.Now(), Rome())),
              IsOk());
  EXPECT_THAT(
      Run<int64_t>([&](Transaction& tx) { return ReminderJobs::Cancel(tx, "a1", clock_.Now()); }),
      Holds(4));
  for (const ReminderJob& j : JobsOf("a1")) EXPECT_EQ(j.state, ReminderState::kCancelled);
  absl::StatusOr<std::vector<ReminderJob>> due = ClaimJobs(start + absl::Hours(100), "w");
  ASSERT_THAT(due, IsOk());
  ASSERT_EQ(due->size(), 2u);
  for (const ReminderJob& j : *due) EXPECT_EQ(j.appointment_id, "keep");
  EXPECT_THAT(
      Run<int64_t>([&](Transaction& tx) { return ReminderJobs::Cancel(tx, "a1", clock_.Now()); }),
      Holds(0));
}

TEST_F(NotificationsStoreTest, RemindersSurviveARestartAndAreDoneOnce) {
  const absl::Time start = Utc(2026, 12, 10, 9, 30);
  const std::vector<Reminder> rs =
      ReminderSchedule(start, std::vector<int32_t>{1}, clock_.Now(), Rome());
  const absl::Time due_at = rs.front().due;
  {
    // A replica schedules, claims and dies before marking anything done.
    std::unique_ptr<Database> first = env_.Open();
    ASSERT_NE(first, nullptr);
    ASSERT_THAT(Tx(
                    [&](Transaction& tx) {
                      return ReminderJobs::Schedule(tx, Appointment("a1", start), rs, clock_.Now());
                    },
                    first.get()),
                IsOk());
    ASSERT_THAT(ClaimJobs(due_at, "dead-replica", first.get()), Holds(::testing::SizeIs(2)));
  }
  std::unique_ptr<Database> restarted = env_.Open();
  ASSERT_NE(restarted, nullptr);
  EXPECT_THAT(ClaimJobs(due_at + absl::Minutes(1), "new", restarted.get()), Holds(IsEmpty()))
      << "taken while the dead replica's lease still held";
  const absl::Time later = due_at + absl::Minutes(2) + absl::Microseconds(1);
  absl::StatusOr<std::vector<ReminderJob>> taken = ClaimJobs(later, "new", restarted.get());
  ASSERT_THAT(taken, IsOk());
  ASSERT_EQ(taken->size(), 2u);
  for (const ReminderJob& j : *taken) {
    EXPECT_THAT(Tx([&](Transaction& tx) {
                  return ReminderJobs::MarkDone(tx, j.reminder_key, "dead-replica", later);
                }),
                HasReason("LEASE_LOST"));
    EXPECT_THAT(Tx([&](Transaction& tx) {
                  return ReminderJobs::MarkDone(tx, j.reminder_key, "new", later);
                }),
                IsOk());
  }
  // A redelivered booking event schedules again: the done reminders stay done.
  ASSERT_THAT(Schedule(Appointment("a1", start), rs), IsOk());
  for (const ReminderJob& j : JobsOf("a1")) EXPECT_EQ(j.state, ReminderState::kDone);
  EXPECT_THAT(ClaimJobs(later + absl::Hours(100), "new"), Holds(IsEmpty()));
  // A reminder cancelled while claimed is not marked done.
  ASSERT_THAT(Schedule(Appointment("a2", start), rs), IsOk());
  ASSERT_THAT(ClaimJobs(later, "w"), Holds(::testing::SizeIs(2)));
  ASSERT_THAT(Run<int64_t>([&](Transaction& tx) { return ReminderJobs::Cancel(tx, "a2", later); }),
              Holds(2));
  EXPECT_THAT(Tx([&](Transaction& tx) {
                return ReminderJobs::MarkDone(tx, ReminderKey("a2", 1, Channel::kEmail), "w",
                                              later);
              }),
              HasReason("LEASE_LOST"));
}

TEST_F(NotificationsStoreTest, ReminderDueTimesAcrossSummerTimeComeFromTheDomain) {
  // Summer time starts on Sunday 29 March 2026 in Rome; it ends on Sunday 25 October 2026.
  clock_.Set(Utc(2026, 3, 1, 8));
  const absl::Time spring = Utc(2026, 3, 30, 8);   // Monday 10:00 CEST
  const absl::Time autumn = Utc(2026, 10, 26, 9);  // Monday 10:00 CET
  ASSERT_THAT(Schedule(Appointment("spring", spring),
                       ReminderSchedule(spring, std::vector<int32_t>{1, 3}, clock_.Now(), Rome())),
              IsOk());
  ASSERT_THAT(Schedule(Appointment("autumn", autumn),
                       ReminderSchedule(autumn, std::vector<int32_t>{1, 3}, clock_.Now(), Rome())),
              IsOk());
  const std::vector<ReminderJob> s = JobsOf("spring");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].due_at, Utc(2026, 3, 27, 8));  // Friday 09:00 CET
  EXPECT_EQ(s[2].due_at, Utc(2026, 3, 29, 7));  // Sunday 09:00 CEST
  const std::vector<ReminderJob> a = JobsOf("autumn");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0].due_at, Utc(2026, 10, 23, 7));  // Friday 09:00 CEST
  EXPECT_EQ(a[2].due_at, Utc(2026, 10, 25, 8));  // Sunday 09:00 CET
  EXPECT_THAT(ClaimJobs(Utc(2026, 3, 29, 7) - absl::Microseconds(1), "w"),
              Holds(::testing::SizeIs(2)));  // the 3-day ones only
  EXPECT_THAT(ClaimJobs(Utc(2026, 3, 29, 7), "w"), Holds(::testing::SizeIs(2)));
}

TEST_F(NotificationsStoreTest, PreferencesRoundTripAndReplace) {
  absl::StatusOr<std::optional<Preferences>> none = Run<std::optional<Preferences>>(
      [](Transaction& tx) { return PreferenceStore::Get(tx, "p1"); });
  ASSERT_THAT(none, IsOk());
  EXPECT_FALSE(none->has_value());
  const Preferences first{"p1",
                          {Channel::kAppIo, Channel::kSms, Channel::kAppIo},
                          Language::kArabic,
                          "mario@example.org",
                          "+393331234567",
                          clock_.Now()};
  ASSERT_THAT(Tx([&](Transaction& tx) { return PreferenceStore::Put(tx, first); }), IsOk());
  absl::StatusOr<std::optional<Preferences>> got = Run<std::optional<Preferences>>(
      [](Transaction& tx) { return PreferenceStore::Get(tx, "p1"); });
  ASSERT_THAT(got, IsOk());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->person_id, "p1");
  EXPECT_THAT((*got)->channels, ElementsAre(Channel::kAppIo, Channel::kSms));
  EXPECT_EQ((*got)->language, Language::kArabic);
  EXPECT_EQ((*got)->email, "mario@example.org");
  EXPECT_EQ((*got)->mobile, "+393331234567");
  EXPECT_EQ((*got)->updated_at, clock_.Now());

  const Preferences second{"p1", {}, Language::kEnglish, "", "", clock_.Now() + absl::Hours(1)};
  ASSERT_THAT(Tx([&](Transaction& tx) { return PreferenceStore::Put(tx, second); }), IsOk());
  got = Run<std::optional<Preferences>>(
      [](Transaction& tx) { return PreferenceStore::Get(tx, "p1"); });
  ASSERT_THAT(got, IsOk());
  ASSERT_TRUE(got->has_value());
  EXPECT_THAT((*got)->channels, IsEmpty());
  EXPECT_EQ((*got)->language, Language::kEnglish);
  EXPECT_EQ((*got)->email, "");
  EXPECT_EQ((*got)->updated_at, clock_.Now() + absl::Hours(1));
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM preferences"), "1");
}

}  // namespace
}  // namespace store
}  // namespace sisl::notifications
