#include "services/enterprise/store/vacancy_store.h"

#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/store/company_store.h"
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

constexpr char kSelect[] =
    "SELECT v.id, v.record, v.cpi_code, v.published_at, v.created_at, v.updated_at,"
    " c.name AS company_name FROM vacancies v JOIN companies c ON c.fiscal_code = v.company";

// Builds a WHERE clause with numbered parameters.
class Where final {
 public:
  std::string Param(Value v) {
    params_.push_back(std::move(v));
    return absl::StrCat("$", params_.size());
  }
  void And(std::string condition) { conditions_.push_back(std::move(condition)); }
  std::string Sql() const {
    return conditions_.empty() ? "" : absl::StrCat(" WHERE ", absl::StrJoin(conditions_, " AND "));
  }
  std::vector<Value>& params() { return params_; }

 private:
  std::vector<std::string> conditions_;
  std::vector<Value> params_;
};

absl::StatusOr<std::vector<StoredVacancy>> Read(const Result& res) {
  std::vector<StoredVacancy> out;
  for (const RowReader& r : Rows(res)) {
    StoredVacancy s;
    ASSIGN_OR_RETURN(s.vacancy, VacancyFromJson(r.Str("record")));
    s.company_name = r.Str("company_name");
    s.cpi_code = r.Str("cpi_code");
    if (!r.IsNull("published_at")) s.published_at = r.Time("published_at");
    s.created_at = r.Time("created_at");
    s.updated_at = r.Time("updated_at");
    out.push_back(std::move(s));
  }
  return out;
}

std::string SearchText(const Vacancy& v) {
  return FoldForSearch(absl::StrCat(v.content.title, " ", v.content.description));
}

// Bounded statements for any number of ids (SQLite's parameter limit, plan caching).
constexpr size_t kMaxIdsPerStatement = 500;

// "v.id IN ($n, ...)" for ids[from, from + kMaxIdsPerStatement).
std::string IdIn(const std::vector<std::string>& ids, size_t from, Where& w) {
  std::vector<std::string> in;
  for (size_t i = from; i < ids.size() && i < from + kMaxIdsPerStatement; ++i) {
    in.push_back(w.Param(ids[i]));
  }
  return absl::StrCat("v.id IN (", absl::StrJoin(in, ", "), ")");
}

// Appends the search columns of the published vacancies (all, or ids[from, from + max)).
absl::Status ReadIndexed(Transaction& tx, const std::vector<std::string>* ids, size_t from,
                         std::vector<IndexedVacancy>& out) {
  Where w;
  w.And("v.state = 'published'");
  if (ids != nullptr) w.And(IdIn(*ids, from, w));
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat("SELECT v.id, v.published_at, v.profession_code, v.province,"
                              " v.latitude, v.longitude, v.contract_type, v.working_time,"
                              " v.l68_reserved, v.search_text FROM vacancies v",
                              w.Sql()),
                 w.params()));
  out.reserve(out.size() + res.rows.size());
  for (const RowReader& r : Rows(res)) {
    IndexedVacancy v;
    v.id = r.Str("id");
    v.published_at_micros = r.IsNull("published_at") ? 0 : r.Int("published_at");
    v.profession_code = r.Str("profession_code");
    v.province = r.Str("province");
    if (!r.IsNull("latitude")) v.latitude = r.Double("latitude");
    if (!r.IsNull("longitude")) v.longitude = r.Double("longitude");
    v.contract_type = r.Str("contract_type");
    v.working_time = r.Str("working_time");
    v.l68_reserved = r.Int("l68_reserved") == 1;
    v.search_text = r.Str("search_text");
    out.push_back(std::move(v));
  }
  return absl::OkStatus();
}

Value Optional(const std::optional<double>& d) {
  if (!d.has_value()) return std::monostate{};
  return *d;
}

