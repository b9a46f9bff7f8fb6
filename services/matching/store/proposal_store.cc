// Proposals and their history (matching_store.h): one row per proposal with its state, one row
// per step (seq 0, 1, ...). A page's histories are read in one query (ExecuteIn), and Update
// appends with an optimistic check on the number of steps already stored.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/store/json_fields.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kSelect[] =
    "SELECT proposal_id, vacancy_id, person_id, state, score, deadline, visible_from,"
    " interview_at FROM proposals ";

using internal::DayValue;

absl::StatusOr<std::optional<absl::CivilDay>> DayColumn(const RowReader& r, const char* column) {
  return internal::DayColumn(r, column, "proposal");
}

absl::StatusOr<ProposalState> StateColumn(const RowReader& r, const char* column) {
  const std::optional<ProposalState> state = ProposalStateFromName(r.Str(column));
  if (!state) return internal::CorruptRecord("proposal", absl::StrCat("unknown ", column));
  return *state;
}

absl::StatusOr<ProposalStep> ReadStep(const RowReader& r) {
  ProposalStep s;
  const std::optional<ProposalAction> action = ProposalActionFromName(r.Str("action"));
  const std::string role = r.Str("actor_role");
  s.actor = internal::EnumOf(ActorName, 4, role, Actor::kOperator);
  if (!action || ActorName(s.actor) != role) {
    return internal::CorruptRecord("proposal step", "unknown action or actor role");
  }
  s.action = *action;
  ASSIGN_OR_RETURN(s.from, StateColumn(r, "from_state"));
  ASSIGN_OR_RETURN(s.to, StateColumn(r, "to_state"));
  s.actor_id = r.Str("actor");
  s.at = r.Time("at");
  s.note = r.Str("note");
  return s;
}

// The proposals of `res`, each with its history (one query for all of them).
absl::StatusOr<std::vector<Proposal>> Read(Transaction& tx, const Result& res) {
  std::vector<Proposal> out;
  out.reserve(res.rows.size());
  std::vector<std::string> ids;
  for (const RowReader& r : Rows(res)) {
    Proposal p;
    p.id = r.Str("proposal_id");
    p.vacancy_id = r.Str("vacancy_id");
    p.person_id = r.Str("person_id");
    ASSIGN_OR_RETURN(p.state, StateColumn(r, "state"));
    p.score = static_cast<int>(r.Int("score"));
    ASSIGN_OR_RETURN(p.deadline, DayColumn(r, "deadline"));
    ASSIGN_OR_RETURN(p.visible_from, DayColumn(r, "visible_from"));
    if (!r.IsNull("interview_at")) p.interview_at = r.Time("interview_at");
    ids.push_back(p.id);
    out.push_back(std::move(p));
  }
  if (ids.empty()) return out;
  ASSIGN_OR_RETURN(Result steps,
                   platform::db::ExecuteIn(tx,
                                          "SELECT proposal_id, seq, action, from_state, to_state,"
                                          " actor_role, actor, at, note FROM proposal_history"
                                          " WHERE proposal_id IN ({keys}) ORDER BY proposal_id,"
                                          " seq",
                                          ids));
  std::map<std::string, std::vector<ProposalStep>> histories;
  for (const RowReader& r : Rows(steps)) {
    ASSIGN_OR_RETURN(ProposalStep step, ReadStep(r));
    histories[r.Str("proposal_id")].push_back(std::move(step));
  }
  for (Proposal& p : out) {
    auto it = histories.find(p.id);
    if (it != histories.end()) p.history = std::move(it->second);
  }
  return out;
}

absl::StatusOr<std::vector<Proposal>> Query(Transaction& tx, const std::string& where,
                                            const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, where), params));
  return Read(tx, res);
}

// Inserts the steps of `p` from `first` on; how many rows were new (a step already there, by
// proposal and seq, is left alone).
absl::StatusOr<int64_t> AppendSteps(Transaction& tx, const Proposal& p, size_t first) {
  std::vector<std::vector<Value>> rows;
  for (size_t i = first; i < p.history.size(); ++i) {
    const ProposalStep& s = p.history[i];
    std::vector<Value> row;
    row.reserve(9);
    row.emplace_back(p.id);
    row.emplace_back(static_cast<int64_t>(i));
    row.emplace_back(std::string(ProposalActionName(s.action)));
    row.emplace_back(std::string(ProposalStateName(s.from)));
    row.emplace_back(std::string(ProposalStateName(s.to)));
    row.emplace_back(std::string(ActorName(s.actor)));
    row.emplace_back(s.actor_id);
    row.emplace_back(absl::ToUnixMicros(s.at));
    row.emplace_back(s.note);
    rows.push_back(std::move(row));
  }
  return platform::db::InsertRows(tx,
                                  "INSERT INTO proposal_history (proposal_id, seq, action,"
                                  " from_state, to_state, actor_role, actor, at, note)",
                                  rows, "ON CONFLICT (proposal_id, seq) DO NOTHING");
}

