#include "absl/strings/str_cat.h"
#include "services/communications/store/communication_store.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

absl::StatusOr<std::vector<StoredRelationship>> Read(const Result& res) {
  std::vector<StoredRelationship> out;
  for (const RowReader& r : Rows(res)) {
    StoredRelationship rel;
    rel.id = r.Str("id");
    rel.person_id = r.Str("person_id");
    rel.worker = r.Str("worker");
    rel.key_employer = r.Str("employer");
    if (!absl::ParseCivilTime(r.Str("start_date"), &rel.key_start)) rel.key_start = {};
    ASSIGN_OR_RETURN(rel.state, RelationshipFromJson(r.Str("record")));
    out.push_back(std::move(rel));
  }
  return out;
}

constexpr char kSelect[] =
    "SELECT id, person_id, worker, employer, start_date, record FROM relationships ";

}  // namespace

absl::StatusOr<std::optional<StoredRelationship>> RelationshipStore::Find(
    Transaction& tx, const std::string& employer, const std::string& worker, absl::CivilDay start) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect,
                                                       "WHERE employer = $1 AND worker = $2"
                                                       " AND start_date = $3"),
                                          {employer, worker, absl::FormatCivilTime(start)}));
  ASSIGN_OR_RETURN(std::vector<StoredRelationship> found, Read(res));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<StoredRelationship> RelationshipStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, "WHERE id = $1"), {id}));
  ASSIGN_OR_RETURN(std::vector<StoredRelationship> found, Read(res));
  if (found.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "RELATIONSHIP_NOT_FOUND",
                           "no relationship with this id");
  }
  return std::move(found.front());
}

absl::Status RelationshipStore::Put(Transaction& tx, const StoredRelationship& r, absl::Time at) {
  return PutMany(tx, {&r}, at);
}

absl::Status RelationshipStore::PutMany(Transaction& tx,
                                        const std::vector<const StoredRelationship*>& all,
                                        absl::Time at) {
  // The start never changes (a hire's start is essential data); the employer follows the state:
  // an employer change (VARDATORI) moves the relationship to the new employer, so that the new
  // employer's filings find it by (employer, worker, start), and its cancellation moves it back.
  std::vector<std::vector<platform::db::Value>> rows;
  rows.reserve(all.size());
  for (const StoredRelationship* r : all) {
    rows.push_back({r->id, r->state.employer_fiscal_code, r->worker,
                    absl::FormatCivilTime(r->state.start), r->person_id,
                    std::string(RelationshipStatusName(r->state.status)),
                    RelationshipToJson(r->state), absl::ToUnixMicros(at)});
  }
  return platform::db::InsertRows(
             tx,
             "INSERT INTO relationships (id, employer, worker, start_date, person_id, state,"
             " record, updated_at)",
             rows,
             "ON CONFLICT (id) DO UPDATE SET employer = excluded.employer, state = excluded.state,"
             " record = excluded.record, updated_at = excluded.updated_at")
      .status();
}

absl::StatusOr<std::vector<StoredRelationship>> RelationshipStore::OfWorkers(
    Transaction& tx, const std::vector<std::string>& workers) {
  ASSIGN_OR_RETURN(Result res, platform::db::ExecuteIn(
                                   tx, absl::StrCat(kSelect, "WHERE worker IN ({keys})"), workers));
  return Read(res);
}

absl::StatusOr<std::vector<StoredRelationship>> RelationshipStore::OfWorker(
    Transaction& tx, const std::string& worker, const std::string& after_id, int limit) {
  Result res;
  if (after_id.empty()) {
    ASSIGN_OR_RETURN(res, tx.Execute(absl::StrCat(kSelect,
                                                  "WHERE worker = $1 ORDER BY start_date DESC,"
                                                  " id DESC LIMIT $2"),
                                     {worker, int64_t{limit}}));
  } else {
    ASSIGN_OR_RETURN(res, tx.Execute(absl::StrCat(kSelect,
                                                  "WHERE worker = $1 AND (start_date, id) <"
                                                  " (SELECT start_date, id FROM relationships"
                                                  " WHERE id = $2) ORDER BY start_date DESC,"
                                                  " id DESC LIMIT $3"),
                                     {worker, after_id, int64_t{limit}}));
  }
  return Read(res);
}

}  // namespace sisl::communications::store
