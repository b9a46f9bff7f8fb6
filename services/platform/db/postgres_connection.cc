#include "services/platform/db/postgres_connection.h"

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::db {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Statements with more parameters run unprepared (PQexecParams) and are not kept.
constexpr size_t kMaxPreparedParameters = 64;

// Type OIDs from pg_type.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

Value Convert(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  const int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kBool:
      return int64_t{text[0] == 't' ? 1 : 0};
    case kInt2:
    case kInt4:
    case kInt8: {
      int64_t v = 0;
      (void)absl::SimpleAtoi(absl::string_view(text, len), &v);
      return v;
    }
    case kFloat4:
    case kFloat8:
    case kNumeric: {
      double v = 0;
      (void)absl::SimpleAtod(absl::string_view(text, len), &v);
      return v;
    }
    default:
      return std::string(text, len);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo,
                                                                    const std::string& schema) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Error(absl::StatusCode::kUnavailable, "DB_UNAVAILABLE",
                 absl::StrCat("cannot connect to PostgreSQL: ", msg));
  }
  // Server notices ("schema already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PgConnection> out(new PgConnection(conn));
  if (!schema.empty()) {
    // The schema name comes from configuration, never from requests; quote it anyway.
    char* quoted = PQescapeIdentifier(conn, schema.data(), schema.size());
    std::string ident = quoted ? quoted : "";
    PQfreemem(quoted);
    auto st = out->ExecuteScript(
        absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", ident, "; SET search_path TO ", ident));
    // Two replicas starting together may race on CREATE SCHEMA; the second one only needs
    // the search_path.
    if (!st.ok()) st = out->ExecuteScript(absl::StrCat("SET search_path TO ", ident));
    if (!st.ok()) return st;
  }
  return out;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

absl::Status PgConnection::ErrorFrom(const PGresult* res, absl::string_view what) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Error(absl::StatusCode::kUnavailable, "DB_UNAVAILABLE",
                 absl::StrCat(what, ": connection to PostgreSQL lost"));
  }
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  // The full message carries DETAIL ("Key (fiscal_code)=(RSSMRA...) already exists."), HINT and
  // CONTEXT lines that quote row values: it goes to the debug log, masked, and never into the
  // status, whose message may reach a client. The status keeps the primary message only, and
  // for integrity errors (which quote no values) names the constraint.
  std::string full = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
  while (!full.empty() && (full.back() == '\n' || full.back() == ' ')) full.pop_back();
  log::Debug("PostgreSQL error", {{"sqlstate", sqlstate},
                                  {"what", std::string(what)},
                                  {"error", full}});  // masked by the logger
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string text = primary ? primary : full.substr(0, full.find('\n'));
  if (!sqlstate.starts_with("23")) text = log::MaskPersonalData(text);
  const std::string msg = absl::StrCat(what, ": ", text);
  if (sqlstate == "23505") return Error(absl::StatusCode::kAlreadyExists, "UNIQUE_VIOLATION", msg);
  if (sqlstate.starts_with("23")) {
    return Error(absl::StatusCode::kFailedPrecondition, "CONSTRAINT_VIOLATION", msg);
  }
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    return Error(absl::StatusCode::kAborted, "DB_CONFLICT", msg);
  }
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57")) {
    return Error(absl::StatusCode::kUnavailable, "DB_UNAVAILABLE", msg);
  }
  return Error(absl::StatusCode::kInternal, "DB_ERROR", msg);
}

