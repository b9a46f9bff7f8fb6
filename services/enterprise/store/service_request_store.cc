#include "services/enterprise/store/service_request_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/store/json_support.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kSelect[] =
    "SELECT r.id, r.company, r.kind, r.state, r.outcome, r.cpi_code, r.vacancy_id, r.subject,"
    " r.description, r.handler, r.created_by, r.reopen_count, r.message_count, r.history,"
    " r.version, r.created_at, r.updated_at, r.closed_at, c.name AS company_name"
    " FROM service_requests r JOIN companies c ON c.fiscal_code = r.company";

// The value of E whose name (by `name_of`) is `name`; E's first value when none.
template <typename E, int kCount>
E FromName(const std::string& name, absl::string_view (*name_of)(E)) {
  for (int i = 0; i < kCount; ++i) {
    if (name_of(static_cast<E>(i)) == name) return static_cast<E>(i);
  }
  return static_cast<E>(0);
}

ServiceRequestState StateFrom(const std::string& s) {
  return FromName<ServiceRequestState, 6>(s, ServiceRequestStateName);
}
ServiceRequestOutcome OutcomeFrom(const std::string& s) {
  return FromName<ServiceRequestOutcome, 4>(s, ServiceRequestOutcomeName);
}
ServiceRequestAction ActionFrom(const std::string& s) {
  return FromName<ServiceRequestAction, 8>(s, ServiceRequestActionName);
}
ServiceRequestSide SideFrom(const std::string& s) {
  return FromName<ServiceRequestSide, 3>(s, ServiceRequestSideName);
}

std::string HistoryToJson(const std::vector<ServiceRequestHistoryEntry>& history) {
  json out = json::array();
  for (const ServiceRequestHistoryEntry& e : history) {
    out.push_back({{"action", ServiceRequestActionName(e.action)},
                   {"from", ServiceRequestStateName(e.from)},
                   {"to", ServiceRequestStateName(e.to)},
                   {"side", ServiceRequestSideName(e.side)},
                   {"actor", e.actor},
                   {"at", TimeValue(e.at)},
                   {"outcome", ServiceRequestOutcomeName(e.outcome)}});
  }
  return out.dump();
}

absl::StatusOr<std::vector<ServiceRequestHistoryEntry>> HistoryFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array()) {
    return platform::Error(absl::StatusCode::kInternal, "CORRUPT_RECORD",
                           "a stored service request history is not a JSON array");
  }
  std::vector<ServiceRequestHistoryEntry> out;
  for (const json& e : j) {
    if (!e.is_object()) continue;
    out.push_back({ActionFrom(e.value("action", "")), StateFrom(e.value("from", "")),
                   StateFrom(e.value("to", "")), SideFrom(e.value("side", "")),
                   e.value("actor", ""), TimeFrom(e, "at"), OutcomeFrom(e.value("outcome", ""))});
  }
  return out;
}

absl::StatusOr<std::vector<StoredServiceRequest>> Read(const Result& res) {
  std::vector<StoredServiceRequest> out;
  for (const RowReader& row : Rows(res)) {
    StoredServiceRequest s;
    ServiceRequest& r = s.request;
    r.id = row.Str("id");
    r.company = row.Str("company");
    r.kind = FromName<ServiceRequestKind, 5>(row.Str("kind"), ServiceRequestKindName);
    r.state = StateFrom(row.Str("state"));
    r.outcome = OutcomeFrom(row.Str("outcome"));
    r.cpi_code = row.Str("cpi_code");
    r.vacancy_id = row.Str("vacancy_id");
    r.subject = row.Str("subject");
    r.description = row.Str("description");
    r.handler = row.Str("handler");
    r.created_by = row.Str("created_by");
    r.reopen_count = static_cast<int>(row.Int("reopen_count"));
    ASSIGN_OR_RETURN(r.history, HistoryFromJson(row.Str("history")));
    r.created_at = row.Time("created_at");
    if (!row.IsNull("closed_at")) r.closed_at = row.Time("closed_at");
    s.company_name = row.Str("company_name");
    s.message_count = row.Int("message_count");
    s.version = row.Int("version");
    s.updated_at = row.Time("updated_at");
    out.push_back(std::move(s));
  }
  return out;
}

Value OptionalTime(const std::optional<absl::Time>& t) {
  if (!t.has_value()) return std::monostate{};
  return absl::ToUnixMicros(*t);
}

