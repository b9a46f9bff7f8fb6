// What every use case of the matching service works with.
#ifndef SISL_SERVICES_MATCHING_APP_DEPS_H_
#define SISL_SERVICES_MATCHING_APP_DEPS_H_

#include "services/matching/domain/index.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/outbox/committer.h"

namespace sisl::matching {

struct Settings {
  // Enterprise's vacancies name a workplace, not an area: candidates living this far at most.
  int default_area_radius_km = 50;
  // The warning event goes this many days before a validated profile expires.
  int expiry_warning_days = 30;
  // Candidates a match answers at most.
  int max_results = 200;
};

struct Deps {
  platform::db::Database& db;
  platform::outbox::Committer& committer;
  const platform::Clock& clock;
  const platform::auth::PersonIdHasher& person_ids;
  MatchingIndex& index;
  const Settings& settings;
};

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_DEPS_H_
