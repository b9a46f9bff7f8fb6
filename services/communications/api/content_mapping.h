// sisl.communications.v1 <-> the domain: the content of a communication, findings, enums.
#ifndef SISL_SERVICES_COMMUNICATIONS_API_CONTENT_MAPPING_H_
#define SISL_SERVICES_COMMUNICATIONS_API_CONTENT_MAPPING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"
#include "sisl/communications/v1/communication.pb.h"

namespace sisl::communications::api {

namespace v1 = ::sisl::communications::v1;

v1::CommunicationForm FormToProto(Form form);
v1::CommunicationNature NatureToProto(Nature nature);
v1::CommunicationEvent EventToProto(EventKind event);

// Dates must be YYYY-MM-DD (INVALID_DATE naming the field); an empty required date is kNoDay
// (the rules report it), an empty optional one absent. Form, nature and event are required
// (FORM_REQUIRED, NATURE_REQUIRED, EVENT_REQUIRED).
absl::StatusOr<Communication> ContentFromProto(const v1::CommunicationContent& p);
v1::CommunicationContent ContentToProto(const Communication& c);

v1::Finding FindingToProto(const Finding& f);
void FindingsToProto(const std::vector<Finding>& findings,
                     google::protobuf::RepeatedPtrField<v1::Finding>* out);

}  // namespace sisl::communications::api

#endif  // SISL_SERVICES_COMMUNICATIONS_API_CONTENT_MAPPING_H_
