// The relational store contract: the same assertions against SQLite and PostgreSQL.
#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/platform/db/database.h"
#include "services/platform/db/migrations.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "tests/contract/db_test_support.h"

namespace sisl::platform::db {
namespace {

using testing_env::IsOk;
using testing_env::TestDatabase;

class DbContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
      return tx.ExecuteScript(
          "CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT NOT NULL CHECK (n >= 0),"
          " d DOUBLE PRECISION, note TEXT);"
          "CREATE TABLE seats (slot TEXT NOT NULL, seat INTEGER NOT NULL, holder TEXT,"
          " live INTEGER NOT NULL DEFAULT 1);"
          "CREATE UNIQUE INDEX one_live_booking ON seats (slot, seat) WHERE live = 1;");
    })));
  }

  TestDatabase env_;
  std::unique_ptr<Database> db_;
};

TEST_F(DbContractTest, RoundTripsEveryValueType) {
  ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
    return tx
        .Execute("INSERT INTO items (id, n, d, note) VALUES ($1, $2, $3, $4)",
                 {std::string("a"), int64_t{9007199254740993}, 0.1 + 0.2, std::monostate{}})
        .status();
  })));
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  auto res = (*tx)->Execute("SELECT id, n, d, note FROM items WHERE id = $1", {std::string("a")});
  ASSERT_TRUE(res.ok()) << res.status();
  ASSERT_EQ(res->rows.size(), 1u);
  EXPECT_EQ(res->columns, (std::vector<std::string>{"id", "n", "d", "note"}));
  EXPECT_EQ(res->rows[0].Str(0), "a");
  EXPECT_EQ(res->rows[0].Int(1), 9007199254740993);
  EXPECT_DOUBLE_EQ(res->rows[0].Double(2), 0.1 + 0.2);
  EXPECT_TRUE(res->rows[0].IsNull(3));
}

TEST_F(DbContractTest, CountsAffectedRows) {
  ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
    for (const char* id : {"a", "b", "c"}) {
      auto r = tx.Execute("INSERT INTO items (id, n) VALUES ($1, 1)", {std::string(id)});
      if (!r.ok()) return r.status();
    }
    auto upd = tx.Execute("UPDATE items SET n = n + 1 WHERE id <> $1", {std::string("a")});
    if (!upd.ok()) return upd.status();
    EXPECT_EQ(upd->affected_rows, 2);
    auto none = tx.Execute("UPDATE items SET n = 5 WHERE id = $1", {std::string("zzz")});
    if (!none.ok()) return none.status();
    EXPECT_EQ(none->affected_rows, 0);
    return absl::OkStatus();
  })));
}

TEST_F(DbContractTest, DestroyingWithoutCommitRollsBack) {
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Execute("INSERT INTO items (id, n) VALUES ('x', 1)", {}).ok());
  }
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  auto res = (*tx)->Execute("SELECT COUNT(*) FROM items", {});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->rows[0].Int(0), 0);
}

TEST_F(DbContractTest, ConstraintViolationsHaveReasons) {
  ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
    return tx.Execute("INSERT INTO items (id, n) VALUES ('a', 1)", {}).status();
  })));
  absl::Status dup = InTransaction(*db_, [](Transaction& tx) {
    return tx.Execute("INSERT INTO items (id, n) VALUES ('a', 2)", {}).status();
  });
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists) << dup;
  EXPECT_EQ(ErrorReason(dup), "UNIQUE_VIOLATION");
  absl::Status check = InTransaction(*db_, [](Transaction& tx) {
    return tx.Execute("INSERT INTO items (id, n) VALUES ('b', -1)", {}).status();
  });
  EXPECT_EQ(check.code(), absl::StatusCode::kFailedPrecondition) << check;
  EXPECT_EQ(ErrorReason(check), "CONSTRAINT_VIOLATION");
}

TEST_F(DbContractTest, PartialUniqueIndexAllowsRebookingAfterRelease) {
  auto book = [this](const std::string& holder) {
    return InTransaction(*db_, [&](Transaction& tx) {
      return tx.Execute("INSERT INTO seats (slot, seat, holder) VALUES ('s1', 1, $1)", {holder})
          .status();
    });
  };
  ASSERT_TRUE(IsOk(book("p1")));
  EXPECT_EQ(ErrorReason(book("p2")), "UNIQUE_VIOLATION");
  ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
    return tx.Execute("UPDATE seats SET live = 0 WHERE holder = 'p1'", {}).status();
  })));
  EXPECT_TRUE(IsOk(book("p2")));
}

