#include "services/communications/forwarding/forwarder.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::forwarding {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

void LogFailure(absl::string_view what, const std::string& code, const absl::Status& status) {
  platform::log::Warn(what, {{"code", code}, {"error", status.ToString()}});
}

}  // namespace

struct Forwarder::Claimed {
  int64_t lease_until = 0;
  int attempts = 0;
  std::string xml;
  bool has_xml = false;
};

Forwarder::Forwarder(platform::db::Database& db, NationalNode& node, const platform::Clock& clock,
                     ForwarderOptions options)
    : db_(db), node_(node), clock_(clock), options_(options) {}

absl::Duration Forwarder::Backoff(int failures) {
  const int exponent = std::clamp(failures - 1, 0, 6);  // 2^6 minutes > an hour
  return std::min(absl::Minutes(int64_t{1} << exponent), absl::Hours(1));
}

absl::StatusOr<Result> Forwarder::Due(const char* state) {
  Result due;
  RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(
        due, tx.Execute("SELECT code, next_attempt_at, node_receipt FROM forwarding"
                        " WHERE state = $1 AND next_attempt_at <= $2"
                        " ORDER BY next_attempt_at, code LIMIT $3",
                        {std::string(state), Micros(clock_.Now()), int64_t{options_.batch}}));
    return absl::OkStatus();
  }));
  return due;
}

absl::StatusOr<ForwardingCounts> Forwarder::Step() {
  ForwardingCounts counts;
  ASSIGN_OR_RETURN(Result to_send, Due("to_send"));
  for (const RowReader& r : Rows(to_send)) SendOne(r.Str("code"), r.Int("next_attempt_at"), counts);
  ASSIGN_OR_RETURN(Result sent, Due("sent"));
  for (const RowReader& r : Rows(sent)) PollOne(r.Str("code"), r.Str("node_receipt"), counts);
  const size_t batch = static_cast<size_t>(options_.batch);
  counts.more = to_send.rows.size() >= batch || sent.rows.size() >= batch;
  return counts;
}

absl::StatusOr<ForwardingBacklog> Forwarder::Backlog() {
  ForwardingBacklog backlog;
  RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    backlog = ForwardingBacklog{};  // a retried transaction starts again
    ASSIGN_OR_RETURN(Result by_state,
                     tx.Execute("SELECT state, COUNT(*) AS n FROM forwarding"
                                " WHERE state IN ('to_send', 'sent') GROUP BY state"));
    for (const RowReader& r : Rows(by_state)) {
      (r.Str("state") == "to_send" ? backlog.to_send : backlog.sent) = r.Int("n");
    }
    // The communication is there (a foreign key); the LEFT JOIN counts the attempts regardless.
    ASSIGN_OR_RETURN(Result unsent,
                     tx.Execute("SELECT MIN(c.protocol_at) AS oldest, MAX(f.attempts) AS attempts"
                                " FROM forwarding f LEFT JOIN communications c ON c.code = f.code"
                                " WHERE f.state = 'to_send'"));
    if (!unsent.rows.empty()) {
      const RowReader r = Rows(unsent).front();
      if (!r.IsNull("oldest")) backlog.oldest_unsent_at = r.Time("oldest");
      if (!r.IsNull("attempts")) backlog.max_attempts = r.Int("attempts");
    }
    ASSIGN_OR_RETURN(Result sent,
                     tx.Execute("SELECT MIN(c.protocol_at) AS oldest FROM forwarding f"
                                " JOIN communications c ON c.code = f.code WHERE f.state = 'sent'"));
    if (!sent.rows.empty() && !Rows(sent).front().IsNull("oldest")) {
      backlog.oldest_unacknowledged_at = Rows(sent).front().Time("oldest");
    }
    return absl::OkStatus();
  }));
  return backlog;
}

