#ifndef SISL_ENTERPRISE_EVENTS_SERVICE_REQUEST_EVENTS_H_
#define SISL_ENTERPRISE_EVENTS_SERVICE_REQUEST_EVENTS_H_

// Events on sisl.enterprise.servicerequests.v1 (service_request_events.proto): no subject,
// description or message text.

#include <memory>

#include "google/protobuf/message.h"
#include "services/enterprise/domain/service_request.h"

namespace sisl::enterprise::events {

// A new request, and the last step of `r`'s history.
std::unique_ptr<google::protobuf::Message> ServiceRequestCreatedEvent(const ServiceRequest& r);
std::unique_ptr<google::protobuf::Message> ServiceRequestStateChangedEvent(const ServiceRequest& r);

}  // namespace sisl::enterprise::events

#endif  // SISL_ENTERPRISE_EVENTS_SERVICE_REQUEST_EVENTS_H_
