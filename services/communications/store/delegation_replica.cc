#include "services/communications/store/delegation_replica.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

absl::Status DelegationReplica::Put(Transaction& tx, const ReplicatedDelegation& d, absl::Time at) {
  return tx
      .Execute(
          "INSERT INTO delegation_replica (delegation_id, company, holder_person_id, kind,"
          " scopes, state, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
          " ON CONFLICT (delegation_id) DO UPDATE SET company = excluded.company,"
          " holder_person_id = excluded.holder_person_id, kind = excluded.kind,"
          " scopes = excluded.scopes, state = excluded.state, updated_at = excluded.updated_at",
          {d.delegation_id, d.company, d.holder_person_id, d.kind, absl::StrJoin(d.scopes, ","),
           d.state, absl::ToUnixMicros(at)})
      .status();
}

absl::StatusOr<std::set<std::string>> DelegationReplica::HeldAmong(
    Transaction& tx, const std::string& holder_person_id, const std::vector<std::string>& companies,
    const std::string& scope) {
  ASSIGN_OR_RETURN(Result res, platform::db::ExecuteIn(
                                   tx,
                                   "SELECT company, scopes FROM delegation_replica WHERE"
                                   " holder_person_id = $1 AND state = 'active' AND company IN"
                                   " ({keys})",
                                   companies, {holder_person_id}));
  std::set<std::string> held;
  for (const RowReader& r : Rows(res)) {
    for (absl::string_view s : absl::StrSplit(r.Str("scopes"), ',')) {
      if (s == scope) held.insert(r.Str("company"));
    }
  }
  return held;
}

absl::StatusOr<bool> DelegationReplica::Holds(Transaction& tx, const std::string& holder_person_id,
                                              const std::string& company,
                                              const std::string& scope) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT scopes FROM delegation_replica WHERE holder_person_id = $1"
                              " AND company = $2 AND state = 'active'",
                              {holder_person_id, company}));
  for (const RowReader& r : Rows(res)) {
    for (absl::string_view s : absl::StrSplit(r.Str("scopes"), ',')) {
      if (s == scope) return true;
    }
  }
  return false;
}

absl::Status ForwardingSpool::Enqueue(Transaction& tx, const std::string& code, absl::Time at) {
  return EnqueueMany(tx, {code}, at);
}

absl::Status ForwardingSpool::EnqueueMany(Transaction& tx, const std::vector<std::string>& codes,
                                          absl::Time at) {
  std::vector<std::vector<platform::db::Value>> rows;
  rows.reserve(codes.size());
  for (const std::string& code : codes) {
    rows.push_back(
        {code, std::string("to_send"), int64_t{0}, absl::ToUnixMicros(at), absl::ToUnixMicros(at)});
  }
  return tx
      .CopyRows("forwarding", {"code", "state", "attempts", "next_attempt_at", "updated_at"}, rows)
      .status();
}

absl::StatusOr<std::string> ForwardingSpool::StateOf(Transaction& tx, const std::string& code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT state FROM forwarding WHERE code = $1", {code}));
  if (res.rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "NOT_SPOOLED",
                           "this communication was never spooled");
  }
  return Rows(res).front().Str("state");
}

}  // namespace sisl::communications::store