void AddFilters(const VacancySearch& s, Where& w) {
  w.And("v.state = 'published'");
  // A word matches the beginning of a word of the text: the folded text is lower-case letters
  // and digits between single spaces, so " word" inside " text" is a word's beginning.
  for (const std::string& word : s.words) {
    w.And(absl::StrCat("(' ' || v.search_text) LIKE ", w.Param(absl::StrCat("% ", word, "%"))));
  }
  if (!s.profession_prefix.empty()) {
    w.And(absl::StrCat("v.profession_code LIKE ", w.Param(s.profession_prefix + "%")));
  }
  if (!s.province.empty()) w.And(absl::StrCat("v.province = ", w.Param(s.province)));
  if (s.latitude.has_value() && s.longitude.has_value()) {
    // Equirectangular distance: exact enough at a region's scale, and plain arithmetic on both
    // databases. A bounding box first, so the index-free check runs on few rows.
    const double lat = *s.latitude, lon = *s.longitude, r = std::max(0, s.radius_km) + 0.5;
    const double dlat = r / 111.2, dlon = r / (111.2 * std::cos(lat * M_PI / 180.0));
    w.And(absl::StrCat("v.latitude BETWEEN ", w.Param(lat - dlat), " AND ", w.Param(lat + dlat)));
    w.And(absl::StrCat("v.longitude BETWEEN ", w.Param(lon - dlon), " AND ", w.Param(lon + dlon)));
    const std::string plat = w.Param(lat), plon = w.Param(lon),
                      k = w.Param(std::cos(lat * M_PI / 180.0)), r2 = w.Param(r * r);
    w.And(absl::StrCat("((v.latitude - ", plat, ") * 111.2) * ((v.latitude - ", plat,
                       ") * 111.2) + ((v.longitude - ", plon, ") * 111.2 * ", k,
                       ") * ((v.longitude - ", plon, ") * 111.2 * ", k, ") <= ", r2));
  }
  if (!s.contract_type.empty()) {
    w.And(absl::StrCat("v.contract_type = ", w.Param(s.contract_type)));
  }
  if (!s.working_time.empty()) w.And(absl::StrCat("v.working_time = ", w.Param(s.working_time)));
  if (s.l68_reserved) w.And("v.l68_reserved = 1");
}

std::vector<Value> Columns(const Vacancy& v, const VacancyPlace& p, absl::Time at) {
  // Appended one by one: GCC 12 sees a false "maybe uninitialized" in a long initializer list
  // of variants.
  const VacancyContent& c = v.content;
  std::vector<Value> out;
  out.reserve(17);
  out.emplace_back(v.id);
  out.emplace_back(v.company);
  out.emplace_back(std::string(VacancyStateName(v.state)));
  out.emplace_back(p.cpi_code);
  out.emplace_back(c.profession_code);
  out.emplace_back(p.province);
  out.emplace_back(c.workplace_municipality);
  out.push_back(Optional(p.latitude));
  out.push_back(Optional(p.longitude));
  out.emplace_back(c.contract_type);
  out.emplace_back(c.working_time);
  out.emplace_back(int64_t{c.l68_reservation == L68Reservation::kDisabled ||
                           c.l68_reservation == L68Reservation::kProtected});
  out.emplace_back(absl::FormatCivilTime(c.publication_date));
  out.emplace_back(absl::FormatCivilTime(c.expiry_date));
  out.emplace_back(SearchText(v));
  out.emplace_back(VacancyToJson(v));
  out.emplace_back(absl::ToUnixMicros(at));
  return out;
}

}  // namespace

absl::Status VacancyStore::Insert(Transaction& tx, const Vacancy& v, const VacancyPlace& place,
                                  absl::Time at) {
  return tx
      .Execute(
          "INSERT INTO vacancies (id, company, state, cpi_code, profession_code, province,"
          " municipality, latitude, longitude, contract_type, working_time, l68_reserved,"
          " publication_date, expiry_date, search_text, record, created_at, updated_at)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
          " $17, $17)",
          Columns(v, place, at))
      .status();
}

absl::Status VacancyStore::Update(Transaction& tx, const Vacancy& v, const VacancyPlace& place,
                                  absl::Time at) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute("UPDATE vacancies SET company = $2, state = $3, cpi_code = $4,"
                 " profession_code = $5, province = $6, municipality = $7, latitude = $8,"
                 " longitude = $9, contract_type = $10, working_time = $11, l68_reserved = $12,"
                 " publication_date = $13, expiry_date = $14, search_text = $15, record = $16,"
                 " updated_at = $17, published_at = CASE WHEN $3 = 'published' AND"
                 " published_at IS NULL THEN $17 ELSE published_at END WHERE id = $1",
                 Columns(v, place, at)));
  if (res.affected_rows == 0) return Get(tx, v.id).status();
  return absl::OkStatus();
}

absl::StatusOr<StoredVacancy> VacancyStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, " WHERE v.id = $1"), {id}));
  ASSIGN_OR_RETURN(std::vector<StoredVacancy> found, Read(res));
  if (found.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "VACANCY_NOT_FOUND",
                           "no vacancy with this id");
  }
  return std::move(found.front());
}

absl::StatusOr<std::vector<StoredVacancy>> VacancyStore::List(
    Transaction& tx, const std::string& company, const std::string& cpi_code,
    const std::vector<std::string>& states, const std::string& after, int limit) {
  Where w;
  if (!company.empty()) w.And(absl::StrCat("v.company = ", w.Param(company)));
  if (!cpi_code.empty()) w.And(absl::StrCat("v.cpi_code = ", w.Param(cpi_code)));
  if (!states.empty()) {
    std::vector<std::string> in;
    for (const std::string& s : states) in.push_back(w.Param(s));
    w.And(absl::StrCat("v.state IN (", absl::StrJoin(in, ", "), ")"));
  }
  if (!after.empty()) w.And(absl::StrCat("v.id < ", w.Param(after)));
  const std::string lim = w.Param(int64_t{limit});
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat(kSelect, w.Sql(), " ORDER BY v.id DESC LIMIT ", lim), w.params()));
  return Read(res);
}

