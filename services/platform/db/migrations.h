#ifndef SISL_PLATFORM_DB_MIGRATIONS_H_
#define SISL_PLATFORM_DB_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/embedded.h"

namespace sisl::platform::db {

// Applies, in name order, the migrations (files named V<number>__<what>.sql) of `files` that the
// database has not seen yet, all in one transaction under a lock (a PostgreSQL advisory lock; a
// write transaction in SQLite), so replicas starting together do not race. Each applied file is
// recorded with a checksum; a recorded file whose content changed fails start-up.
// `scope` names the set (e.g. "platform", "booking") so several sets can share a database.
absl::Status ApplyMigrations(Database& db, const std::string& scope,
                             const std::vector<EmbeddedFile>& files,
                             const Clock& clock = SystemClock::Get());

// The platform's own tables (outbox, inbox), to apply before a service's migrations.
const std::vector<EmbeddedFile>& PlatformMigrations();

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_MIGRATIONS_H_
