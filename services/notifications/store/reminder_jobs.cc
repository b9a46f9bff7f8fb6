// Durable reminder jobs (notifications_store.h): one row per appointment, days before and
// channel, keyed by the domain's ReminderKey; rescheduled, cancelled and leased in the store
// only, so a restart or a second replica changes nothing.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/notifications/store/notifications_store.h"
#include "services/notifications/store/store_internal.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kSelect[] =
    "SELECT reminder_key, appointment_id, days_before, channel, person_id, language, due_at,"
    " appointment_start, values_json, state, lease_owner, lease_until FROM reminder_jobs ";

// Due at `now` (the SQL parameter holding the time, e.g. "$1"): scheduled, its time come, its lease
// free or run out.
std::string Due(absl::string_view now) {
  return absl::StrCat("(state = 'scheduled' AND due_at <= ", now,
                      " AND (lease_until IS NULL OR lease_until < ", now, "))");
}

absl::StatusOr<std::vector<ReminderJob>> Read(const Result& res) {
  std::vector<ReminderJob> out;
  out.reserve(res.rows.size());
  for (const RowReader& r : Rows(res)) {
    ReminderJob j;
    j.reminder_key = r.Str("reminder_key");
    j.appointment_id = r.Str("appointment_id");
    j.days_before = static_cast<int>(r.Int("days_before"));
    RETURN_IF_ERROR(internal::ReadChannelAndLanguage(r, "reminder", j.channel, j.language));
    j.person_id = r.Str("person_id");
    j.due_at = r.Time("due_at");
    j.appointment_start = r.Time("appointment_start");
    j.values_json = r.Str("values_json");
    const std::string state = r.Str("state");
    if (state == "scheduled") {
      j.state = ReminderState::kScheduled;
    } else if (state == "done") {
      j.state = ReminderState::kDone;
    } else if (state == "cancelled") {
      j.state = ReminderState::kCancelled;
    } else {
      return internal::CorruptRecord("reminder", "unknown state");
    }
    j.lease_owner = r.Str("lease_owner");
    j.lease_until = internal::OptionalTime(r, "lease_until");
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

absl::Status ReminderJobs::Schedule(Transaction& tx, const AppointmentForReminders& a,
                                    absl::Span<const Reminder> reminders, absl::Time now) {
  const int64_t now_us = absl::ToUnixMicros(now);
  std::vector<std::vector<Value>> rows;
  std::vector<std::string> keys;
  for (const Reminder& reminder : reminders) {
    for (Channel channel : a.channels) {
      std::string key = ReminderKey(a.appointment_id, reminder.days_before, channel);
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
      std::vector<Value> row;
      row.reserve(11);
      row.emplace_back(std::move(key));
      row.emplace_back(a.appointment_id);
      row.emplace_back(int64_t{reminder.days_before});
      row.emplace_back(std::string(ChannelName(channel)));
      row.emplace_back(a.person_id);
      row.emplace_back(std::string(LanguageCode(a.language)));
      row.emplace_back(absl::ToUnixMicros(reminder.due));
      row.emplace_back(absl::ToUnixMicros(a.start));
      row.emplace_back(a.values_json);
      row.emplace_back(std::string("scheduled"));
      row.emplace_back(now_us);
      rows.push_back(std::move(row));
    }
  }
  // Every scheduled job of the appointment first, so the ones no longer wanted stay cancelled.
  RETURN_IF_ERROR(tx.Execute("UPDATE reminder_jobs SET state = 'cancelled', lease_owner = NULL,"
                             " lease_until = NULL, updated_at = $2 WHERE appointment_id = $1"
                             " AND state = 'scheduled'",
                             {a.appointment_id, now_us})
                      .status());
  // A job already done is left done: its message is in the ledger under the same key.
  return platform::db::InsertRows(
             tx,
             "INSERT INTO reminder_jobs (reminder_key, appointment_id, days_before, channel,"
             " person_id, language, due_at, appointment_start, values_json, state, updated_at)",
             rows,
             "ON CONFLICT (reminder_key) DO UPDATE SET person_id = excluded.person_id,"
             " language = excluded.language, due_at = excluded.due_at, appointment_start ="
             " excluded.appointment_start, values_json = excluded.values_json, state ="
             " 'scheduled', lease_owner = NULL, lease_until = NULL, updated_at ="
             " excluded.updated_at WHERE reminder_jobs.state <> 'done'")
      .status();
}

absl::StatusOr<int64_t> ReminderJobs::Cancel(Transaction& tx, const std::string& appointment_id,
                                             absl::Time now) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE reminder_jobs SET state = 'cancelled', lease_owner = NULL,"
                              " lease_until = NULL, updated_at = $2 WHERE appointment_id = $1"
                              " AND state = 'scheduled'",
                              {appointment_id, absl::ToUnixMicros(now)}));
  return res.affected_rows;
}

