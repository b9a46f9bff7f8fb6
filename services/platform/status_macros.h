#ifndef SISL_PLATFORM_STATUS_MACROS_H_
#define SISL_PLATFORM_STATUS_MACROS_H_

// Early-return helpers for absl::Status and absl::StatusOr, so expected failures travel up without
// a hand-written `if (!x.ok()) return x.status();` at every step.
//
//   RETURN_IF_ERROR(store.Insert(tx, row));
//   ASSIGN_OR_RETURN(Office office, store.Get(tx, code));
//   ASSIGN_OR_RETURN(auto rows, tx.Execute(sql, params));
//
// Both work in functions returning absl::Status or absl::StatusOr<T>. The expression is evaluated
// exactly once. ASSIGN_OR_RETURN's left side may declare a variable or name an existing one.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sisl::platform::internal {

inline const absl::Status& AsStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace sisl::platform::internal

#define SISL_STATUS_CONCAT_INNER_(a, b) a##b
#define SISL_STATUS_CONCAT_(a, b) SISL_STATUS_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                                                  \
  do {                                                                         \
    if (const auto& sisl_status_ = (expr); !sisl_status_.ok()) {               \
      return ::sisl::platform::internal::AsStatus(sisl_status_);               \
    }                                                                          \
  } while (false)

#define SISL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return std::move(tmp).status();    \
  lhs = *std::move(tmp)

#define ASSIGN_OR_RETURN(lhs, expr) \
  SISL_ASSIGN_OR_RETURN_IMPL_(SISL_STATUS_CONCAT_(sisl_status_or_, __LINE__), lhs, expr)

#endif  // SISL_PLATFORM_STATUS_MACROS_H_