absl::StatusOr<std::vector<StoredVacancy>> VacancyStore::Search(
    Transaction& tx, const VacancySearch& s, const std::optional<SearchCursor>& cursor, int limit) {
  Where w;
  AddFilters(s, w);
  if (cursor.has_value()) {
    const std::string t = w.Param(cursor->published_at_micros);
    w.And(absl::StrCat("(v.published_at < ", t, " OR (v.published_at = ", t, " AND v.id < ",
                       w.Param(cursor->id), "))"));
  }
  const std::string lim = w.Param(int64_t{limit});
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat(kSelect, w.Sql(),
                                           " ORDER BY v.published_at DESC, v.id DESC LIMIT ", lim),
                              w.params()));
  return Read(res);
}

absl::StatusOr<int64_t> VacancyStore::Count(Transaction& tx, const VacancySearch& s) {
  Where w;
  AddFilters(s, w);
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(absl::StrCat("SELECT COUNT(*) AS n FROM vacancies v", w.Sql()), w.params()));
  return Rows(res).front().Int("n");
}

absl::StatusOr<std::vector<StoredVacancy>> VacancyStore::GetMany(
    Transaction& tx, const std::vector<std::string>& ids) {
  absl::flat_hash_map<std::string, StoredVacancy> found;
  for (size_t from = 0; from < ids.size(); from += kMaxIdsPerStatement) {
    Where w;
    w.And(IdIn(ids, from, w));
    ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect, w.Sql()), w.params()));
    ASSIGN_OR_RETURN(std::vector<StoredVacancy> part, Read(res));
    for (StoredVacancy& v : part) {
      const std::string id = v.vacancy.id;
      found.insert_or_assign(id, std::move(v));
    }
  }
  std::vector<StoredVacancy> out;
  out.reserve(found.size());
  for (const std::string& id : ids) {
    auto it = found.find(id);
    if (it != found.end()) out.push_back(it->second);
  }
  return out;
}

absl::StatusOr<std::vector<IndexedVacancy>> VacancyStore::PublishedForIndex(Transaction& tx) {
  std::vector<IndexedVacancy> out;
  RETURN_IF_ERROR(ReadIndexed(tx, nullptr, 0, out));
  return out;
}

absl::StatusOr<std::vector<IndexedVacancy>> VacancyStore::PublishedForIndex(
    Transaction& tx, const std::vector<std::string>& ids) {
  std::vector<IndexedVacancy> out;
  for (size_t from = 0; from < ids.size(); from += kMaxIdsPerStatement) {
    RETURN_IF_ERROR(ReadIndexed(tx, &ids, from, out));
  }
  return out;
}

absl::StatusOr<PublishedSummary> VacancyStore::SummarizePublished(Transaction& tx) {
  // Only columns of the partial index vacancies_published: an index-only scan on PostgreSQL.
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute("SELECT COUNT(*) AS n, COALESCE(MAX(published_at), 0) AS newest,"
                 " CAST(COALESCE(SUM(COALESCE(published_at, 0) / 1000000), 0) AS BIGINT) AS secs"
                 " FROM vacancies WHERE state = 'published'",
                 {}));
  const RowReader r = Rows(res).front();
  return PublishedSummary{r.Int("n"), r.Int("newest"), r.Int("secs")};
}

absl::StatusOr<std::vector<StoredVacancy>> VacancyStore::DueToPublish(Transaction& tx,
                                                                      absl::CivilDay today,
                                                                      int limit) {
  const std::string day = absl::FormatCivilTime(today);
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat(kSelect,
                                           " WHERE v.state = 'approved' AND"
                                           " v.publication_date <= $1 AND"
                                           " v.expiry_date >= $1 ORDER BY v.id LIMIT $2"),
                              {day, int64_t{limit}}));
  return Read(res);
}

absl::StatusOr<std::vector<StoredVacancy>> VacancyStore::Overdue(Transaction& tx,
                                                                 absl::CivilDay today, int limit) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat(kSelect,
                                                       " WHERE v.state IN ('approved', 'published',"
                                                       " 'suspended') AND v.expiry_date < $1"
                                                       " ORDER BY v.id LIMIT $2"),
                                          {absl::FormatCivilTime(today), int64_t{limit}}));
  return Read(res);
}

}  // namespace sisl::enterprise::store