void Forwarder::SendOne(const std::string& code, int64_t next_attempt_at,
                        ForwardingCounts& counts) {
  // The claim: only the Forwarder whose UPDATE still finds the value it read goes on.
  Claimed claim;
  claim.lease_until = Micros(clock_.Now() + options_.lease);
  bool won = false;
  absl::Status claimed = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Result res,
                     tx.Execute("UPDATE forwarding SET next_attempt_at = $3,"
                                " updated_at = $4 WHERE code = $1"
                                " AND state = 'to_send' AND next_attempt_at = $2",
                                {code, next_attempt_at, claim.lease_until, Micros(clock_.Now())}));
    won = res.affected_rows == 1;
    if (!won) return absl::OkStatus();
    ASSIGN_OR_RETURN(Result row, tx.Execute("SELECT f.attempts, c.xml FROM forwarding f"
                                            " LEFT JOIN communications c ON c.code = f.code"
                                            " WHERE f.code = $1",
                                            {code}));
    if (!row.rows.empty()) {
      const RowReader r = Rows(row).front();
      claim.attempts = static_cast<int>(r.Int("attempts"));
      claim.has_xml = !r.IsNull("xml");
      claim.xml = r.Str("xml");
    }
    return absl::OkStatus();
  });
  if (!claimed.ok()) {
    LogFailure("forwarding: cannot claim a communication", code, claimed);
    ++counts.failed;
    return;
  }
  if (!won) return;  // another Forwarder has it

  absl::StatusOr<std::string> receipt =
      claim.has_xml ? node_.Send(code, claim.xml)
                    : platform::Error(absl::StatusCode::kDataLoss, "COMMUNICATION_NOT_FOUND",
                                      "the forwarded communication has no stored XML");
  const absl::Time now = clock_.Now();
  bool kept = false;
  absl::Status recorded = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    absl::StatusOr<Result> res =
        receipt.ok() ? tx.Execute(
                           "UPDATE forwarding SET state = 'sent', node_receipt = $3,"
                           " next_attempt_at = $4, updated_at = $5 WHERE code = $1"
                           " AND state = 'to_send' AND next_attempt_at = $2",
                           {code, claim.lease_until, *receipt,
                            Micros(now + options_.ack_poll_interval), Micros(now)})
                     : tx.Execute(
                           "UPDATE forwarding SET attempts = attempts + 1, next_attempt_at = $3,"
                           " updated_at = $4 WHERE code = $1 AND state = 'to_send'"
                           " AND next_attempt_at = $2",
                           {code, claim.lease_until, Micros(now + Backoff(claim.attempts + 1)),
                            Micros(now)});
    if (!res.ok()) return res.status();
    kept = res->affected_rows == 1;
    return absl::OkStatus();
  });
  if (!receipt.ok()) {
    LogFailure("forwarding: the national node refused a communication", code, receipt.status());
    ++counts.failed;
  } else if (!recorded.ok()) {
    // Sent but not recorded: the lease ends and the row goes again (the node deduplicates).
    LogFailure("forwarding: cannot record a sent communication", code, recorded);
    ++counts.failed;
  } else if (kept) {
    ++counts.sent;
  } else {
    LogFailure("forwarding: the claim ended before Send returned (the lease is too short)", code,
               absl::DeadlineExceededError("lease lost"));
  }
}

void Forwarder::PollOne(const std::string& code, const std::string& receipt,
                        ForwardingCounts& counts) {
  absl::StatusOr<bool> acknowledged = node_.Acknowledged(receipt);
  if (!acknowledged.ok()) {
    LogFailure("forwarding: cannot poll the national node", code, acknowledged.status());
    ++counts.failed;
  }
  const bool done = acknowledged.ok() && *acknowledged;
  const absl::Time now = clock_.Now();
  bool changed = false;
  absl::Status recorded = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    absl::StatusOr<Result> res =
        done ? tx.Execute(
                   "UPDATE forwarding SET state = 'acknowledged', updated_at = $2"
                   " WHERE code = $1 AND state = 'sent'",
                   {code, Micros(now)})
             : tx.Execute(
                   "UPDATE forwarding SET next_attempt_at = $2, updated_at = $3"
                   " WHERE code = $1 AND state = 'sent'",
                   {code, Micros(now + options_.ack_poll_interval), Micros(now)});
    if (!res.ok()) return res.status();
    changed = res->affected_rows == 1;
    return absl::OkStatus();
  });
  if (!recorded.ok()) {
    LogFailure("forwarding: cannot record an acknowledgement poll", code, recorded);
    ++counts.failed;
  } else if (done && changed) {
    ++counts.acknowledged;
  }
}

}  // namespace sisl::communications::forwarding
