#include "services/enterprise/store/delegation_store.h"

#include "services/enterprise/store/json_codec.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

Value ValidTo(const Delegation& d) {
  if (!d.valid_to.has_value()) return std::monostate{};
  return absl::FormatCivilTime(*d.valid_to);
}

absl::StatusOr<std::vector<Delegation>> Read(const Result& res) {
  std::vector<Delegation> out;
  for (const RowReader& r : Rows(res)) {
    ASSIGN_OR_RETURN(Delegation d, DelegationFromJson(r.Str("record")));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

absl::Status DelegationStore::Insert(Transaction& tx, const Delegation& d,
                                     const std::string& holder_person_id, absl::Time at) {
  absl::Status st =
      tx.Execute(
            "INSERT INTO delegations (id, company, kind, holder, holder_person_id, state,"
            " valid_from, valid_to, record, updated_at)"
            " VALUES ($1, $2, $3, $4, $10, $5, $6, $7, $8, $9)",
            {d.id, d.company, std::string(KindName(d.kind)), d.holder,
             std::string(StateName(d.state)), absl::FormatCivilTime(d.valid_from), ValidTo(d),
             DelegationToJson(d), absl::ToUnixMicros(at), holder_person_id})
          .status();
  if (absl::IsAlreadyExists(st)) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "DELEGATION_ALREADY_EXISTS",
                           "this person already holds an open delegation of this kind");
  }
  return st;
}

absl::Status DelegationStore::Update(Transaction& tx, const Delegation& d, absl::Time at) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE delegations SET state = $2, valid_to = $3, record = $4,"
                              " updated_at = $5 WHERE id = $1",
                              {d.id, std::string(StateName(d.state)), ValidTo(d),
                               DelegationToJson(d), absl::ToUnixMicros(at)}));
  if (res.affected_rows == 0) return Get(tx, d.id).status();
  return absl::OkStatus();
}

absl::StatusOr<Delegation> DelegationStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT record FROM delegations WHERE id = $1", {id}));
  if (res.rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "DELEGATION_NOT_FOUND",
                           "no delegation with this id");
  }
  return DelegationFromJson(Rows(res).front().Str("record"));
}

absl::StatusOr<std::vector<Delegation>> DelegationStore::OfCompany(Transaction& tx,
                                                                   const std::string& company) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT record FROM delegations WHERE company = $1"
                                          " ORDER BY id",
                                          {company}));
  return Read(res);
}

absl::StatusOr<std::vector<Delegation>> DelegationStore::OfHolder(
    Transaction& tx, const std::string& holder_person_id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT record FROM delegations WHERE"
                                          " holder_person_id = $1 ORDER BY id",
                                          {holder_person_id}));
  return Read(res);
}

absl::StatusOr<std::vector<Delegation>> DelegationStore::Overdue(Transaction& tx,
                                                                 absl::CivilDay today, int limit) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT record FROM delegations WHERE state IN ('pending', 'active')"
                              " AND valid_to IS NOT NULL AND valid_to < $1 ORDER BY id LIMIT $2",
                              {absl::FormatCivilTime(today), int64_t{limit}}));
  return Read(res);
}

}  // namespace sisl::enterprise::store