TEST_F(DbContractTest, ConditionalUpdatesNeverOversellAcrossHandles) {
  // Two handles act as two replicas; 40 buyers race for 10 units of stock.
  auto second = env_.Open();
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(IsOk(InTransaction(*db_, [](Transaction& tx) {
    return tx.Execute("INSERT INTO items (id, n) VALUES ('stock', 10)", {}).status();
  })));
  std::atomic<int> sold{0};
  std::vector<std::thread> buyers;
  for (int i = 0; i < 40; ++i) {
    Database* db = (i % 2 == 0) ? db_.get() : second.get();
    buyers.emplace_back([db, &sold] {
      absl::Status st = InTransaction(
          *db,
          [&](Transaction& tx) -> absl::Status {
            auto r = tx.Execute("UPDATE items SET n = n - 1 WHERE id = 'stock' AND n > 0", {});
            if (!r.ok()) return r.status();
            if (r->affected_rows == 1) sold.fetch_add(1);
            return absl::OkStatus();
          },
          10);
      EXPECT_TRUE(st.ok()) << st;
    });
  }
  for (auto& t : buyers) t.join();
  EXPECT_EQ(sold.load(), 10);
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  auto res = (*tx)->Execute("SELECT n FROM items WHERE id = 'stock'", {});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->rows[0].Int(0), 0);
}

TEST_F(DbContractTest, MigrationsApplyOnceAndDetectEdits) {
  std::vector<EmbeddedFile> files = {
      {"V002__b.sql", "ALTER TABLE m1 ADD COLUMN extra TEXT"},
      {"V001__a.sql", "CREATE TABLE m1 (id TEXT PRIMARY KEY)"},
  };
  ASSERT_TRUE(IsOk(ApplyMigrations(*db_, "test", files)));
  ASSERT_TRUE(IsOk(ApplyMigrations(*db_, "test", files)));  // no-op the second time
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  auto res = (*tx)->Execute("SELECT COUNT(*) FROM schema_migrations WHERE scope = 'test'", {});
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->rows[0].Int(0), 2);
  tx->reset();

  files[1].content += " ";
  absl::Status changed = ApplyMigrations(*db_, "test", files);
  EXPECT_EQ(ErrorReason(changed), "MIGRATION_CHANGED") << changed;
  absl::Status bad = ApplyMigrations(*db_, "other", {{"create.sql", "SELECT 1"}});
  EXPECT_EQ(ErrorReason(bad), "BAD_MIGRATION_NAME") << bad;
}

TEST_F(DbContractTest, FailedMigrationLeavesNothingBehind) {
  absl::Status st = ApplyMigrations(
      *db_, "broken",
      {{"V001__ok.sql", "CREATE TABLE half (id TEXT)"}, {"V002__bad.sql", "CREATE TABLEX oops"}});
  EXPECT_FALSE(st.ok());
  auto tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  // The first migration was rolled back with the second: the table does not exist.
  EXPECT_FALSE((*tx)->Execute("SELECT COUNT(*) FROM half", {}).ok());
}

