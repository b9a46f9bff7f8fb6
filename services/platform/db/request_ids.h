#ifndef SISL_PLATFORM_DB_REQUEST_IDS_H_
#define SISL_PLATFORM_DB_REQUEST_IDS_H_

#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/db/database.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::db {

// A create request's idempotency key (AIP-155 `request_id`), scoped by operation and caller so
// two callers, or two operations, never collide.
struct RequestKey {
  std::string operation;   // e.g. "booking.BookAppointment"
  std::string owner;       // the caller's subject
  std::string request_id;  // as sent; empty: not idempotent
};

// Claims `key` inside `tx` (platform table request_ids). Returns the id recorded by an earlier
// request with the same key, or nullopt when this request is the first: then record what it
// creates with CompleteRequest() in the same transaction. A concurrent duplicate waits for the
// first to commit (PostgreSQL's unique index; SQLite's single writer) and then sees its id.
absl::StatusOr<std::optional<std::string>> ClaimRequest(Transaction& tx, const RequestKey& key,
                                                        absl::Time now);
absl::Status CompleteRequest(Transaction& tx, const RequestKey& key, const std::string& id);

// The one way to make a create idempotent:
//
//   ASSIGN_OR_RETURN(Appointment a, CreateOnce<Appointment>(tx, key, now,
//       /*load=*/[&](const std::string& id) { return store.Get(tx, id); },
//       /*create=*/[&]() { return Book(tx, ...); },
//       /*id_of=*/[](const Appointment& a) { return a.id; }));
template <typename T>
absl::StatusOr<T> CreateOnce(Transaction& tx, const RequestKey& key, absl::Time now,
                             absl::FunctionRef<absl::StatusOr<T>(const std::string&)> load,
                             absl::FunctionRef<absl::StatusOr<T>()> create,
                             absl::FunctionRef<std::string(const T&)> id_of) {
  if (key.request_id.empty()) return create();
  ASSIGN_OR_RETURN(std::optional<std::string> earlier, ClaimRequest(tx, key, now));
  if (earlier.has_value()) return load(*earlier);
  ASSIGN_OR_RETURN(T created, create());
  RETURN_IF_ERROR(CompleteRequest(tx, key, id_of(created)));
  return created;
}

}  // namespace sisl::platform::db

#endif  // SISL_PLATFORM_DB_REQUEST_IDS_H_
