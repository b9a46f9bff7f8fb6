// The notifications service's tables, inside the caller's transaction (migrations/V001): the
// ledger of outgoing messages, the durable reminder jobs and the citizens' preferences. SQL
// portable between PostgreSQL 15 and SQLite (database.h); rows read by column name.
//
// Exactly once: a message is a row keyed by the domain's idempotency key (schedule.h), inserted
// with ON CONFLICT DO NOTHING, so a redelivered event enqueues nothing new. Replicas take due
// rows with a lease through a portable compare-and-set (a conditional UPDATE per candidate,
// kept when it changed one row): on PostgreSQL a second replica's UPDATE waits for the first's
// commit and then no longer matches; SQLite serialises writers. The whole state is in the
// store, so a restarted or killed replica's rows are taken again once their lease runs out.
#ifndef SISL_SERVICES_NOTIFICATIONS_STORE_NOTIFICATIONS_STORE_H_
#define SISL_SERVICES_NOTIFICATIONS_STORE_NOTIFICATIONS_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/notifications/domain/schedule.h"
#include "services/notifications/domain/types.h"
#include "services/platform/db/database.h"

namespace sisl::notifications::store {

enum class MessageState { kQueued, kSending, kSent, kFailed, kDead };
// "queued", "sending", "sent", "failed" (a permanent failure), "dead" (attempts exhausted).
absl::string_view MessageStateName(MessageState state);
std::optional<MessageState> MessageStateFromName(absl::string_view name);

struct OutgoingMessage {
  // Given by the caller to Enqueue.
  std::string idempotency_key;  // EventMessageKey, AppointmentMessageKey or ReminderKey
  std::string person_id;
  MessageType type = MessageType::kAppointmentConfirmation;
  Channel channel = Channel::kEmail;
  Language language = Language::kItalian;
  // The message's values as JSON (MessageValues, plus the .ics of a confirmation), written and
  // read by the caller; the store keeps it as it is. Rendered in `language` when sent.
  std::string values_json;
  std::string appointment_id;  // "" when about no appointment (NULL in the table)
  absl::Time created_at;
  // First due at max(created_at, next_attempt_at).
  absl::Time next_attempt_at = absl::InfinitePast();

