// A communication's content as stored: the ministry's XML (services/communications/xml), so the
// record and its export are one text.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_CONTENT_XML_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_CONTENT_XML_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications::store {

// `validate`: see xml::WriteCommunicationXml.
absl::StatusOr<std::string> ContentToXml(const Communication& c, bool validate = true);
// DATA_LOSS, reason CORRUPT_RECORD, when a stored text no longer reads.
absl::StatusOr<Communication> ContentFromXml(const std::string& xml);

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_CONTENT_XML_H_
