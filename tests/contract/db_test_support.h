#ifndef SISL_TESTS_CONTRACT_DB_TEST_SUPPORT_H_
#define SISL_TESTS_CONTRACT_DB_TEST_SUPPORT_H_

// Opens the database adapter under test (SISL_DB_ADAPTER=sqlite|postgres) in a fresh namespace:
// a new SQLite file, or a new PostgreSQL schema on SISL_TEST_PG_URL.

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "services/platform/db/database.h"
#include "services/platform/ids.h"
#include "tests/contract/contract_env.h"

namespace sisl::testing_env {

class TestDatabase final {
 public:
  TestDatabase() {
    adapter_ = EnvOr("SISL_DB_ADAPTER", "sqlite");
    const std::string id = absl::StrReplaceAll(platform::NewUuidV7().substr(24), {{"-", ""}});
    if (adapter_ == "postgres") {
      pg_url_ = EnvOr("SISL_TEST_PG_URL", "");
      schema_ = absl::StrCat("t_", id);
    } else {
      file_ = std::filesystem::temp_directory_path() / absl::StrCat("sisl-contract-", id, ".db");
    }
  }
  ~TestDatabase() {
    if (!file_.empty()) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file_.string() + suffix, ec);
      }
    }
  }

  // A new handle on the same namespace (several handles act like several replicas).
  std::unique_ptr<platform::db::Database> Open() {
    platform::db::DatabaseOptions options;
    if (adapter_ == "postgres") {
      if (pg_url_.empty()) {
        ADD_FAILURE() << "SISL_TEST_PG_URL is not set: run deploy/infra.sh up and source "
                         ".run/infra/env (./sisl test does this)";
        return nullptr;
      }
      options.url = pg_url_;
      options.schema = schema_;
      options.pool_size = 16;
    } else {
      options.url = absl::StrCat("sqlite:", file_.string());
    }
    auto db = platform::db::OpenDatabase(options);
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  bool postgres() const { return adapter_ == "postgres"; }

 private:
  std::string adapter_;
  std::string pg_url_;
  std::string schema_;
  std::filesystem::path file_;
};

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_CONTRACT_DB_TEST_SUPPORT_H_
