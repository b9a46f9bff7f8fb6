#include "services/communications/store/content_xml.h"

#include "services/communications/xml/co_xml.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {

absl::StatusOr<std::string> ContentToXml(const Communication& c, bool validate) {
  return xml::WriteCommunicationXml(c, validate);
}

absl::StatusOr<Communication> ContentFromXml(const std::string& text) {
  auto corrupt = [](const absl::Status& why) {
    return platform::Error(absl::StatusCode::kDataLoss, "CORRUPT_RECORD",
                           "a stored communication no longer reads",
                           {{"cause", std::string(why.message())}});
  };
  absl::StatusOr<std::unique_ptr<xml::CommunicationXmlReader>> reader =
      xml::CommunicationXmlReader::FromMemory(text, {.validate_records = false});
  if (!reader.ok()) return corrupt(reader.status());
  absl::StatusOr<std::optional<xml::CommunicationRecord>> record = (*reader)->Next();
  if (!record.ok()) return corrupt(record.status());
  if (!record->has_value()) return corrupt(absl::DataLossError("no record"));
  if (!(*record)->communication.ok()) return corrupt((*record)->communication.status());
  return *std::move((*record)->communication);
}

}  // namespace sisl::communications::store
