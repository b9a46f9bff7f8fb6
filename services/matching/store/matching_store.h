// The matching service's tables, inside the caller's transaction: candidate profiles, the
// replica of enterprise's vacancies, proposals with their history, and the staff audit. SQL
// portable between PostgreSQL 15 and SQLite (database.h); rows read by column name.
#ifndef SISL_SERVICES_MATCHING_STORE_MATCHING_STORE_H_
#define SISL_SERVICES_MATCHING_STORE_MATCHING_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/matching/domain/profile.h"
#include "services/matching/domain/proposal.h"
#include "services/matching/domain/vacancy.h"
#include "services/platform/db/database.h"

namespace sisl::matching::store {

enum class ProfileState { kToValidate, kValidated, kExpired };
absl::string_view ProfileStateName(ProfileState state);  // "to_validate", "validated", "expired"

struct StoredProfile {
  // person_id, cpi_code and validated_on are columns; the rest is the content (JSON).
  CandidateProfile profile;
  std::string given_name;
  std::string family_name;
  ProfileState state = ProfileState::kToValidate;
  std::optional<absl::CivilDay> expires_on;
  // The expiry the warning was sent for.
  std::optional<absl::CivilDay> warned_expiry;
  absl::Time updated_at;
};

class ProfileStore final {
 public:
  // Inserts or replaces (by person id).
  static absl::Status Put(platform::db::Transaction& tx, const StoredProfile& p);
  static absl::StatusOr<std::optional<StoredProfile>> Find(platform::db::Transaction& tx,
                                                           const std::string& person_id);
  // Profiles of a CPI after `after_person_id` ("" from the start), by person id; every state
  // when `state` is nullopt.
  static absl::StatusOr<std::vector<StoredProfile>> OfCpi(platform::db::Transaction& tx,
                                                          const std::string& cpi_code,
                                                          std::optional<ProfileState> state,
                                                          const std::string& after_person_id,
                                                          int limit);
  // Every profile after `after_person_id`, by person id (the matching index's load).
  static absl::StatusOr<std::vector<StoredProfile>> Page(platform::db::Transaction& tx,
                                                         const std::string& after_person_id,
                                                         int limit);
  // Validated profiles expiring on or before `day` not yet warned for that expiry.
  static absl::StatusOr<std::vector<StoredProfile>> ToWarn(platform::db::Transaction& tx,
                                                           absl::CivilDay day, int limit);
  // Validated profiles whose expiry is before `day`.
  static absl::StatusOr<std::vector<StoredProfile>> Expired(platform::db::Transaction& tx,
                                                            absl::CivilDay day, int limit);
};

// The profile's content as JSON (person id, CPI and validation date are columns, not in it).
std::string ProfileContentToJson(const CandidateProfile& p);
// Fills the content fields of `out` (unknown members ignored, missing ones defaulted):
// DATA_LOSS CORRUPT_RECORD when the text is not such JSON.
absl::Status ProfileContentFromJson(const std::string& json, CandidateProfile& out);

struct ReplicatedVacancy {
  Vacancy vacancy;  // its id, company, CPI, positions, state are also columns
  std::string company_name;
  std::string title;
  absl::Time updated_at;
};

class VacancyReplica final {
 public:
  // Inserts or replaces (by vacancy id).
  static absl::Status Put(platform::db::Transaction& tx, const ReplicatedVacancy& v);
  static absl::StatusOr<std::optional<ReplicatedVacancy>> Find(platform::db::Transaction& tx,
                                                               const std::string& vacancy_id);
  // Every vacancy after `after_id`, by id (the matching index's load).
  static absl::StatusOr<std::vector<ReplicatedVacancy>> Page(platform::db::Transaction& tx,
                                                             const std::string& after_id,
                                                             int limit);
};

std::string VacancyToJson(const Vacancy& v);
absl::StatusOr<Vacancy> VacancyFromJson(const std::string& json);

class ProposalStore final {
 public:
  // A new proposal with its history. ALREADY_EXISTS PROPOSAL_EXISTS when the vacancy and
  // person already have one (the transaction stays usable).
  static absl::Status Insert(platform::db::Transaction& tx, const Proposal& p, absl::Time now);
  // Writes the state columns and appends the steps of `p.history` from `known_steps` on.
  // ABORTED PROPOSAL_CHANGED when the stored history no longer has `known_steps` steps
  // (someone else acted meanwhile).
  static absl::Status Update(platform::db::Transaction& tx, const Proposal& p, size_t known_steps,
                             absl::Time now);
  // With its history.
  static absl::StatusOr<std::optional<Proposal>> Find(platform::db::Transaction& tx,
                                                      const std::string& proposal_id);
  static absl::StatusOr<std::optional<Proposal>> FindFor(platform::db::Transaction& tx,
                                                         const std::string& vacancy_id,
                                                         const std::string& person_id);
  // By proposal id after `after_id`, with their histories.
  static absl::StatusOr<std::vector<Proposal>> OfVacancy(platform::db::Transaction& tx,
                                                         const std::string& vacancy_id,
                                                         const std::string& after_id, int limit);
  static absl::StatusOr<std::vector<Proposal>> OfPerson(platform::db::Transaction& tx,
                                                        const std::string& person_id,
                                                        const std::string& after_id, int limit);
  // Proposed with a deadline before `today` (to lapse).
  static absl::StatusOr<std::vector<Proposal>> Lapsing(platform::db::Transaction& tx,
                                                       absl::CivilDay today, int limit);
};

// A staff read or change of a person's data, with its reason.
struct AuditEntry {
  std::string actor;
  std::string actor_role;
  std::string action;   // "matching.GetProfile", ...
  std::string subject;  // the person id
  std::string reason;
};

class StaffAudit final {
 public:
  static absl::Status Record(platform::db::Transaction& tx, const AuditEntry& e, absl::Time at);
};

}  // namespace sisl::matching::store

#endif  // SISL_SERVICES_MATCHING_STORE_MATCHING_STORE_H_
