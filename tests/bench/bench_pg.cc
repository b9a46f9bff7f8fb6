#include "tests/bench/bench_pg.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sisl::bench {

absl::StatusOr<PgConn> PgConn::Connect(const std::string& url, const std::string& schema) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(c);
    PQfinish(c);
    return absl::UnavailableError(absl::StrCat("cannot connect: ", error));
  }
  PgConn conn(c);
  if (!schema.empty()) {
    char* quoted = PQescapeIdentifier(c, schema.data(), schema.size());
    const std::string ident = quoted;
    PQfreemem(quoted);
    if (absl::Status st = conn.Exec("SET search_path TO " + ident); !st.ok()) return st;
  }
  return conn;
}

PgConn& PgConn::operator=(PgConn&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = other.conn_;
    other.conn_ = nullptr;
  }
  return *this;
}

PgConn::~PgConn() {
  if (conn_ != nullptr) PQfinish(conn_);
}

absl::Status PgConn::Exec(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  const ExecStatusType st = PQresultStatus(res);
  absl::Status out = absl::OkStatus();
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    out = absl::InternalError(absl::StrCat(sql.substr(0, 80), ": ", PQresultErrorMessage(res)));
  }
  PQclear(res);
  return out;
}

absl::StatusOr<std::vector<std::vector<std::string>>> PgConn::Query(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    absl::Status st =
        absl::InternalError(absl::StrCat(sql.substr(0, 80), ": ", PQresultErrorMessage(res)));
    PQclear(res);
    return st;
  }
  std::vector<std::vector<std::string>> rows(PQntuples(res));
  for (int r = 0; r < PQntuples(res); ++r) {
    for (int c = 0; c < PQnfields(res); ++c) rows[r].emplace_back(PQgetvalue(res, r, c));
  }
  PQclear(res);
  return rows;
}

absl::StatusOr<std::vector<std::vector<std::string>>> PgConn::Query(
    const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const std::string& p : params) values.push_back(p.c_str());
  PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    absl::Status st =
        absl::InternalError(absl::StrCat(sql.substr(0, 80), ": ", PQresultErrorMessage(res)));
    PQclear(res);
    return st;
  }
  std::vector<std::vector<std::string>> rows(PQntuples(res));
  for (int r = 0; r < PQntuples(res); ++r) {
    for (int c = 0; c < PQnfields(res); ++c) rows[r].emplace_back(PQgetvalue(res, r, c));
  }
  PQclear(res);
  return rows;
}

absl::StatusOr<int64_t> PgConn::Int(const std::string& sql,
                                    const std::vector<std::string>& params) {
  absl::StatusOr<std::vector<std::vector<std::string>>> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  int64_t n = 0;
  if (rows->empty() || rows->front().empty() || !absl::SimpleAtoi(rows->front()[0], &n)) {
    return absl::InternalError(absl::StrCat(sql.substr(0, 80), ": not an integer"));
  }
  return n;
}

absl::Status PgConn::Copy(const std::string& table_and_columns, const std::string& data) {
  PGresult* res = PQexec(conn_, absl::StrCat("COPY ", table_and_columns, " FROM STDIN").c_str());
  if (PQresultStatus(res) != PGRES_COPY_IN) {
    absl::Status st = absl::InternalError(absl::StrCat("COPY: ", PQresultErrorMessage(res)));
    PQclear(res);
    return st;
  }
  PQclear(res);
  constexpr size_t kChunk = 1 << 20;
  for (size_t at = 0; at < data.size(); at += kChunk) {
    const size_t n = std::min(kChunk, data.size() - at);
    if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1) {
      return absl::InternalError(absl::StrCat("COPY data: ", PQerrorMessage(conn_)));
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    return absl::InternalError(absl::StrCat("COPY end: ", PQerrorMessage(conn_)));
  }
  absl::Status out = absl::OkStatus();
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      out = absl::InternalError(
          absl::StrCat("COPY ", table_and_columns.substr(0, 30), ": ", PQresultErrorMessage(r)));
    }
    PQclear(r);
  }
  return out;
}

void CopyField(std::string& out, absl::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace sisl::bench
