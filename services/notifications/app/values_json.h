// A message's values (message_values.h) as the JSON kept in the ledger and the reminder jobs:
// {"name": {"text": "..."} | {"flag": true} | {"time": <unix seconds>} | {"date": "2026-12-14"}}.
#ifndef SISL_SERVICES_NOTIFICATIONS_APP_VALUES_JSON_H_
#define SISL_SERVICES_NOTIFICATIONS_APP_VALUES_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/notifications/domain/message_values.h"

namespace sisl::notifications {

std::string ValuesToJson(const MessageValues& values);
// INVALID_ARGUMENT VALUES_JSON for anything else than what ValuesToJson writes.
absl::StatusOr<MessageValues> ValuesFromJson(absl::string_view json);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_APP_VALUES_JSON_H_