absl::Status ReminderJobs::Move(Transaction& tx, const std::string& old_appointment_id,
                                const AppointmentForReminders& moved,
                                absl::Span<const Reminder> reminders, absl::Time now) {
  if (old_appointment_id != moved.appointment_id) {
    RETURN_IF_ERROR(Cancel(tx, old_appointment_id, now).status());
  }
  return Schedule(tx, moved, reminders, now);
}

absl::StatusOr<std::vector<ReminderJob>> ReminderJobs::ClaimDue(Transaction& tx, absl::Time now,
                                                                const std::string& owner,
                                                                absl::Duration lease, int limit) {
  const int64_t now_us = absl::ToUnixMicros(now);
  ASSIGN_OR_RETURN(Result candidates,
                   tx.Execute(absl::StrCat("SELECT reminder_key FROM reminder_jobs WHERE ",
                                           Due("$1"), " ORDER BY due_at, reminder_key LIMIT $2"),
                              {now_us, int64_t{limit}}));
  std::vector<std::string> keys;
  for (const RowReader& r : Rows(candidates)) keys.push_back(r.Str("reminder_key"));
  // In key order, so replicas lock the rows they share in the same order (no deadlock).
  std::sort(keys.begin(), keys.end());
  ASSIGN_OR_RETURN(std::vector<std::string> claimed,
                   internal::ClaimEach(tx,
                                       absl::StrCat("UPDATE reminder_jobs SET lease_owner = $3,"
                                                    " lease_until = $4 WHERE reminder_key = $1"
                                                    " AND ",
                                                    Due("$2")),
                                       keys, {now_us, owner, absl::ToUnixMicros(now + lease)}));
  if (claimed.empty()) return std::vector<ReminderJob>{};
  ASSIGN_OR_RETURN(Result rows,
                   platform::db::ExecuteIn(tx,
                                          absl::StrCat(kSelect,
                                                       "WHERE reminder_key IN ({keys}) ORDER BY"
                                                       " due_at, reminder_key"),
                                          claimed));
  return Read(rows);
}

absl::Status ReminderJobs::MarkDone(Transaction& tx, const std::string& reminder_key,
                                    const std::string& owner, absl::Time at) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE reminder_jobs SET state = 'done', lease_owner = NULL,"
                              " lease_until = NULL, updated_at = $3 WHERE reminder_key = $1 AND"
                              " state = 'scheduled' AND lease_owner = $2",
                              {reminder_key, owner, absl::ToUnixMicros(at)}));
  if (res.affected_rows == 1) return absl::OkStatus();
  ASSIGN_OR_RETURN(
      Result found,
      tx.Execute("SELECT state FROM reminder_jobs WHERE reminder_key = $1", {reminder_key}));
  if (found.rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "REMINDER_NOT_FOUND",
                           "no reminder with this key");
  }
  return internal::LeaseLost("reminder");
}

absl::StatusOr<std::vector<ReminderJob>> ReminderJobs::OfAppointment(
    Transaction& tx, const std::string& appointment_id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect,
                                                       "WHERE appointment_id = $1 ORDER BY due_at,"
                                                       " reminder_key"),
                                          {appointment_id}));
  return Read(res);
}

}  // namespace sisl::notifications::store
