#include "services/communications/app/bulk_source.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "zip.h"

namespace sisl::communications {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

absl::Status BadUpload(absl::string_view reason, absl::string_view why) {
  return platform::InvalidField(reason, "content", why);
}

}  // namespace

bool LooksLikeZip(absl::string_view content) {
  return content.size() >= 4 && content.substr(0, 4) == absl::string_view("PK\x03\x04", 4);
}

struct BulkSource::State {
  BulkLimits limits;
  std::string content;  // the upload (a ZIP's bytes must outlive the archive)
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::vector<zip_uint64_t> entries;  // XML entries by name
  size_t next_entry = 0;
  std::unique_ptr<xml::CommunicationXmlReader> reader;
  int64_t index = 0;

  // Opens the next entry's reader; false when there is none.
  absl::StatusOr<bool> OpenNextEntry() {
    if (next_entry >= entries.size()) return false;
    const zip_uint64_t i = entries[next_entry++];
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip.get(), i, 0, &stat) != 0) {
      return BadUpload("BULK_NOT_A_ZIP", "an entry of the ZIP cannot be read");
    }
    if (static_cast<int64_t>(stat.size) > limits.max_entry_bytes) {
      return BadUpload("BULK_TOO_LARGE",
                       absl::StrCat("the entry ", stat.name, " is larger than the limit"));
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip.get(), i, 0));
    if (file == nullptr) {
      return BadUpload("BULK_NOT_A_ZIP",
                       absl::StrCat("the entry ", stat.name, " cannot be opened (encrypted?)"));
    }
    std::string text(stat.size, '\0');
    zip_int64_t read = 0;
    while (read < static_cast<zip_int64_t>(text.size())) {
      const zip_int64_t n = zip_fread(file.get(), text.data() + read, text.size() - read);
      if (n <= 0) return BadUpload("BULK_NOT_A_ZIP", "a ZIP entry is truncated or corrupt");
      read += n;
    }
    ASSIGN_OR_RETURN(reader, xml::CommunicationXmlReader::FromMemory(
                                 text, {.read_records = limits.read_records}));
    return true;
  }
};

BulkSource::BulkSource(std::unique_ptr<State> state) : state_(std::move(state)) {}
BulkSource::~BulkSource() = default;

absl::StatusOr<std::unique_ptr<BulkSource>> BulkSource::Open(std::string content,
                                                             const BulkLimits& limits) {
  if (content.empty()) return BadUpload("BULK_EMPTY", "the file is empty");
  if (static_cast<int64_t>(content.size()) > limits.max_bytes) {
    return BadUpload("BULK_TOO_LARGE",
                     absl::StrCat("the file is larger than ", limits.max_bytes, " bytes"));
  }
  auto state = std::make_unique<State>();
  state->limits = limits;
  state->content = std::move(content);
  if (!LooksLikeZip(state->content)) {
    ASSIGN_OR_RETURN(state->reader,
                     xml::CommunicationXmlReader::FromMemory(
                         state->content, {.read_records = limits.read_records}));
    return std::unique_ptr<BulkSource>(new BulkSource(std::move(state)));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(state->content.data(), state->content.size(), 0, &error);
  if (source == nullptr) return BadUpload("BULK_NOT_A_ZIP", "the ZIP cannot be read");
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    zip_error_fini(&error);
    return BadUpload("BULK_NOT_A_ZIP", "the file starts like a ZIP but is not a valid one");
  }
  zip_error_fini(&error);
  state->zip.reset(archive);
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  if (n > limits.max_entries) {
    return BadUpload("BULK_TOO_LARGE",
                     absl::StrCat("the ZIP holds more than ", limits.max_entries, " entries"));
  }
  std::vector<std::pair<std::string, zip_uint64_t>> named;
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr) continue;
    const std::string entry(name);
    if (entry.empty() || entry.back() == '/') continue;  // a directory
    if (entry.size() < 4 || entry.substr(entry.size() - 4) != ".xml") continue;
    named.emplace_back(entry, static_cast<zip_uint64_t>(i));
  }
  if (named.empty()) return BadUpload("BULK_EMPTY", "the ZIP holds no .xml file");
  std::sort(named.begin(), named.end());
  for (const auto& [name, i] : named) state->entries.push_back(i);
  return std::unique_ptr<BulkSource>(new BulkSource(std::move(state)));
}

absl::StatusOr<std::optional<BulkRecord>> BulkSource::Next() {
  State& s = *state_;
  for (;;) {
    if (s.reader == nullptr) {
      ASSIGN_OR_RETURN(bool opened, s.OpenNextEntry());
      if (!opened) return std::nullopt;
    }
    ASSIGN_OR_RETURN(std::optional<xml::CommunicationRecord> record, s.reader->Next());
    if (!record) {
      s.reader.reset();
      if (s.zip == nullptr) return std::nullopt;
      continue;
    }
    if (++s.index > s.limits.max_records) {
      return BadUpload("BULK_TOO_LARGE",
                       absl::StrCat("more than ", s.limits.max_records, " records"));
    }
    return BulkRecord{s.index, std::move(record->communication)};
  }
}

}  // namespace sisl::communications