  // Kept by the store.
  MessageState state = MessageState::kQueued;
  int attempts = 0;  // failed attempts
  std::string lease_owner;  // "" unless sending
  std::optional<absl::Time> lease_until;
  std::string last_error;
  std::optional<absl::Time> sent_at;
};

struct LedgerCounts {
  std::map<MessageState, int64_t> by_state;  // every state, 0 included
  // The creation time of the oldest message not yet sent (queued or sending), for the age metric.
  std::optional<absl::Time> oldest_queued_at;
};

class MessageLedger final {
 public:
  // Inserts `m` as queued; false when a message with its key is already there (left as it is).
  static absl::StatusOr<bool> Enqueue(platform::db::Transaction& tx, const OutgoingMessage& m);
  // Up to `limit` due messages (queued with next_attempt_at <= now, or sending with an expired
  // lease), oldest due first, now 'sending' under `owner`'s lease until now + lease. A row
  // another replica claimed meanwhile is left out.
  static absl::StatusOr<std::vector<OutgoingMessage>> ClaimDue(platform::db::Transaction& tx,
                                                               absl::Time now,
                                                               const std::string& owner,
                                                               absl::Duration lease, int limit);
  // 'sent' at `at`, if `owner` holds it: NOT_FOUND MESSAGE_NOT_FOUND; ABORTED LEASE_LOST when it
  // is not sending under `owner` (another replica took it, or it is sent already).
  static absl::Status MarkSent(platform::db::Transaction& tx, const std::string& key,
                               const std::string& owner, absl::Time at);
  // One more failed attempt, if `owner` holds it (errors as MarkSent). Temporary: back to
  // 'queued' at `at` + RetryDelay(attempts), or 'dead' once IsExhausted(attempts); permanent:
  // 'failed'. Returns the new state.
  static absl::StatusOr<MessageState> MarkFailed(platform::db::Transaction& tx,
                                                 const std::string& key, const std::string& owner,
                                                 bool temporary, const std::string& error,
                                                 absl::Time at, const RetryPolicy& policy = {});
  // The operator's button: a failed or dead message is queued again, due at `at`, its attempts
  // kept. NOT_FOUND MESSAGE_NOT_FOUND; FAILED_PRECONDITION NOT_A_DEAD_LETTER otherwise.
  static absl::Status Retry(platform::db::Transaction& tx, const std::string& key, absl::Time at);
  // Failed and dead messages after `after_key` ("" from the start), by key.
  static absl::StatusOr<std::vector<OutgoingMessage>> ListDead(platform::db::Transaction& tx,
                                                               const std::string& after_key,
                                                               int limit);
  static absl::StatusOr<LedgerCounts> Counts(platform::db::Transaction& tx);
  // The person's messages, newest first, after the message `after_key` ("" from the start).
  static absl::StatusOr<std::vector<OutgoingMessage>> OfPerson(platform::db::Transaction& tx,
                                                               const std::string& person_id,
                                                               const std::string& after_key,
                                                               int limit);
  static absl::StatusOr<std::optional<OutgoingMessage>> Find(platform::db::Transaction& tx,
                                                             const std::string& key);
};

enum class ReminderState { kScheduled, kDone, kCancelled };
absl::string_view ReminderStateName(ReminderState state);  // "scheduled", "done", "cancelled"

// What reminders of an appointment need (from booking's event).
struct AppointmentForReminders {
  std::string appointment_id;
  std::string person_id;
  Language language = Language::kItalian;
  std::vector<Channel> channels;
  absl::Time start;
  std::string values_json;  // the reminder's values, as OutgoingMessage::values_json
};

struct ReminderJob {
  std::string reminder_key;  // ReminderKey(appointment_id, days_before, channel)
  std::string appointment_id;
  int days_before = 0;
  Channel channel = Channel::kEmail;
  std::string person_id;
  Language language = Language::kItalian;
  absl::Time due_at;
  absl::Time appointment_start;
  std::string values_json;
  ReminderState state = ReminderState::kScheduled;
  std::string lease_owner;
  std::optional<absl::Time> lease_until;
};

class ReminderJobs final {
 public:
  // The appointment's reminders become `reminders` (from the domain's ReminderSchedule) on each
  // of its channels: its other scheduled jobs are cancelled, these are (re)scheduled; a job
  // already done stays done. No reminders cancels them all.
  static absl::Status Schedule(platform::db::Transaction& tx, const AppointmentForReminders& a,
                               absl::Span<const Reminder> reminders, absl::Time now);
  // The appointment's scheduled jobs are cancelled (a cancelled appointment); how many.
  static absl::StatusOr<int64_t> Cancel(platform::db::Transaction& tx,
                                        const std::string& appointment_id, absl::Time now);
  // A move: the old appointment's jobs cancelled, the new one's scheduled.
  static absl::Status Move(platform::db::Transaction& tx, const std::string& old_appointment_id,
                           const AppointmentForReminders& moved,
                           absl::Span<const Reminder> reminders, absl::Time now);
  // As MessageLedger::ClaimDue: scheduled jobs due at or before `now` whose lease is free or
  // expired, leased to `owner` until now + lease.
  static absl::StatusOr<std::vector<ReminderJob>> ClaimDue(platform::db::Transaction& tx,
                                                           absl::Time now,
                                                           const std::string& owner,
                                                           absl::Duration lease, int limit);
  // 'done' (its message enqueued in the same transaction), if `owner` holds it: NOT_FOUND
  // REMINDER_NOT_FOUND; ABORTED LEASE_LOST when it is no longer scheduled under `owner` (taken
  // by another replica, or cancelled meanwhile).
  static absl::Status MarkDone(platform::db::Transaction& tx, const std::string& reminder_key,
                               const std::string& owner, absl::Time at);
  // Every job of the appointment, every state, by due time and key.
  static absl::StatusOr<std::vector<ReminderJob>> OfAppointment(
      platform::db::Transaction& tx, const std::string& appointment_id);
};

struct Preferences {
  std::string person_id;
  std::vector<Channel> channels;  // in the citizen's order, no duplicates
  Language language = Language::kItalian;
  // For messages about no appointment (personal data: never logged).
  std::string email;
  std::string mobile;
  absl::Time updated_at;
};

class PreferenceStore final {
 public:
  static absl::StatusOr<std::optional<Preferences>> Get(platform::db::Transaction& tx,
                                                        const std::string& person_id);
  // Inserts or replaces (by person id).
  static absl::Status Put(platform::db::Transaction& tx, const Preferences& p);
};

}  // namespace sisl::notifications::store

#endif  // SISL_SERVICES_NOTIFICATIONS_STORE_NOTIFICATIONS_STORE_H_
