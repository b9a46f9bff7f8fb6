#include "services/platform/db/migrations.h"

#include <cstdint>
#include <map>
#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

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
    auto locked = tx.Execute("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey});
    if (!locked.ok()) return locked.status();
  }
  absl::Status st = tx.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " scope TEXT NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL,"
      " applied_at BIGINT NOT NULL, PRIMARY KEY (scope, name))");
  if (!st.ok()) return st;
  auto applied = tx.Execute("SELECT name, checksum FROM schema_migrations WHERE scope = $1",
                            {scope});
  if (!applied.ok()) return applied.status();
  std::map<std::string, std::string> done;
  for (const Row& row : applied->rows) done[row.Str(0)] = row.Str(1);

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
    if (st = tx.ExecuteScript(file.content); !st.ok()) {
      return Annotate(st, absl::StrCat("migration ", scope, "/", file.name));
    }
    auto rec = tx.Execute(
        "INSERT INTO schema_migrations (scope, name, checksum, applied_at) VALUES ($1,$2,$3,$4)",
        {scope, file.name, sum, ToUnixMicrosUtc(clock.Now())});
    if (!rec.ok()) return rec.status();
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
  auto tx = db.Begin();
  if (!tx.ok()) return tx.status();
  std::vector<std::string> applied;
  if (absl::Status st = ApplyAll(**tx, db.dialect(), scope, sorted, clock, applied); !st.ok()) {
    return st;
  }
  if (absl::Status st = (*tx)->Commit(); !st.ok()) return st;
  for (const auto& name : applied) log::Info("migration applied", {{"scope", scope}, {"name", name}});
  return absl::OkStatus();
}

const std::vector<EmbeddedFile>& PlatformMigrations() {
  static const auto* files = new std::vector<EmbeddedFile>{
      {"V001__outbox_inbox.sql",
       "CREATE TABLE outbox ("
       " id TEXT PRIMARY KEY,"          // the event id (UUIDv7): also the publication order
       " topic TEXT NOT NULL,"
       " event_key TEXT NOT NULL,"
       " event_type TEXT NOT NULL,"
       " payload TEXT NOT NULL,"        // base64 of the serialized sisl.events.v1.Event
       " headers TEXT NOT NULL,"        // JSON object
       " created_at BIGINT NOT NULL,"
       " sent_at BIGINT);"
       "CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;"
       "CREATE TABLE inbox ("
       " consumer TEXT NOT NULL,"
       " event_id TEXT NOT NULL,"
       " processed_at BIGINT NOT NULL,"
       " PRIMARY KEY (consumer, event_id));"},
  };
  return *files;
}

}  // namespace sisl::platform::db
