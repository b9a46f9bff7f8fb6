// The ledger of outgoing messages (notifications_store.h): one row per idempotency key, leased
// to one replica at a time by a conditional UPDATE, with backoff, dead letters and the
// operator's retry.
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

constexpr char kColumns[] =
    "idempotency_key, person_id, type, channel, language, values_json, appointment_id, state,"
    " attempts, next_attempt_at, lease_owner, lease_until, last_error, created_at, sent_at";

// Due at `now` (the SQL parameter holding the time, e.g. "$1"): queued and its time has come, or
// sending under a lease that ran out.
std::string Due(absl::string_view now) {
  return absl::StrCat("((state = 'queued' AND next_attempt_at <= ", now,
                      ") OR (state = 'sending' AND lease_until < ", now, "))");
}

absl::StatusOr<std::vector<OutgoingMessage>> Read(const Result& res) {
  std::vector<OutgoingMessage> out;
  out.reserve(res.rows.size());
  for (const RowReader& r : Rows(res)) {
    OutgoingMessage m;
    m.idempotency_key = r.Str("idempotency_key");
    m.person_id = r.Str("person_id");
    const std::optional<MessageType> type = MessageTypeFromName(r.Str("type"));
    const std::optional<MessageState> state = MessageStateFromName(r.Str("state"));
    if (!type || !state) return internal::CorruptRecord("message", "unknown type or state");
    m.type = *type;
    m.state = *state;
    RETURN_IF_ERROR(internal::ReadChannelAndLanguage(r, "message", m.channel, m.language));
    m.values_json = r.Str("values_json");
    m.appointment_id = r.Str("appointment_id");
    m.attempts = static_cast<int>(r.Int("attempts"));
    m.next_attempt_at = r.Time("next_attempt_at");
    m.lease_owner = r.Str("lease_owner");
    m.lease_until = internal::OptionalTime(r, "lease_until");
    m.last_error = r.Str("last_error");
    m.created_at = r.Time("created_at");
    m.sent_at = internal::OptionalTime(r, "sent_at");
    out.push_back(std::move(m));
  }
  return out;
}

absl::StatusOr<std::vector<OutgoingMessage>> Query(Transaction& tx, absl::string_view where,
                                                   const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat("SELECT ", kColumns, " FROM outgoing_messages ", where), params));
  return Read(res);
}

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "MESSAGE_NOT_FOUND",
                         "no message with this key");
}

// After a conditional update changed nothing: NOT_FOUND when the key is unknown, `otherwise`.
absl::Status Unchanged(Transaction& tx, const std::string& key, absl::Status otherwise) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute("SELECT state FROM outgoing_messages WHERE idempotency_key = $1", {key}));
  return res.rows.empty() ? NotFound() : otherwise;
}

}  // namespace

absl::StatusOr<bool> MessageLedger::Enqueue(Transaction& tx, const OutgoingMessage& m) {
  std::vector<Value> params;
  params.reserve(9);
  params.emplace_back(m.idempotency_key);
  params.emplace_back(m.person_id);
  params.emplace_back(std::string(MessageTypeName(m.type)));
  params.emplace_back(std::string(ChannelName(m.channel)));
  params.emplace_back(std::string(LanguageCode(m.language)));
  params.emplace_back(m.values_json);
  params.push_back(internal::TextOrNull(m.appointment_id));
  params.emplace_back(absl::ToUnixMicros(std::max(m.created_at, m.next_attempt_at)));
  params.emplace_back(absl::ToUnixMicros(m.created_at));
  // DO NOTHING rather than a unique violation, which would abort a PostgreSQL transaction.
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("INSERT INTO outgoing_messages (idempotency_key, person_id, type,"
                              " channel, language, values_json, appointment_id, state, attempts,"
                              " next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                              " 'queued', 0, $8, $9) ON CONFLICT DO NOTHING",
                              params));
  return res.affected_rows == 1;
}

absl::StatusOr<std::vector<OutgoingMessage>> MessageLedger::ClaimDue(
    Transaction& tx, absl::Time now, const std::string& owner, absl::Duration lease, int limit) {
  const int64_t now_us = absl::ToUnixMicros(now);
  ASSIGN_OR_RETURN(
      Result candidates,
      tx.Execute(absl::StrCat("SELECT idempotency_key FROM outgoing_messages"
                              " WHERE ",
                              Due("$1"), " ORDER BY next_attempt_at, idempotency_key LIMIT $2"),
                 {now_us, int64_t{limit}}));
  std::vector<std::string> keys;
  for (const RowReader& r : Rows(candidates)) keys.push_back(r.Str("idempotency_key"));
  // In key order, so replicas lock the rows they share in the same order (no deadlock).
  std::sort(keys.begin(), keys.end());
  ASSIGN_OR_RETURN(std::vector<std::string> claimed,
                   internal::ClaimEach(tx,
                                       absl::StrCat("UPDATE outgoing_messages SET state ="
                                                    " 'sending', lease_owner = $3, lease_until ="
                                                    " $4 WHERE idempotency_key = $1 AND ",
                                                    Due("$2")),
                                       keys, {now_us, owner, absl::ToUnixMicros(now + lease)}));
  if (claimed.empty()) return std::vector<OutgoingMessage>{};
  ASSIGN_OR_RETURN(Result rows,
                   platform::db::ExecuteIn(tx,
                                          absl::StrCat("SELECT ", kColumns,
                                                       " FROM outgoing_messages WHERE"
                                                       " idempotency_key IN ({keys}) ORDER BY"
                                                       " next_attempt_at, idempotency_key"),
                                          claimed));
  return Read(rows);
}

