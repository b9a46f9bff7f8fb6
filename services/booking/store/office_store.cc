#include "services/booking/store/office_store.h"

#include "absl/strings/str_cat.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

// The office columns and their reader. Unaliased join columns are named without their table:
// c.name is read as "name".
constexpr char kOfficeColumns[] =
    "o.site_code, o.cpi_code, c.name, o.kind, o.province, o.municipality, o.address, o.label,"
    " o.phone, o.email, o.source_note, o.version, o.updated_at";
constexpr char kFrom[] = " FROM offices o JOIN cpis c ON c.code = o.cpi_code";
// Empty filter values match everything.
constexpr char kFilter[] = " WHERE ($1 = '' OR o.province = $1) AND ($2 = '' OR o.cpi_code = $2)";

Office OfficeFromRow(const RowReader& r) {
  Office o;
  o.site_code = r.Str("site_code");
  o.cpi_code = r.Str("cpi_code");
  o.cpi_name = r.Str("name");
  o.kind = r.Str("kind") == "branch" ? OfficeKind::kBranch : OfficeKind::kCentre;
  o.province = r.Str("province");
  o.municipality = r.Str("municipality");
  o.address = r.Str("address");
  o.label = r.Str("label");
  o.phone = r.Str("phone");
  o.email = r.Str("email");
  o.source_note = r.Str("source_note");
  o.version = r.Int("version");
  o.updated_at = r.Time("updated_at");
  return o;
}

absl::Status NotFound(const std::string& site_code) {
  return platform::Error(absl::StatusCode::kNotFound, "OFFICE_NOT_FOUND",
                         absl::StrCat("no office with site code ", site_code),
                         {{"site_code", site_code}});
}

}  // namespace

absl::StatusOr<std::vector<Office>> OfficeStore::List(const OfficeFilter& filter,
                                                      const std::string& after, int limit) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Result res,
                   tx->Execute(absl::StrCat("SELECT ", kOfficeColumns, kFrom, kFilter,
                                            " AND o.site_code > $3 ORDER BY o.site_code LIMIT $4"),
                               {filter.province, filter.cpi_code, after, int64_t{limit}}));
  std::vector<Office> out;
  out.reserve(res.rows.size());
  for (const RowReader& r : Rows(res)) out.push_back(OfficeFromRow(r));
  return out;
}

absl::StatusOr<int> OfficeStore::Count(const OfficeFilter& filter) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Result res, tx->Execute(absl::StrCat("SELECT COUNT(*) AS n", kFrom, kFilter),
                                           {filter.province, filter.cpi_code}));
  return static_cast<int>(RowReader(res, res.rows.at(0)).Int("n"));
}

absl::StatusOr<Office> OfficeStore::Get(const std::string& site_code) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  return Get(*tx, site_code);
}

absl::StatusOr<Office> OfficeStore::Get(Transaction& tx, const std::string& site_code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat("SELECT ", kOfficeColumns, kFrom,
                                                       " WHERE o.site_code = $1"),
                                          {site_code}));
  if (res.rows.empty()) return NotFound(site_code);
  return OfficeFromRow(Rows(res).front());
}

absl::Status OfficeStore::Update(Transaction& tx, const Office& o) {
  ASSIGN_OR_RETURN(
      Result res,
      tx.Execute(
          "UPDATE offices SET address = $1, label = $2, phone = $3, email = $4, version = $5,"
          " updated_at = $6 WHERE site_code = $7 AND version = $8",
          {o.address, o.label, o.phone, o.email, o.version, platform::ToUnixMicrosUtc(o.updated_at),
           o.site_code, o.version - 1}));
  if (res.affected_rows != 1) {
    return platform::Error(absl::StatusCode::kAborted, "OFFICE_VERSION_CONFLICT",
                           absl::StrCat("office ", o.site_code,
                                        " was changed by someone else; read it again"),
                           {{"site_code", o.site_code}});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Cpi>> OfficeStore::ListCpis(const std::string& province) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(Result res,
                   tx->Execute("SELECT code, name, province, catchment_number, resident_population,"
                               " working_age_population, area_km2 FROM cpis"
                               " WHERE ($1 = '' OR province = $1) ORDER BY code",
                               {province}));
  std::vector<Cpi> out;
  for (const RowReader& r : Rows(res)) {
    out.push_back(Cpi{r.Str("code"), r.Str("name"), r.Str("province"),
                      static_cast<int32_t>(r.Int("catchment_number")), r.Int("resident_population"),
                      r.Int("working_age_population"), r.Double("area_km2")});
  }
  return out;
}

absl::StatusOr<int> OfficeStore::Seed(Transaction& tx, const std::vector<Cpi>& cpis,
                                      const std::vector<Office>& offices) {
  int inserted = 0;
  for (const Cpi& c : cpis) {
    ASSIGN_OR_RETURN(
        Result res,
        tx.Execute("INSERT INTO cpis (code, name, province, catchment_number, resident_population,"
                   " working_age_population, area_km2) VALUES ($1,$2,$3,$4,$5,$6,$7)"
                   " ON CONFLICT (code) DO NOTHING",
                   {c.code, c.name, c.province, int64_t{c.catchment_number}, c.resident_population,
                    c.working_age_population, c.area_km2}));
    inserted += static_cast<int>(res.affected_rows);
  }
  for (const Office& o : offices) {
    ASSIGN_OR_RETURN(
        Result res,
        tx.Execute(
            "INSERT INTO offices (site_code, cpi_code, kind, province, municipality, address,"
            " label, source_note, version, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,1,$9)"
            " ON CONFLICT (site_code) DO NOTHING",
            {o.site_code, o.cpi_code,
             std::string(o.kind == OfficeKind::kBranch ? "branch" : "centre"), o.province,
             o.municipality, o.address, o.label, o.source_note,
             platform::ToUnixMicrosUtc(o.updated_at)}));
    inserted += static_cast<int>(res.affected_rows);
  }
  return inserted;
}

}  // namespace sisl::booking