absl::Status Changed() {
  return platform::Error(absl::StatusCode::kAborted, "PROPOSAL_CHANGED",
                         "the proposal changed meanwhile: read it again");
}

}  // namespace

absl::Status ProposalStore::Insert(Transaction& tx, const Proposal& p, absl::Time now) {
  std::vector<Value> params;
  params.reserve(9);
  params.emplace_back(p.id);
  params.emplace_back(p.vacancy_id);
  params.emplace_back(p.person_id);
  params.emplace_back(std::string(ProposalStateName(p.state)));
  params.emplace_back(int64_t{p.score});
  params.push_back(DayValue(p.deadline));
  params.push_back(DayValue(p.visible_from));
  params.push_back(p.interview_at ? Value(absl::ToUnixMicros(*p.interview_at)) : Value());
  params.emplace_back(absl::ToUnixMicros(now));
  // DO NOTHING rather than a unique violation, which would abort a PostgreSQL transaction.
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("INSERT INTO proposals (proposal_id, vacancy_id, person_id, state,"
                              " score, deadline, visible_from, interview_at, created_at,"
                              " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
                              " ON CONFLICT DO NOTHING",
                              params));
  if (res.affected_rows == 0) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "PROPOSAL_EXISTS",
                           "this candidate already has a proposal for this vacancy");
  }
  return AppendSteps(tx, p, 0).status();
}

absl::Status ProposalStore::Update(Transaction& tx, const Proposal& p, size_t known_steps,
                                   absl::Time now) {
  if (known_steps > p.history.size()) {
    return absl::InvalidArgumentError("known_steps is beyond the proposal's history");
  }
  // The row first: on PostgreSQL it locks the proposal, so a concurrent Update waits here and
  // then counts the steps the first one committed.
  std::vector<Value> params;
  params.reserve(7);
  params.emplace_back(p.id);
  params.emplace_back(std::string(ProposalStateName(p.state)));
  params.emplace_back(int64_t{p.score});
  params.push_back(DayValue(p.deadline));
  params.push_back(DayValue(p.visible_from));
  params.push_back(p.interview_at ? Value(absl::ToUnixMicros(*p.interview_at)) : Value());
  params.emplace_back(absl::ToUnixMicros(now));
  ASSIGN_OR_RETURN(Result updated,
                   tx.Execute("UPDATE proposals SET state = $2, score = $3, deadline = $4,"
                              " visible_from = $5, interview_at = $6, updated_at = $7"
                              " WHERE proposal_id = $1",
                              params));
  if (updated.affected_rows == 0) {
    return platform::Error(absl::StatusCode::kNotFound, "PROPOSAL_NOT_FOUND",
                           "no proposal with this id");
  }
  ASSIGN_OR_RETURN(
      Result count,
      tx.Execute("SELECT COUNT(*) AS n FROM proposal_history WHERE proposal_id = $1", {p.id}));
  if (Rows(count).front().Int("n") != static_cast<int64_t>(known_steps)) return Changed();
  ASSIGN_OR_RETURN(int64_t added, AppendSteps(tx, p, known_steps));
  if (added != static_cast<int64_t>(p.history.size() - known_steps)) return Changed();
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Proposal>> ProposalStore::Find(Transaction& tx,
                                                            const std::string& proposal_id) {
  ASSIGN_OR_RETURN(std::vector<Proposal> found, Query(tx, "WHERE proposal_id = $1", {proposal_id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<std::optional<Proposal>> ProposalStore::FindFor(Transaction& tx,
                                                               const std::string& vacancy_id,
                                                               const std::string& person_id) {
  ASSIGN_OR_RETURN(std::vector<Proposal> found,
                   Query(tx, "WHERE vacancy_id = $1 AND person_id = $2", {vacancy_id, person_id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<std::vector<Proposal>> ProposalStore::OfVacancy(Transaction& tx,
                                                               const std::string& vacancy_id,
                                                               const std::string& after_id,
                                                               int limit) {
  return Query(tx, "WHERE vacancy_id = $1 AND proposal_id > $2 ORDER BY proposal_id LIMIT $3",
               {vacancy_id, after_id, int64_t{limit}});
}

absl::StatusOr<std::vector<Proposal>> ProposalStore::OfPerson(Transaction& tx,
                                                              const std::string& person_id,
                                                              const std::string& after_id,
                                                              int limit) {
  return Query(tx, "WHERE person_id = $1 AND proposal_id > $2 ORDER BY proposal_id LIMIT $3",
               {person_id, after_id, int64_t{limit}});
}

absl::StatusOr<std::vector<Proposal>> ProposalStore::Lapsing(Transaction& tx, absl::CivilDay today,
                                                             int limit) {
  return Query(tx,
               "WHERE state = 'proposed' AND deadline < $1 ORDER BY deadline, proposal_id"
               " LIMIT $2",
               {absl::FormatCivilTime(today), int64_t{limit}});
}

}  // namespace sisl::matching::store