absl::Status InsertMessages(Transaction& tx, const ServiceRequest& r, size_t from) {
  for (size_t i = from; i < r.messages.size(); ++i) {
    const ServiceRequestMessage& m = r.messages[i];
    RETURN_IF_ERROR(tx.Execute("INSERT INTO service_request_messages (request_id, seq,"
                               " author_side, author, action, body, created_at)"
                               " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                               {r.id, int64_t{m.sequence},
                                std::string(ServiceRequestSideName(m.side)), m.author,
                                m.action == ServiceRequestAction::kUnspecified
                                    ? std::string()
                                    : std::string(ServiceRequestActionName(m.action)),
                                m.text, absl::ToUnixMicros(m.at)})
                        .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ServiceRequestStore::Insert(Transaction& tx, const ServiceRequest& r, absl::Time at) {
  std::vector<Value> values;
  values.reserve(17);
  values.emplace_back(r.id);
  values.emplace_back(r.company);
  values.emplace_back(std::string(ServiceRequestKindName(r.kind)));
  values.emplace_back(std::string(ServiceRequestStateName(r.state)));
  values.emplace_back(std::string(ServiceRequestOutcomeName(r.outcome)));
  values.emplace_back(r.cpi_code);
  values.push_back(r.vacancy_id.empty() ? Value{} : Value{r.vacancy_id});
  values.emplace_back(r.subject);
  values.emplace_back(r.description);
  values.emplace_back(r.handler);
  values.emplace_back(r.created_by);
  values.emplace_back(int64_t{r.reopen_count});
  values.emplace_back(static_cast<int64_t>(r.messages.size()));
  values.emplace_back(HistoryToJson(r.history));
  values.emplace_back(absl::ToUnixMicros(r.created_at));
  values.emplace_back(absl::ToUnixMicros(at));
  values.push_back(OptionalTime(r.closed_at));
  RETURN_IF_ERROR(tx.Execute("INSERT INTO service_requests (id, company, kind, state, outcome,"
                             " cpi_code, vacancy_id, subject, description, handler, created_by,"
                             " reopen_count, message_count, history, version, created_at,"
                             " updated_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                             " $9, $10, $11, $12, $13, $14, 1, $15, $16, $17)",
                             values)
                      .status());
  return InsertMessages(tx, r, 0);
}

absl::Status ServiceRequestStore::Update(Transaction& tx, const StoredServiceRequest& current,
                                         const ServiceRequest& r, absl::Time at) {
  std::vector<Value> values;
  values.reserve(10);
  values.emplace_back(r.id);
  values.emplace_back(std::string(ServiceRequestStateName(r.state)));
  values.emplace_back(std::string(ServiceRequestOutcomeName(r.outcome)));
  values.emplace_back(r.handler);
  values.emplace_back(int64_t{r.reopen_count});
  values.emplace_back(static_cast<int64_t>(r.messages.size()));
  values.emplace_back(HistoryToJson(r.history));
  values.emplace_back(absl::ToUnixMicros(at));
  values.push_back(OptionalTime(r.closed_at));
  values.emplace_back(current.version);
  ASSIGN_OR_RETURN(Result res, tx.Execute("UPDATE service_requests SET state = $2, outcome = $3,"
                                          " handler = $4, reopen_count = $5, message_count = $6,"
                                          " history = $7, updated_at = $8, closed_at = $9,"
                                          " version = version + 1 WHERE id = $1 AND version = $10",
                                          values));
  if (res.affected_rows == 0) {
    RETURN_IF_ERROR(Get(tx, r.id).status());
    return platform::Error(absl::StatusCode::kAborted, "DB_CONFLICT",
                           "the service request changed meanwhile");
  }
  return InsertMessages(tx, r, current.request.messages.size());
}

absl::StatusOr<StoredServiceRequest> ServiceRequestStore::Get(Transaction& tx,
                                                              const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, " WHERE r.id = $1"), {id}));
  ASSIGN_OR_RETURN(std::vector<StoredServiceRequest> found, Read(res));
  if (found.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "SERVICE_REQUEST_NOT_FOUND",
                           "no service request with this id");
  }
  StoredServiceRequest s = std::move(found.front());
  ASSIGN_OR_RETURN(Result messages,
                   tx.Execute("SELECT seq, author_side, author, action, body, created_at"
                              " FROM service_request_messages WHERE request_id = $1"
                              " ORDER BY seq",
                              {id}));
  for (const RowReader& m : Rows(messages)) {
    s.request.messages.push_back({static_cast<int>(m.Int("seq")), SideFrom(m.Str("author_side")),
                                  m.Str("author"), ActionFrom(m.Str("action")), m.Str("body"),
                                  m.Time("created_at")});
  }
  return s;
}

absl::StatusOr<std::vector<StoredServiceRequest>> ServiceRequestStore::List(
    Transaction& tx, const std::string& company, const std::string& cpi_code,
    const std::vector<std::string>& states, const std::string& after, int limit) {
  std::vector<std::string> where;
  std::vector<Value> params;
  auto param = [&](Value v) {
    params.push_back(std::move(v));
    return absl::StrCat("$", params.size());
  };
  if (!company.empty()) where.push_back(absl::StrCat("r.company = ", param(company)));
  if (!cpi_code.empty()) where.push_back(absl::StrCat("r.cpi_code = ", param(cpi_code)));
  if (!states.empty()) {
    std::vector<std::string> in;
    for (const std::string& s : states) in.push_back(param(s));
    where.push_back(absl::StrCat("r.state IN (", absl::StrJoin(in, ", "), ")"));
  }
  if (!after.empty()) where.push_back(absl::StrCat("r.id < ", param(after)));
  const std::string sql =
      absl::StrCat(kSelect, where.empty() ? "" : " WHERE ", absl::StrJoin(where, " AND "),
                   " ORDER BY r.id DESC LIMIT ", param(int64_t{limit}));
  ASSIGN_OR_RETURN(Result res, tx.Execute(sql, params));
  return Read(res);
}

}  // namespace sisl::enterprise::store
