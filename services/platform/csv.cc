#include "absl/strings/string_view.h"
#include "services/platform/csv.h"

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::platform {
namespace {

absl::Status CsvError(int line, absl::string_view what) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_CSV",
               absl::StrCat("csv line ", line, ": ", what));
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;  // the physical line each row starts on, for error messages
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  int line = 1;
  int row_line = 1;    // where the current row started
  int quote_line = 0;  // where the current quoted field opened
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      if (!(row.size() == 1 && row[0].empty())) {
        rows.push_back(std::move(row));
        row_lines.push_back(row_line);
      }
      row.clear();
      ++line;
      row_line = line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) return CsvError(quote_line, "unterminated quoted field");
  if (field_started || !row.empty()) {
    end_field();
    rows.push_back(std::move(row));
    row_lines.push_back(row_line);
  }
  if (rows.empty()) return CsvError(1, "missing header");
  const std::vector<std::string>& header = rows[0];
  std::vector<CsvRecord> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      return CsvError(row_lines[r], absl::StrCat("expected ", header.size(), " fields, got ",
                                                 rows[r].size()));
    }
    CsvRecord rec;
    for (size_t c = 0; c < header.size(); ++c) rec[header[c]] = rows[r][c];
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace sisl::platform
