#include "services/enterprise/store/l68_return_store.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/store/l68_return_json.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr std::array<absl::string_view, 6> kStates = {"unspecified",      "draft",     "submitted",
                                                      "under_correction", "corrected", "cancelled"};

constexpr char kSelect[] =
    "SELECT r.id, r.chain_id, r.company, r.reference_year, r.version, r.state, r.previous_id,"
    " r.protocol, r.submitted_at, r.late, r.record, r.created_at, r.updated_at,"
    " c.name AS company_name FROM l68_returns r JOIN companies c ON c.fiscal_code = r.company";

absl::StatusOr<std::vector<StoredL68Return>> Read(const Result& res) {
  std::vector<StoredL68Return> out;
  for (const RowReader& row : Rows(res)) {
    StoredL68Return r;
    r.id = row.Str("id");
    r.chain_id = row.Str("chain_id");
    r.company = row.Str("company");
    r.company_name = row.Str("company_name");
    r.year = static_cast<int>(row.Int("reference_year"));
    r.version = static_cast<int>(row.Int("version"));
    r.state = L68ReturnStateFromName(row.Str("state"));
    r.previous_id = row.Str("previous_id");
    r.protocol = row.Str("protocol");
    if (!row.IsNull("submitted_at")) r.submitted_at = row.Time("submitted_at");
    r.late = row.Bool("late");
    RETURN_IF_ERROR(L68RecordFromJson(row.Str("record"), r));
    r.created_at = row.Time("created_at");
    r.updated_at = row.Time("updated_at");
    out.push_back(std::move(r));
  }
  return out;
}

Value Text(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}

Value Micros(const std::optional<absl::Time>& t) {
  if (!t.has_value()) return std::monostate{};
  return absl::ToUnixMicros(*t);
}

}  // namespace

absl::string_view L68ReturnStateName(L68ReturnState state) {
  const auto i = static_cast<size_t>(state);
  return i < kStates.size() ? kStates[i] : kStates[0];
}

L68ReturnState L68ReturnStateFromName(absl::string_view name) {
  for (size_t i = 0; i < kStates.size(); ++i) {
    if (kStates[i] == name) return static_cast<L68ReturnState>(i);
  }
  return L68ReturnState::kUnspecified;
}

absl::Status L68ReturnStore::Insert(Transaction& tx, const StoredL68Return& r) {
  std::vector<Value> params;
  params.reserve(13);
  params.emplace_back(r.id);
  params.emplace_back(r.chain_id);
  params.emplace_back(r.company);
  params.emplace_back(int64_t{r.year});
  params.emplace_back(int64_t{r.version});
  params.emplace_back(std::string(L68ReturnStateName(r.state)));
  params.push_back(Text(r.previous_id));
  params.push_back(Text(r.protocol));
  params.push_back(Micros(r.submitted_at));
  params.emplace_back(int64_t{r.late});
  params.emplace_back(L68RecordToJson(r));
  params.emplace_back(absl::ToUnixMicros(r.created_at));
  params.emplace_back(absl::ToUnixMicros(r.updated_at));
  absl::StatusOr<Result> res = tx.Execute(
      "INSERT INTO l68_returns (id, chain_id, company, reference_year, version, state,"
      " previous_id, protocol, submitted_at, late, record, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      params);
  if (absl::IsAlreadyExists(res.status())) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "L68_RETURN_ALREADY_OPEN",
                           "the company already has an open return for this year",
                           {{"company", r.company}, {"year", absl::StrCat(r.year)}});
  }
  return res.status();
}

absl::Status L68ReturnStore::Update(Transaction& tx, const StoredL68Return& r) {
  std::vector<Value> params;
  params.reserve(7);
  params.emplace_back(r.id);
  params.emplace_back(std::string(L68ReturnStateName(r.state)));
  params.push_back(Text(r.protocol));
  params.push_back(Micros(r.submitted_at));
  params.emplace_back(int64_t{r.late});
  params.emplace_back(L68RecordToJson(r));
  params.emplace_back(absl::ToUnixMicros(r.updated_at));
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("UPDATE l68_returns SET state = $2, protocol = $3, submitted_at = $4,"
                              " late = $5, record = $6, updated_at = $7 WHERE id = $1",
                              params));
  if (res.affected_rows == 0) return Get(tx, r.id).status();
  return absl::OkStatus();
}

