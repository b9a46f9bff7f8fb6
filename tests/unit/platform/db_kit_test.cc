// The store helpers of the kit: RowReader by column name and request-id idempotency.
#include <string>

#include "gtest/gtest.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/db/migrations.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::platform::db {
namespace {

using testing::IsOk;

class DbKitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(db_, OpenDatabase({.url = "sqlite::memory:"}));
    ASSERT_OK(ApplyMigrations(*db_, "platform", PlatformMigrations(), clock_));
  }
  FakeClock clock_{absl::FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<Database> db_;
};

TEST_F(DbKitTest, RowReaderReadsByColumnName) {
  ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin());
  ASSERT_OK_AND_ASSIGN(Result r, tx->Execute("SELECT 'TO-01' AS site, 5 AS seats, 1 AS open,"
                                             " 1800000000000000 AS at, NULL AS gone"));
  ASSERT_EQ(Rows(r).size(), 1u);
  const RowReader row = Rows(r).front();
  EXPECT_EQ(row.Str("site"), "TO-01");
  EXPECT_EQ(row.Int("seats"), 5);
  EXPECT_TRUE(row.Bool("open"));
  EXPECT_EQ(row.Time("at"), absl::FromUnixSeconds(1'800'000'000));
  EXPECT_TRUE(row.IsNull("gone"));
  EXPECT_FALSE(row.IsNull("site"));
}

TEST_F(DbKitTest, RowsIterateEveryRow) {
  ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin());
  ASSERT_OK_AND_ASSIGN(Result r, tx->Execute("SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3"));
  int64_t sum = 0;
  for (const RowReader& row : Rows(r)) sum += row.Int("n");
  EXPECT_EQ(sum, 6);
}

TEST_F(DbKitTest, RowReaderAbortsOnAColumnTheQueryDoesNotSelect) {
  EXPECT_DEATH(
      {
        auto tx = db_->Begin();
        auto r = (*tx)->Execute("SELECT 1 AS n");
        (void)Rows(*r).front().Int("m");
      },
      "selects no column 'm'");
}

// A create made idempotent: the first request creates, a repeat returns what it created.
absl::StatusOr<std::string> CreateThing(Transaction& tx, const RequestKey& key, absl::Time now,
                                        int* creations) {
  return CreateOnce<std::string>(
      tx, key, now, [](const std::string& id) -> absl::StatusOr<std::string> { return id; },
      [&]() -> absl::StatusOr<std::string> {
        ++*creations;
        return "thing-" + std::to_string(*creations);
      },
      [](const std::string& id) { return id; });
}

TEST_F(DbKitTest, CreateOnceReturnsTheFirstResultForARepeatedKey) {
  int creations = 0;
  std::string first, again, other_owner, no_key;
  auto run = [&](const RequestKey& key, std::string* out) {
    return InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(*out, CreateThing(tx, key, clock_.Now(), &creations));
      return absl::OkStatus();
    });
  };
  ASSERT_OK(run({"op", "alice", "r-1"}, &first));
  ASSERT_OK(run({"op", "alice", "r-1"}, &again));
  EXPECT_EQ(first, again);
  EXPECT_EQ(creations, 1);
  ASSERT_OK(run({"op", "bob", "r-1"}, &other_owner));  // keys are per caller
  EXPECT_NE(other_owner, first);
  ASSERT_OK(run({"op", "alice", ""}, &no_key));  // no request id: not idempotent
  EXPECT_EQ(creations, 3);
}

TEST_F(DbKitTest, ARolledBackCreateLeavesTheKeyFree) {
  int creations = 0;
  absl::Status failed = InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    RETURN_IF_ERROR(CreateThing(tx, {"op", "alice", "r-2"}, clock_.Now(), &creations).status());
    return absl::FailedPreconditionError("later step fails");
  });
  EXPECT_FALSE(failed.ok());
  std::string id;
  ASSERT_OK(InTransaction(*db_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(id, CreateThing(tx, {"op", "alice", "r-2"}, clock_.Now(), &creations));
    return absl::OkStatus();
  }));
  EXPECT_EQ(creations, 2);
  EXPECT_EQ(id, "thing-2");
}

TEST_F(DbKitTest, OverlongRequestIdsAreRefused) {
  ASSERT_OK_AND_ASSIGN(auto tx, db_->Begin());
  EXPECT_THAT(ClaimRequest(*tx, {"op", "alice", std::string(129, 'x')}, clock_.Now()),
              testing::HasReason("INVALID_REQUEST_ID"));
}

}  // namespace
}  // namespace sisl::platform::db
