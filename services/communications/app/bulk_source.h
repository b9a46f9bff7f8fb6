// The records of an uploaded file, in order: an XML document (the batch envelope or one form's
// document) or a ZIP of such documents (entries in name order, directories and other files
// skipped). One entry is held in memory at a time; each record is expanded alone by the XML
// reader and checked against its form's XSD.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_BULK_SOURCE_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_BULK_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications {

struct BulkLimits {
  int64_t max_bytes = int64_t{64} << 20;  // the upload (compressed, for a ZIP)
  int64_t max_records = 200000;
  int64_t max_entry_bytes = int64_t{512} << 20;  // one uncompressed ZIP entry
  int max_entries = 10000;
  bool read_records = true;  // false: a count pass (records found, not read)
};

struct BulkRecord {
  int64_t index = 0;  // from 1, over the whole upload
  absl::StatusOr<Communication> communication;
};

class BulkSource final {
 public:
  // A ZIP when `content` starts with the local-file signature, else XML. INVALID_ARGUMENT
  // (BULK_TOO_LARGE, BULK_NOT_A_ZIP, BULK_EMPTY) for what cannot even be opened.
  static absl::StatusOr<std::unique_ptr<BulkSource>> Open(std::string content,
                                                          const BulkLimits& limits);
  ~BulkSource();
  BulkSource(const BulkSource&) = delete;
  BulkSource& operator=(const BulkSource&) = delete;

  // The next record, nullopt after the last; an error when the file itself fails (not
  // well-formed, a limit): the records before it keep their outcome.
  absl::StatusOr<std::optional<BulkRecord>> Next();

 private:
  struct State;
  explicit BulkSource(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

bool LooksLikeZip(absl::string_view content);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_BULK_SOURCE_H_
