// Candidate profiles: the citizen's own (after SPID login), and every profile of a CPI for its
// operators (reads and changes audited with a reason). A citizen's change asks for validation
// again (an operator vouches for what is matched); an operator's validation makes the profile
// matched until it expires (365 days; never for the L.68/99 lists). Experiences come prefilled
// from the person's relationships in communications.
#ifndef SISL_SERVICES_MATCHING_APP_PROFILES_H_
#define SISL_SERVICES_MATCHING_APP_PROFILES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/app/access.h"
#include "services/matching/app/deps.h"
#include "services/matching/store/matching_store.h"

namespace sisl::matching {

struct ProfileRecord {
  store::StoredProfile profile;
  bool stored = false;  // false: a draft never saved (prefilled)
};

struct ProfilePage {
  std::vector<store::StoredProfile> profiles;
  std::string next_page_token;
};

class Profiles final {
 public:
  explicit Profiles(const Deps& deps) : deps_(deps) {}

  absl::StatusOr<ProfileRecord> GetMine(const Caller& caller);
  absl::StatusOr<ProfileRecord> UpdateMine(const Caller& caller, CandidateProfile content,
                                           const std::string& given_name,
                                           const std::string& family_name);
  // Operators of the person's CPI (a profile not stored yet: any operator), audited.
  absl::StatusOr<ProfileRecord> Get(const Caller& caller, const std::string& person_id,
                                    const std::string& reason);
  absl::StatusOr<ProfileRecord> Lookup(const Caller& caller, const std::string& fiscal_code,
                                       const std::string& reason);
  absl::StatusOr<ProfileRecord> Update(const Caller& caller, const std::string& person_id,
                                       CandidateProfile content, const std::string& reason);
  absl::StatusOr<ProfileRecord> Validate(const Caller& caller, const std::string& person_id);
  absl::StatusOr<ProfilePage> List(const Caller& caller, std::optional<store::ProfileState> state,
                                   int page_size, const std::string& page_token);

  // The schedule: warns of profiles about to expire and marks the expired ones (events
  // ProfileExpiring; the index drops expired profiles by its own filter). Returns how many rows
  // it changed.
  absl::StatusOr<int> RunExpiry(int batch);

  // After a commit: the stored profile into this process's index.
  void Reindex(const std::string& person_id);

 private:
  absl::StatusOr<ProfileRecord> Load(platform::db::Transaction& tx, const std::string& person_id);
  // Validates `content` for `person_id` and stores it with `state`; emits ProfileChanged.
  absl::StatusOr<ProfileRecord> Save(platform::db::Transaction& tx,
                                     platform::outbox::EventWriter& events, ProfileRecord current,
                                     CandidateProfile content, bool keep_validation);

  const Deps deps_;
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_PROFILES_H_