TEST_F(DbContractTest, ReplicasMigratingTogetherApplyEachFileOnce) {
  std::vector<std::unique_ptr<Database>> handles;
  for (int i = 0; i < 4; ++i) handles.push_back(env_.Open());
  const std::vector<EmbeddedFile> files = {{"V001__t.sql", "CREATE TABLE race (id TEXT)"}};
  std::vector<std::thread> replicas;
  std::atomic<int> failures{0};
  for (auto& h : handles) {
    replicas.emplace_back([&h, &files, &failures] {
      absl::Status st = ApplyMigrations(*h, "race", files);
      if (!st.ok()) {
        failures.fetch_add(1);
        ADD_FAILURE() << st;
      }
    });
  }
  for (auto& t : replicas) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(DbContractTest, InsertRowsWritesEveryRowInOrderAcrossStatements) {
  // 4 values a row: 7500 rows a statement, so 20000 rows take three statements.
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 20000; ++i) {
    rows.push_back({absl::StrCat("r", 100000 + i), int64_t{i}, i * 0.5,
                    i % 2 == 0 ? Value(std::monostate{}) : Value(absl::StrCat("note ", i))});
  }
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    absl::StatusOr<int64_t> n = InsertRows(tx, "INSERT INTO items (id, n, d, note)", rows);
    if (!n.ok()) return n.status();
    EXPECT_EQ(*n, 20000);
    return absl::OkStatus();
  })));
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    absl::StatusOr<Result> all = tx.Execute("SELECT id, n, d, note FROM items ORDER BY id");
    if (!all.ok()) return all.status();
    EXPECT_EQ(all->rows.size(), 20000u);
    for (size_t i = 0; i < all->rows.size(); i += 4999) {
      const Row& r = all->rows[i];
      EXPECT_EQ(r.Str(0), absl::StrCat("r", 100000 + i));
      EXPECT_EQ(r.Int(1), static_cast<int64_t>(i));
      EXPECT_EQ(r.Double(2), i * 0.5);
      EXPECT_EQ(r.IsNull(3), i % 2 == 0);
    }
    return absl::OkStatus();
  })));
}

TEST_F(DbContractTest, InsertRowsHonoursTheTailAndRefusesRaggedRows) {
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    EXPECT_EQ(*InsertRows(tx, "INSERT INTO items (id, n)", {}), 0);
    EXPECT_EQ(*InsertRows(tx, "INSERT INTO items (id, n)",
                          {{std::string("a"), int64_t{1}}, {std::string("b"), int64_t{2}}}),
              2);
    absl::StatusOr<int64_t> upserted =
        InsertRows(tx, "INSERT INTO items (id, n)",
                   {{std::string("a"), int64_t{10}}, {std::string("c"), int64_t{3}}},
                   "ON CONFLICT (id) DO UPDATE SET n = excluded.n");
    EXPECT_TRUE(upserted.ok()) << upserted.status();
    absl::StatusOr<Result> a = tx.Execute("SELECT n FROM items WHERE id = 'a'");
    EXPECT_EQ(a->rows.at(0).Int(0), 10);
    absl::StatusOr<int64_t> ragged = InsertRows(
        tx, "INSERT INTO items (id, n)", {{std::string("d"), int64_t{1}}, {std::string("e")}});
    EXPECT_TRUE(absl::IsInvalidArgument(ragged.status())) << ragged.status();
    // A violated constraint in any row fails the statement with its reason.
    absl::StatusOr<int64_t> negative =
        InsertRows(tx, "INSERT INTO items (id, n)",
                   {{std::string("f"), int64_t{1}}, {std::string("g"), int64_t{-1}}});
    EXPECT_EQ(ErrorReason(negative.status()), "CONSTRAINT_VIOLATION") << negative.status();
    return absl::OkStatus();
  })));
}

TEST_F(DbContractTest, ExecuteInReadsEveryChunkAfterTheFixedParameters) {
  std::vector<std::vector<Value>> rows;
  std::vector<std::string> wanted;
  for (int i = 0; i < 40000; ++i) {
    rows.push_back({absl::StrCat("k", i), int64_t{i % 3}});
    wanted.push_back(absl::StrCat("k", i));  // 40000 keys: two statements
  }
  wanted.push_back("missing");
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    if (absl::Status s = InsertRows(tx, "INSERT INTO items (id, n)", rows).status(); !s.ok()) {
      return s;
    }
    absl::StatusOr<Result> found =
        ExecuteIn(tx, "SELECT id FROM items WHERE n = $1 AND id IN ({keys})", wanted, {int64_t{0}});
    if (!found.ok()) return found.status();
    // i % 3 == 0: 13334 of them below 40000.
    EXPECT_EQ(found->rows.size(), 13334u);
    EXPECT_EQ(found->columns, std::vector<std::string>{"id"});
    // An update over the same keys counts what every chunk changed.
    absl::StatusOr<Result> updated =
        ExecuteIn(tx, "UPDATE items SET n = $1 WHERE n = $2 AND id IN ({keys})", wanted,
                  {int64_t{7}, int64_t{0}});
    if (!updated.ok()) return updated.status();
    EXPECT_EQ(updated->affected_rows, 13334);
    EXPECT_TRUE(updated->rows.empty());
    return absl::OkStatus();
  })));
}

