#ifndef SISL_PLATFORM_CSV_H_
#define SISL_PLATFORM_CSV_H_

#include "absl/strings/string_view.h"
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace sisl::platform {

// One CSV record keyed by the header's column names.
using CsvRecord = std::map<std::string, std::string>;

// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) whose first line is a header.
// Fails naming the line on an unterminated quote or a record with the wrong number of fields.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_CSV_H_
