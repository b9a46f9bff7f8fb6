#ifndef SISL_ENTERPRISE_EVENTS_L68_RETURN_EVENTS_H_
#define SISL_ENTERPRISE_EVENTS_L68_RETURN_EVENTS_H_

// Events on sisl.enterprise.l68returns.v1 (l68_return_events.proto): figures only, no person.

#include <memory>
#include <string>

#include "google/protobuf/message.h"
#include "services/enterprise/store/l68_return_store.h"

namespace sisl::enterprise::events {

std::unique_ptr<google::protobuf::Message> L68SubmittedEvent(const store::StoredL68Return& r);
std::unique_ptr<google::protobuf::Message> L68CorrectionRequestedEvent(
    const store::StoredL68Return& r, const std::string& requested_by_role);
std::unique_ptr<google::protobuf::Message> L68CancelledEvent(const store::StoredL68Return& r);

}  // namespace sisl::enterprise::events

#endif  // SISL_ENTERPRISE_EVENTS_L68_RETURN_EVENTS_H_
