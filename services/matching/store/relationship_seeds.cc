#include "services/matching/store/relationship_seeds.h"

#include "services/platform/status_macros.h"

namespace sisl::matching::store {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

absl::Status RelationshipSeeds::Put(Transaction& tx, const RelationshipSeed& s, absl::Time at) {
  return tx
      .Execute(
          "INSERT INTO relationship_seeds (relationship_id, person_id, profession_code,"
          " employer_id, start_date, end_date, open, updated_at) VALUES ($1, $2, $3, $4, $5, $6,"
          " $7, $8) ON CONFLICT (relationship_id) DO UPDATE SET profession_code ="
          " excluded.profession_code, employer_id = excluded.employer_id, start_date ="
          " excluded.start_date, end_date = excluded.end_date, open = excluded.open, updated_at ="
          " excluded.updated_at",
          {s.relationship_id, s.person_id, s.profession_code, s.employer_id,
           absl::FormatCivilTime(s.start),
           s.end ? Value(absl::FormatCivilTime(*s.end)) : Value(std::monostate{}),
           int64_t{s.open ? 1 : 0}, absl::ToUnixMicros(at)})
      .status();
}

absl::Status RelationshipSeeds::Remove(Transaction& tx, const std::string& relationship_id) {
  return tx.Execute("DELETE FROM relationship_seeds WHERE relationship_id = $1", {relationship_id})
      .status();
}

absl::StatusOr<std::vector<RelationshipSeed>> RelationshipSeeds::OfPerson(
    Transaction& tx, const std::string& person_id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute("SELECT relationship_id, person_id, profession_code, employer_id,"
                              " start_date, end_date, open FROM relationship_seeds WHERE"
                              " person_id = $1 ORDER BY start_date, relationship_id",
                              {person_id}));
  std::vector<RelationshipSeed> out;
  for (const RowReader& r : Rows(res)) {
    RelationshipSeed s;
    s.relationship_id = r.Str("relationship_id");
    s.person_id = r.Str("person_id");
    s.profession_code = r.Str("profession_code");
    s.employer_id = r.Str("employer_id");
    if (!absl::ParseCivilTime(r.Str("start_date"), &s.start)) continue;
    absl::CivilDay end;
    if (!r.IsNull("end_date") && absl::ParseCivilTime(r.Str("end_date"), &end)) s.end = end;
    s.open = r.Bool("open");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sisl::matching::store
