#ifndef SISL_SERVICES_COMMUNICATIONS_APP_DEPS_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_DEPS_H_

#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/outbox/committer.h"

namespace sisl::communications {

// What every use case of the service works with.
struct Deps {
  platform::db::Database& db;
  platform::outbox::Committer& committer;
  const platform::Clock& clock;
  const platform::auth::PersonIdHasher& person_ids;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_DEPS_H_
