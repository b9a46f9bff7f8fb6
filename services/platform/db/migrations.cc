#include "services/platform/db/migrations.h"

#include <cstdint>
#include <map>
#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::db {
namespace {

// Arbitrary constant key of the advisory lock that serialises migrations across replicas.
constexpr int64_t kMigrationLockKey = 0x5151'0001;

std::string Checksum(const std::string& content) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return absl::StrFormat("%016x", h);
}

absl::Status ApplyAll(Transaction& tx, Dialect dialect, const std::string& scope,
                      const std::vector<EmbeddedFile>& files, const Clock& clock,
                      std::vector<std::string>& applied_names) {
  if (dialect == Dialect::kPostgres) {
    RETURN_IF_ERROR(tx.Execute("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey}).status());
  }
  RETURN_IF_ERROR(
      tx.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " scope TEXT NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,"
                       " applied_at BIGINT NOT NULL, PRIMARY KEY (scope, name))"));
  ASSIGN_OR_RETURN(
      const Result applied,
      tx.Execute("SELECT name, checksum FROM schema_migrations WHERE scope = $1", {scope}));
  std::map<std::string, std::string> done;
  for (const RowReader& row : Rows(applied)) done[row.Str("name")] = row.Str("checksum");

  static const std::regex kName(R"(V[0-9]+__[A-Za-z0-9_]+\.sql)");
  for (const EmbeddedFile& file : files) {
    if (!std::regex_match(file.name, kName)) {
      return Error(absl::StatusCode::kFailedPrecondition, "BAD_MIGRATION_NAME",
                   absl::StrCat("migration file name must look like V001__what.sql: ", file.name));
    }
    const std::string sum = Checksum(file.content);
    if (auto it = done.find(file.name); it != done.end()) {
      if (it->second != sum) {
        return Error(absl::StatusCode::kFailedPrecondition, "MIGRATION_CHANGED",
                     absl::StrCat("migration ", scope, "/", file.name,
                                  " was changed after it was applied; add a new one instead"));
      }
      continue;
    }
    if (absl::Status st = tx.ExecuteScript(file.content); !st.ok()) {
      return Annotate(st, absl::StrCat("migration ", scope, "/", file.name));
    }
    RETURN_IF_ERROR(tx.Execute("INSERT INTO schema_migrations (scope, name, checksum, applied_at)"
                               " VALUES ($1,$2,$3,$4)",
                               {scope, file.name, sum, ToUnixMicrosUtc(clock.Now())})
                        .status());
    applied_names.push_back(file.name);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyMigrations(Database& db, const std::string& scope,
                             const std::vector<EmbeddedFile>& files, const Clock& clock) {
  std::vector<EmbeddedFile> sorted = files;
  std::sort(sorted.begin(), sorted.end(),
            [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.name < b.name; });
  ASSIGN_OR_RETURN(auto tx, db.Begin());
  std::vector<std::string> applied;
  RETURN_IF_ERROR(ApplyAll(*tx, db.dialect(), scope, sorted, clock, applied));
  RETURN_IF_ERROR(tx->Commit());
  for (const auto& name : applied)
    log::Info("migration applied", {{"scope", scope}, {"name", name}});
  return absl::OkStatus();
}

const std::vector<EmbeddedFile>& PlatformMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>{
      {"V001__outbox_inbox.sql",
       "CREATE TABLE outbox ("
       " id TEXT PRIMARY KEY,"  // the event id (UUIDv7): also the publication order
       " topic TEXT NOT NULL,"
       " event_key TEXT NOT NULL,"
       " event_type TEXT NOT NULL,"
       " payload TEXT NOT NULL,"  // base64 of the serialized sisl.events.v1.Event
       " headers TEXT NOT NULL,"  // JSON object
       " created_at BIGINT NOT NULL,"
       " sent_at BIGINT);"
       "CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;"
       "CREATE TABLE inbox ("
       " consumer TEXT NOT NULL,"
       " event_id TEXT NOT NULL,"
       " processed_at BIGINT NOT NULL,"
       " PRIMARY KEY (consumer, event_id));"},
      {"V002__request_ids.sql",
       "CREATE TABLE request_ids ("  // AIP-155 idempotency keys of creates (request_ids.h)
       " operation TEXT NOT NULL,"
       " owner TEXT NOT NULL,"
       " request_id TEXT NOT NULL,"
       " resource_id TEXT NOT NULL,"
       " created_at BIGINT NOT NULL,"
       " PRIMARY KEY (operation, owner, request_id));"},
      {"V003__outbox_dead_letters.sql",
       // Publication attempts of an event the bus keeps refusing, and where it is parked after
       // too many (outbox/relay.h), so one poison event cannot stop the relay.
       "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
       "ALTER TABLE outbox ADD COLUMN last_error TEXT;"
       "ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT;"
       "CREATE TABLE outbox_dead_letters ("
       " id TEXT PRIMARY KEY,"
       " topic TEXT NOT NULL,"
       " event_key TEXT NOT NULL,"
       " event_type TEXT NOT NULL,"
       " payload TEXT NOT NULL,"
       " headers TEXT NOT NULL,"
       " created_at BIGINT NOT NULL,"
       " attempts INTEGER NOT NULL,"
       " last_error TEXT NOT NULL,"
       " parked_at BIGINT NOT NULL);"},
  };
  return *files;
}

}  // namespace sisl::platform::db
