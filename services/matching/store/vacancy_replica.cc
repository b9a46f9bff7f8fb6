// The replica of enterprise's vacancies (matching_store.h): the domain Vacancy as JSON content,
// its id, company, CPI, state and positions also as columns (the columns win on reading).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/store/json_fields.h"
#include "services/matching/store/matching_store.h"
#include "services/platform/status_macros.h"

namespace sisl::matching::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kSelect[] =
    "SELECT vacancy_id, company_fiscal_code, company_name, cpi_code, title, state, positions,"
    " positions_filled, content, updated_at FROM vacancy_replica ";

absl::StatusOr<std::vector<ReplicatedVacancy>> Read(const Result& res) {
  std::vector<ReplicatedVacancy> out;
  out.reserve(res.rows.size());
  for (const RowReader& r : Rows(res)) {
    ReplicatedVacancy v;
    ASSIGN_OR_RETURN(v.vacancy, VacancyFromJson(r.Str("content")));
    v.vacancy.id = r.Str("vacancy_id");
    v.vacancy.company_id = r.Str("company_fiscal_code");
    v.vacancy.cpi_code = r.Str("cpi_code");
    const std::string state = r.Str("state");
    v.vacancy.state = internal::EnumOf(VacancyStateName, 4, state, VacancyState::kUnspecified);
    v.vacancy.positions = static_cast<int>(r.Int("positions"));
    v.vacancy.positions_filled = static_cast<int>(r.Int("positions_filled"));
    v.company_name = r.Str("company_name");
    v.title = r.Str("title");
    v.updated_at = r.Time("updated_at");
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

absl::Status VacancyReplica::Put(Transaction& tx, const ReplicatedVacancy& v) {
  // Appended one by one: GCC 12 sees a false "maybe uninitialized" in a long initializer list
  // of variants.
  std::vector<Value> params;
  params.reserve(10);
  params.emplace_back(v.vacancy.id);
  params.emplace_back(v.vacancy.company_id);
  params.emplace_back(v.company_name);
  params.emplace_back(v.vacancy.cpi_code);
  params.emplace_back(v.title);
  params.emplace_back(std::string(VacancyStateName(v.vacancy.state)));
  params.emplace_back(int64_t{v.vacancy.positions});
  params.emplace_back(int64_t{v.vacancy.positions_filled});
  params.emplace_back(VacancyToJson(v.vacancy));
  params.emplace_back(absl::ToUnixMicros(v.updated_at));
  return tx
      .Execute(
          "INSERT INTO vacancy_replica (vacancy_id, company_fiscal_code, company_name, cpi_code,"
          " title, state, positions, positions_filled, content, updated_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
          " ON CONFLICT (vacancy_id) DO UPDATE SET"
          " company_fiscal_code = excluded.company_fiscal_code,"
          " company_name = excluded.company_name, cpi_code = excluded.cpi_code,"
          " title = excluded.title, state = excluded.state, positions = excluded.positions,"
          " positions_filled = excluded.positions_filled, content = excluded.content,"
          " updated_at = excluded.updated_at",
          params)
      .status();
}

absl::StatusOr<std::optional<ReplicatedVacancy>> VacancyReplica::Find(
    Transaction& tx, const std::string& vacancy_id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat(kSelect, "WHERE vacancy_id = $1"), {vacancy_id}));
  ASSIGN_OR_RETURN(std::vector<ReplicatedVacancy> found, Read(res));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

absl::StatusOr<std::vector<ReplicatedVacancy>> VacancyReplica::Page(Transaction& tx,
                                                                    const std::string& after_id,
                                                                    int limit) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat(kSelect, "WHERE vacancy_id > $1 ORDER BY vacancy_id LIMIT $2"),
                 {after_id, int64_t{limit}}));
  return Read(res);
}

}  // namespace sisl::matching::store
