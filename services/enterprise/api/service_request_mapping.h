#ifndef SISL_ENTERPRISE_API_SERVICE_REQUEST_MAPPING_H_
#define SISL_ENTERPRISE_API_SERVICE_REQUEST_MAPPING_H_

// Service requests: domain <-> proto for the handlers and the events.

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_field.h"
#include "services/enterprise/domain/service_request.h"
#include "services/enterprise/store/service_request_store.h"
#include "services/platform/grpc/convert.h"
#include "sisl/enterprise/v1/service_requests.pb.h"

namespace sisl::enterprise::api {

// What the reader may see: staff also see who took the request in charge.
enum class ServiceRequestAudience { kCompany, kStaff };

// The draft as sent; an UNSPECIFIED kind is left to the draft's check (KIND_REQUIRED, with the
// other problems), an unknown value is INVALID_KIND.
absl::StatusOr<ServiceRequestDraft> DraftFromProto(const v1::CreateServiceRequestRequest& r);

// ACTION_REQUIRED for UNSPECIFIED, INVALID_ACTION for an unknown value.
absl::StatusOr<ServiceRequestAction> ActionFromProto(v1::ServiceRequestAction action);
// UNSPECIFIED stays unspecified (the domain says when an outcome is needed); INVALID_OUTCOME for
// an unknown value.
absl::StatusOr<ServiceRequestOutcome> OutcomeFromProto(v1::ServiceRequestOutcome outcome);
// UNSPECIFIED values are ignored; INVALID_STATES for an unknown value.
absl::StatusOr<std::vector<ServiceRequestState>> StatesFromProto(
    const google::protobuf::RepeatedField<int>& states);

// With the thread when `s` was read with it (Get), without it from lists.
v1::ServiceRequest ServiceRequestToProto(const store::StoredServiceRequest& s,
                                         ServiceRequestAudience audience);

// The enum pairs, written once.
const platform::EnumMapping<ServiceRequestKind, v1::ServiceRequestKind>& Kinds();
const platform::EnumMapping<ServiceRequestState, v1::ServiceRequestState>& States();
const platform::EnumMapping<ServiceRequestOutcome, v1::ServiceRequestOutcome>& Outcomes();
const platform::EnumMapping<ServiceRequestAction, v1::ServiceRequestAction>& Actions();
const platform::EnumMapping<ServiceRequestSide, v1::ServiceRequestSide>& Sides();

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_SERVICE_REQUEST_MAPPING_H_
