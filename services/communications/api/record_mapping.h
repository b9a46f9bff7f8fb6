// Stored communications and relationships -> sisl.communications.v1.
#ifndef SISL_SERVICES_COMMUNICATIONS_API_RECORD_MAPPING_H_
#define SISL_SERVICES_COMMUNICATIONS_API_RECORD_MAPPING_H_

#include "services/communications/app/queries.h"
#include "services/communications/store/communication_store.h"
#include "sisl/communications/v1/communication.pb.h"
#include "sisl/communications/v1/relationships.pb.h"

namespace sisl::communications::api {

namespace v1 = ::sisl::communications::v1;

v1::Communication CommunicationToProto(const store::StoredCommunication& s);
v1::Relationship RelationshipToProto(const RelationshipHistory& h);

}  // namespace sisl::communications::api

#endif  // SISL_SERVICES_COMMUNICATIONS_API_RECORD_MAPPING_H_