absl::Status MessageLedger::MarkSent(Transaction& tx, const std::string& key,
                                     const std::string& owner, absl::Time at) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE outgoing_messages SET state = 'sent', sent_at = $3,"
                              " lease_owner = NULL, lease_until = NULL, last_error = ''"
                              " WHERE idempotency_key = $1 AND state = 'sending' AND"
                              " lease_owner = $2",
                              {key, owner, absl::ToUnixMicros(at)}));
  if (res.affected_rows == 1) return absl::OkStatus();
  return Unchanged(tx, key, internal::LeaseLost("message"));
}

absl::StatusOr<MessageState> MessageLedger::MarkFailed(Transaction& tx, const std::string& key,
                                                       const std::string& owner, bool temporary,
                                                       const std::string& error, absl::Time at,
                                                       const RetryPolicy& policy) {
  ASSIGN_OR_RETURN(Result held,
                   tx.Execute("SELECT attempts FROM outgoing_messages WHERE idempotency_key = $1"
                              " AND state = 'sending' AND lease_owner = $2",
                              {key, owner}));
  if (held.rows.empty()) return Unchanged(tx, key, internal::LeaseLost("message"));
  const int64_t before = Rows(held).front().Int("attempts");
  const int attempts = static_cast<int>(before) + 1;
  MessageState next = MessageState::kQueued;
  if (!temporary) {
    next = MessageState::kFailed;
  } else if (IsExhausted(attempts, policy)) {
    next = MessageState::kDead;
  }
  const absl::Time next_at = next == MessageState::kQueued ? at + RetryDelay(attempts, policy) : at;
  // The attempts read are part of the condition: a concurrent change makes this one miss.
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE outgoing_messages SET state = $4, attempts = $5,"
                              " next_attempt_at = $6, last_error = $7, lease_owner = NULL,"
                              " lease_until = NULL WHERE idempotency_key = $1 AND state ="
                              " 'sending' AND lease_owner = $2 AND attempts = $3",
                              {key, owner, before, std::string(MessageStateName(next)),
                               int64_t{attempts}, absl::ToUnixMicros(next_at), error}));
  if (res.affected_rows != 1) return internal::LeaseLost("message");
  return next;
}

absl::Status MessageLedger::Retry(Transaction& tx, const std::string& key, absl::Time at) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE outgoing_messages SET state = 'queued', next_attempt_at ="
                              " $2 WHERE idempotency_key = $1 AND state IN ('failed', 'dead')",
                              {key, absl::ToUnixMicros(at)}));
  if (res.affected_rows == 1) return absl::OkStatus();
  return Unchanged(tx, key,
                   platform::Error(absl::StatusCode::kFailedPrecondition, "NOT_A_DEAD_LETTER",
                                   "only a failed or dead message can be retried"));
}

absl::StatusOr<std::vector<OutgoingMessage>> MessageLedger::ListDead(Transaction& tx,
                                                                     const std::string& after_key,
                                                                     int limit) {
  return Query(tx,
               "WHERE state IN ('failed', 'dead') AND idempotency_key > $1 ORDER BY"
               " idempotency_key LIMIT $2",
               {after_key, int64_t{limit}});
}

absl::StatusOr<LedgerCounts> MessageLedger::Counts(Transaction& tx) {
  LedgerCounts out;
  for (MessageState s : internal::kAllMessageStates) out.by_state[s] = 0;
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT state, COUNT(*) AS n FROM outgoing_messages GROUP BY state"));
  for (const RowReader& r : Rows(res)) {
    const std::optional<MessageState> state = MessageStateFromName(r.Str("state"));
    if (!state) return internal::CorruptRecord("message", "unknown state");
    out.by_state[*state] = r.Int("n");
  }
  ASSIGN_OR_RETURN(Result oldest,
                   tx.Execute("SELECT MIN(created_at) AS oldest FROM outgoing_messages WHERE"
                              " state IN ('queued', 'sending')"));
  if (!oldest.rows.empty())
    out.oldest_queued_at = internal::OptionalTime(Rows(oldest).front(), "oldest");
  return out;
}

absl::StatusOr<std::vector<OutgoingMessage>> MessageLedger::OfPerson(Transaction& tx,
                                                                     const std::string& person_id,
                                                                     const std::string& after_key,
                                                                     int limit) {
  if (after_key.empty()) {
    return Query(tx, "WHERE person_id = $1 ORDER BY created_at DESC, idempotency_key DESC LIMIT $2",
                 {person_id, int64_t{limit}});
  }
  ASSIGN_OR_RETURN(Result cursor,
                   tx.Execute("SELECT created_at FROM outgoing_messages WHERE idempotency_key = $1"
                              " AND person_id = $2",
                              {after_key, person_id}));
  if (cursor.rows.empty()) return std::vector<OutgoingMessage>{};
  return Query(tx,
               "WHERE person_id = $1 AND (created_at < $2 OR (created_at = $2 AND"
               " idempotency_key < $3)) ORDER BY created_at DESC, idempotency_key DESC LIMIT $4",
               {person_id, Rows(cursor).front().Int("created_at"), after_key, int64_t{limit}});
}

absl::StatusOr<std::optional<OutgoingMessage>> MessageLedger::Find(Transaction& tx,
                                                                   const std::string& key) {
  ASSIGN_OR_RETURN(std::vector<OutgoingMessage> found,
                   Query(tx, "WHERE idempotency_key = $1", {key}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace sisl::notifications::store