absl::StatusOr<Result> PgConnection::Execute(absl::string_view sql,
                                             const std::vector<Value>& params) {
  std::vector<std::string> text(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (const auto* n = std::get_if<int64_t>(&v)) {
      text[i] = absl::StrCat(*n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      text[i] = absl::StrFormat("%.17g", *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      text[i] = *s;
    } else {
      continue;  // NULL
    }
    values[i] = text[i].c_str();
  }
  std::string key(sql);
  ResultPtr res;
  if (params.size() > kMaxPreparedParameters) {
    // A statement over many rows (multi_row.h) has a text per row count: prepared, each would
    // stay in this connection and its server process for good.
    res.reset(PQexecParams(conn_, key.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0));
  } else {
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = absl::StrCat("s", prepared_.size() + 1);
      ResultPtr prepared(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
      if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
        return ErrorFrom(prepared.get(), "prepare");
      }
      it = prepared_.emplace(key, std::move(name)).first;
    }
    res.reset(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                             values.data(), nullptr, nullptr, 0));
  }
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFrom(res.get(), "execute");
  }
  Result result;
  const int ncols = PQnfields(res.get());
  const int nrows = PQntuples(res.get());
  for (int c = 0; c < ncols; ++c) result.columns.emplace_back(PQfname(res.get(), c));
  result.rows.reserve(nrows);
  for (int r = 0; r < nrows; ++r) {
    Row row;
    row.values.reserve(ncols);
    for (int c = 0; c < ncols; ++c) row.values.push_back(Convert(res.get(), r, c));
    result.rows.push_back(std::move(row));
  }
  const char* affected = PQcmdTuples(res.get());
  if (affected && *affected) (void)absl::SimpleAtoi(affected, &result.affected_rows);
  return result;
}

namespace {

// One value in COPY's text format: \N for NULL, backslash escapes for the separators.
void AppendCopyText(std::string& out, const Value& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) {
    absl::StrAppend(&out, *n);
  } else if (const auto* d = std::get_if<double>(&v)) {
    absl::StrAppendFormat(&out, "%.17g", *d);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    // The runs between characters to escape are appended whole (stored XML is kilobytes).
    size_t run = 0;
    for (size_t i = 0; i < s->size(); ++i) {
      const char* escaped = nullptr;
      switch ((*s)[i]) {
        case '\\':
          escaped = "\\\\";
          break;
        case '\n':
          escaped = "\\n";
          break;
        case '\r':
          escaped = "\\r";
          break;
        case '\t':
          escaped = "\\t";
          break;
        default:
          continue;
      }
      out.append(*s, run, i - run).append(escaped);
      run = i + 1;
    }
    out.append(*s, run);
  } else {
    out.append("\\N");
  }
}

}  // namespace

absl::StatusOr<int64_t> PgConnection::Copy(absl::string_view table,
                                           const std::vector<std::string>& columns,
                                           const std::vector<std::vector<Value>>& rows) {
  if (rows.empty()) return 0;
  for (const std::vector<Value>& row : rows) {
    if (row.size() != columns.size()) {
      return absl::InvalidArgumentError("Copy: a row's values do not match the columns");
    }
  }
  const std::string sql =
      absl::StrCat("COPY ", table, " (", absl::StrJoin(columns, ", "), ") FROM STDIN");
  ResultPtr start(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return ErrorFrom(start.get(), "copy");
  constexpr size_t kChunk = size_t{1} << 20;
  std::string data;
  data.reserve(kChunk + 4096);
  bool sent = true;
  for (const std::vector<Value>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) data.push_back('\t');
      AppendCopyText(data, row[i]);
    }
    data.push_back('\n');
    if (data.size() >= kChunk) {
      sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
      data.clear();
      if (!sent) break;
    }
  }
  if (sent && !data.empty()) {
    sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
  }
  PQputCopyEnd(conn_, sent ? nullptr : "the client could not send the rows");
  ResultPtr end(PQgetResult(conn_));
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);  // the COPY's end
  if (PQresultStatus(end.get()) != PGRES_COMMAND_OK) return ErrorFrom(end.get(), "copy");
  int64_t written = 0;
  const char* affected = PQcmdTuples(end.get());
  if (affected && *affected) (void)absl::SimpleAtoi(affected, &written);
  return written;
}

absl::Status PgConnection::ExecuteScript(absl::string_view sql) {
  std::string copy(sql);
  ResultPtr res(PQexec(conn_, copy.c_str()));
  const ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return ErrorFrom(res.get(), "script");
  }
  return absl::OkStatus();
}

}  // namespace sisl::platform::db
