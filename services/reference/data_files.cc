#include "services/reference/data_files.h"

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::reference {

absl::StatusOr<absl::string_view> DataFile(absl::string_view name) {
  for (const platform::EmbeddedFile& file : embedded_data::Files()) {
    if (file.name == name) return absl::string_view(file.content);
  }
  return platform::Error(absl::StatusCode::kNotFound, "REFERENCE_DATA_FILE_NOT_FOUND",
                         absl::StrCat("no reference data file ", name, " in the binary"),
                         {{"name", std::string(name)}});
}

}  // namespace sisl::reference
