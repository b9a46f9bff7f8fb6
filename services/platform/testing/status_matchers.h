#ifndef SISL_PLATFORM_TESTING_STATUS_MATCHERS_H_
#define SISL_PLATFORM_TESTING_STATUS_MATCHERS_H_

// Matchers for absl::Status and absl::StatusOr<T> in tests:
//
//   EXPECT_THAT(store.Get(tx, id), IsOk());
//   EXPECT_THAT(manager.Book(...), StatusIs(absl::StatusCode::kFailedPrecondition));
//   EXPECT_THAT(manager.Book(...), HasReason("SLOT_TAKEN"));
//   ASSERT_OK_AND_ASSIGN(Appointment a, manager.Book(...));

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::testing {

inline const absl::Status& StatusOf(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = StatusOf(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P(HasReason, reason, std::string("fails with reason ") + reason) {
  const absl::Status& status = StatusOf(arg);
  *result_listener << "status is " << status << " (reason '" << ErrorReason(status) << "')";
  return !status.ok() && ErrorReason(status) == reason;
}

}  // namespace sisl::platform::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::sisl::platform::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::sisl::platform::testing::IsOk())

#define SISL_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  ASSERT_THAT(tmp, ::sisl::platform::testing::IsOk());  \
  lhs = *std::move(tmp)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  SISL_ASSERT_OK_AND_ASSIGN_IMPL_(SISL_STATUS_CONCAT_(sisl_assert_or_, __LINE__), lhs, expr)

#endif  // SISL_PLATFORM_TESTING_STATUS_MATCHERS_H_
