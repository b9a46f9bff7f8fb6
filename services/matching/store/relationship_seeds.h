// What communications told matching of a person's employment relationships: the experiences a
// profile is prefilled with (no names: the employer is the company's fiscal code, or "" for a
// private person).
#ifndef SISL_SERVICES_MATCHING_STORE_RELATIONSHIP_SEEDS_H_
#define SISL_SERVICES_MATCHING_STORE_RELATIONSHIP_SEEDS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/platform/db/database.h"

namespace sisl::matching::store {

struct RelationshipSeed {
  std::string relationship_id;
  std::string person_id;
  std::string profession_code;
  std::string employer_id;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  bool open = true;
};

class RelationshipSeeds final {
 public:
  // Inserts or replaces (by relationship id).
  static absl::Status Put(platform::db::Transaction& tx, const RelationshipSeed& s, absl::Time at);
  static absl::Status Remove(platform::db::Transaction& tx, const std::string& relationship_id);
  // A person's, oldest start first.
  static absl::StatusOr<std::vector<RelationshipSeed>> OfPerson(platform::db::Transaction& tx,
                                                                const std::string& person_id);
};

}  // namespace sisl::matching::store

#endif  // SISL_SERVICES_MATCHING_STORE_RELATIONSHIP_SEEDS_H_