absl::StatusOr<StoredL68Return> L68ReturnStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, " WHERE r.id = $1"), {id}));
  ASSIGN_OR_RETURN(std::vector<StoredL68Return> found, Read(res));
  if (found.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "L68_RETURN_NOT_FOUND",
                           "no L.68 return with this id");
  }
  return std::move(found.front());
}

absl::StatusOr<std::optional<StoredL68Return>> L68ReturnStore::OpenFor(Transaction& tx,
                                                                       const std::string& company,
                                                                       int year) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat(kSelect,
                                           " WHERE r.company = $1 AND"
                                           " r.reference_year = $2 AND r.state IN"
                                           " ('draft', 'submitted', 'under_correction')"),
                              {company, int64_t{year}}));
  ASSIGN_OR_RETURN(std::vector<StoredL68Return> found, Read(res));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<std::vector<StoredL68Return>> L68ReturnStore::Chain(Transaction& tx,
                                                                   const std::string& chain_id) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat(kSelect, " WHERE r.chain_id = $1 ORDER BY r.version"), {chain_id}));
  return Read(res);
}

absl::StatusOr<std::vector<StoredL68Return>> L68ReturnStore::List(
    Transaction& tx, const std::string& company, const std::string& cpi_code, int year,
    const std::vector<std::string>& states, const std::string& after, int limit) {
  std::vector<std::string> where;
  std::vector<Value> params;
  auto param = [&](Value v) {
    params.push_back(std::move(v));
    return absl::StrCat("$", params.size());
  };
  if (!company.empty()) where.push_back(absl::StrCat("r.company = ", param(company)));
  if (!cpi_code.empty()) {
    where.push_back(absl::StrCat(
        "r.company IN (SELECT fiscal_code FROM company_cpis WHERE cpi_code = ", param(cpi_code),
        ")"));
  }
  if (year != 0) where.push_back(absl::StrCat("r.reference_year = ", param(int64_t{year})));
  if (!states.empty()) {
    std::vector<std::string> in;
    for (const std::string& s : states) in.push_back(param(s));
    where.push_back(absl::StrCat("r.state IN (", absl::StrJoin(in, ", "), ")"));
  }
  if (!after.empty()) where.push_back(absl::StrCat("r.id < ", param(after)));
  const std::string lim = param(int64_t{limit});
  const std::string sql =
      absl::StrCat(kSelect, where.empty() ? "" : " WHERE ", absl::StrJoin(where, " AND "),
                   " ORDER BY r.id DESC LIMIT ", lim);
  ASSIGN_OR_RETURN(Result res, tx.Execute(sql, params));
  return Read(res);
}

absl::StatusOr<std::string> L68ReturnStore::NextProtocol(Transaction& tx, int year) {
  RETURN_IF_ERROR(tx.Execute("INSERT INTO l68_protocol_counters (protocol_year, last_number)"
                             " VALUES ($1, 1) ON CONFLICT (protocol_year) DO UPDATE SET"
                             " last_number = l68_protocol_counters.last_number + 1",
                             {int64_t{year}})
                      .status());
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT last_number FROM l68_protocol_counters"
                                          " WHERE protocol_year = $1",
                                          {int64_t{year}}));
  if (Rows(res).empty()) {
    return platform::Error(absl::StatusCode::kInternal, "PROTOCOL_COUNTER_MISSING",
                           "the protocol counter was not written");
  }
  return absl::StrFormat("PI-%04d-%06d", year, Rows(res).front().Int("last_number"));
}

}  // namespace sisl::enterprise::store