// CopyRows writes what it is given, byte for byte (COPY's separators and escapes in the values
// included), NULLs and numbers too, for a few rows (INSERT) and for many (COPY on PostgreSQL).
TEST_F(DbContractTest, CopyRowsWritesEveryValueAsGiven) {
  const std::string awkward = "tab\there\nnew line\r\\N back\\slash \u00e8 'quote' \"";
  for (const int count : {3, 40}) {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < count; ++i) {
      rows.push_back({absl::StrCat("c", count, "-", i), int64_t{i}, 0.25 * i,
                      i % 2 == 0 ? Value(absl::StrCat(awkward, i)) : Value(std::monostate{})});
    }
    ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
      absl::StatusOr<int64_t> written = tx.CopyRows("items", {"id", "n", "d", "note"}, rows);
      if (!written.ok()) return written.status();
      EXPECT_EQ(*written, count);
      return absl::OkStatus();
    })));
    ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
      absl::StatusOr<Result> read =
          tx.Execute("SELECT id, n, d, note FROM items WHERE id LIKE $1 ORDER BY n",
                     {absl::StrCat("c", count, "-%")});
      if (!read.ok()) return read.status();
      EXPECT_EQ(read->rows.size(), static_cast<size_t>(count));
      int i = 0;
      for (const RowReader& r : Rows(*read)) {
        EXPECT_EQ(r.Int("n"), i);
        EXPECT_DOUBLE_EQ(r.Double("d"), 0.25 * i);
        if (i % 2 == 0) {
          EXPECT_EQ(r.Str("note"), absl::StrCat(awkward, i));
        } else {
          EXPECT_TRUE(r.IsNull("note"));
        }
        ++i;
      }
      return absl::OkStatus();
    })));
  }
  // A violated constraint fails the whole write with its reason; nothing of it stays.
  for (const int count : {3, 40}) {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < count; ++i) rows.push_back({absl::StrCat("v", count, "-", i), int64_t{i}});
    rows.push_back({std::string("c40-0"), int64_t{1}});  // written above
    absl::Status dup = InTransaction(*db_, [&](Transaction& tx) {
      return tx.CopyRows("items", {"id", "n"}, rows).status();
    });
    EXPECT_EQ(ErrorReason(dup), "UNIQUE_VIOLATION") << dup;
    rows.back() = {absl::StrCat("neg", count), int64_t{-1}};
    absl::Status check = InTransaction(*db_, [&](Transaction& tx) {
      return tx.CopyRows("items", {"id", "n"}, rows).status();
    });
    EXPECT_EQ(ErrorReason(check), "CONSTRAINT_VIOLATION") << check;
    ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
      absl::StatusOr<Result> left = tx.Execute("SELECT COUNT(*) AS n FROM items WHERE id LIKE $1",
                                               {absl::StrCat("v", count, "-%")});
      if (!left.ok()) return left.status();
      EXPECT_EQ(Rows(*left).front().Int("n"), 0);
      return absl::OkStatus();
    })));
  }
}

// Analyze refreshes the planner's statistics on PostgreSQL (the row count the planner sees) and
// is nothing on SQLite; a table that does not exist is an error there, not silence.
TEST_F(DbContractTest, AnalyzeShowsThePlannerTheRowsNowThere) {
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 500; ++i) rows.push_back({absl::StrCat("a", i), int64_t{i}});
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) {
    return tx.CopyRows("items", {"id", "n"}, rows).status();
  })));
  ASSERT_TRUE(IsOk(db_->Analyze({"items", "seats"})));
  EXPECT_TRUE(IsOk(db_->Analyze({})));
  if (db_->dialect() != Dialect::kPostgres) return;
  ASSERT_TRUE(IsOk(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    absl::StatusOr<Result> planned =
        tx.Execute("SELECT reltuples::BIGINT AS n FROM pg_class WHERE oid = 'items'::regclass");
    if (!planned.ok()) return planned.status();
    EXPECT_EQ(Rows(*planned).front().Int("n"), 500);
    return absl::OkStatus();
  })));
  EXPECT_FALSE(db_->Analyze({"no_such_table"}).ok());
}

}  // namespace
}  // namespace sisl::platform::db
