// RETURN_IF_ERROR and ASSIGN_OR_RETURN: early returns, single evaluation, both return types.
#include "services/platform/status_macros.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::platform {
namespace {

using testing::HasReason;
using testing::IsOk;
using testing::StatusIs;

absl::Status Fails() { return Error(absl::StatusCode::kNotFound, "THING_NOT_FOUND", "no thing"); }
absl::StatusOr<int> Number(bool ok) {
  if (!ok) return Error(absl::StatusCode::kInvalidArgument, "BAD_NUMBER", "bad");
  return 42;
}

absl::Status Chain(bool first_ok, int* reached) {
  RETURN_IF_ERROR(first_ok ? absl::OkStatus() : Fails());
  *reached = 1;
  ASSIGN_OR_RETURN(const int n, Number(true));
  *reached = n;
  return absl::OkStatus();
}

absl::StatusOr<std::string> Doubled(bool ok) {
  ASSIGN_OR_RETURN(int n, Number(ok));
  return std::to_string(n * 2);
}

TEST(StatusMacrosTest, ReturnIfErrorPassesTheFailureUpUnchanged) {
  int reached = 0;
  EXPECT_THAT(Chain(false, &reached), HasReason("THING_NOT_FOUND"));
  EXPECT_EQ(reached, 0);
  EXPECT_THAT(Chain(true, &reached), IsOk());
  EXPECT_EQ(reached, 42);
}

TEST(StatusMacrosTest, AssignOrReturnWorksInStatusOrFunctions) {
  EXPECT_THAT(Doubled(false), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Doubled(false), HasReason("BAD_NUMBER"));
  ASSERT_OK_AND_ASSIGN(std::string s, Doubled(true));
  EXPECT_EQ(s, "84");
}

TEST(StatusMacrosTest, EvaluatesTheExpressionOnce) {
  int calls = 0;
  auto counted = [&calls]() -> absl::StatusOr<std::unique_ptr<int>> {
    ++calls;
    return std::make_unique<int>(7);
  };
  auto run = [&]() -> absl::Status {
    RETURN_IF_ERROR(counted());
    ASSIGN_OR_RETURN(std::unique_ptr<int> moved, counted());  // move-only values work
    EXPECT_EQ(*moved, 7);
    return absl::OkStatus();
  };
  EXPECT_THAT(run(), IsOk());
  EXPECT_EQ(calls, 2);
}

TEST(StatusMacrosTest, AssignsToAnExistingVariable) {
  auto run = [](bool ok, int* out) -> absl::Status {
    ASSIGN_OR_RETURN(*out, Number(ok));
    return absl::OkStatus();
  };
  int value = 0;
  EXPECT_THAT(run(false, &value), HasReason("BAD_NUMBER"));
  EXPECT_EQ(value, 0);
  EXPECT_THAT(run(true, &value), IsOk());
  EXPECT_EQ(value, 42);
}

TEST(StatusMatchersTest, MatchersFailOnTheWrongStatus) {
  EXPECT_FALSE(::testing::Matches(IsOk())(Fails()));
  EXPECT_FALSE(::testing::Matches(HasReason("OTHER"))(Fails()));
  EXPECT_FALSE(::testing::Matches(HasReason("THING_NOT_FOUND"))(absl::OkStatus()));
  EXPECT_FALSE(::testing::Matches(StatusIs(absl::StatusCode::kInternal))(Number(false)));
}

}  // namespace
}  // namespace sisl::platform
