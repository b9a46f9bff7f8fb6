#ifndef SISL_REFERENCE_DATA_FILES_H_
#define SISL_REFERENCE_DATA_FILES_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/embedded.h"

namespace sisl::reference {

namespace embedded_data {
// Every services/reference/data/*.csv, compiled in by sisl_embed_files (cmake/embed.cmake).
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_data

// The content of the embedded data file `name` (e.g. "municipalities.csv"), which lives as long
// as the process; NOT_FOUND with reason REFERENCE_DATA_FILE_NOT_FOUND otherwise.
absl::StatusOr<absl::string_view> DataFile(absl::string_view name);

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_DATA_FILES_H_
