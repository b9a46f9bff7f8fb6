#include "services/reference/code_lists.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/platform/csv.h"
#include "services/platform/status_macros.h"
#include "services/reference/text_folding.h"

namespace sisl::reference {
namespace {

constexpr absl::string_view kHeader = "code,parent,level,valid_from,valid_to,label_it,label_en";

absl::Status Bad(absl::string_view id, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("code list ", id, ": ", what));
}

absl::StatusOr<std::optional<absl::CivilDay>> ParseDay(absl::string_view id,
                                                       absl::string_view text) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) return Bad(id, absl::StrCat("bad date '", text, "'"));
  return std::optional<absl::CivilDay>(day);
}

absl::StatusOr<CodeEntry> ToEntry(absl::string_view id, platform::CsvRecord& record) {
  CodeEntry entry;
  entry.code = std::move(record["code"]);
  entry.parent = std::move(record["parent"]);
  entry.label_it = std::move(record["label_it"]);
  entry.label_en = std::move(record["label_en"]);
  if (entry.code.empty()) return Bad(id, "empty code");
  if (!absl::SimpleAtoi(record["level"], &entry.level) || entry.level < 1) {
    return Bad(id, absl::StrCat("bad level for ", entry.code));
  }
  ASSIGN_OR_RETURN(entry.valid_from, ParseDay(id, record["valid_from"]));
  ASSIGN_OR_RETURN(entry.valid_to, ParseDay(id, record["valid_to"]));
  return entry;
}

}  // namespace

bool CodeEntry::IsValidOn(absl::CivilDay day) const {
  return (!valid_from || *valid_from <= day) && (!valid_to || day <= *valid_to);
}

absl::StatusOr<CodeList> CodeList::Parse(absl::string_view csv) {
  std::map<std::string, std::string, std::less<>> meta;
  while (absl::ConsumePrefix(&csv, "#")) {
    const std::size_t end = csv.find('\n');
    absl::string_view line = csv.substr(0, end);
    csv = end == absl::string_view::npos ? absl::string_view() : csv.substr(end + 1);
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(line, absl::MaxSplits(':', 1));
    meta[std::string(absl::StripAsciiWhitespace(kv.first))] =
        std::string(absl::StripAsciiWhitespace(kv.second));
  }
  CodeList list;
  list.id_ = meta["list"];
  if (list.id_.empty()) return Bad("?", "no '# list:' line");
  if (!absl::StartsWith(csv, kHeader)) return Bad(list.id_, "unexpected header");
  for (auto [key, field] : {std::pair{"name", &list.name_}, {"version", &list.version_},
                            {"source", &list.source_}, {"licence", &list.licence_}}) {
    *field = meta[key];
    if (field->empty()) return Bad(list.id_, absl::StrCat("no '# ", key, ":' line"));
  }
  list.note_ = meta["note"];
  if (meta["complete"] != "true" && meta["complete"] != "false") {
    return Bad(list.id_, "'# complete:' must be true or false");
  }
  list.complete_ = meta["complete"] == "true";

  ASSIGN_OR_RETURN(std::vector<platform::CsvRecord> records, platform::ParseCsv(csv));
  list.entries_.reserve(records.size());
  for (platform::CsvRecord& record : records) {
    ASSIGN_OR_RETURN(CodeEntry entry, ToEntry(list.id_, record));
    if (!list.entries_.empty() && list.entries_.back().code >= entry.code) {
      return Bad(list.id_, absl::StrCat("code ", entry.code, " is out of order or repeated"));
    }
    list.entries_.push_back(std::move(entry));
  }
  for (std::size_t i = 0; i < list.entries_.size(); ++i) {
    const CodeEntry& entry = list.entries_[i];
    if (!entry.parent.empty() && list.Find(entry.parent) == nullptr) {
      return Bad(list.id_, absl::StrCat("parent ", entry.parent, " of ", entry.code, " missing"));
    }
    list.folded_labels_.push_back(FoldPlaceName(absl::StrCat(entry.label_it, " ", entry.label_en)));
    list.by_parent_.push_back(i);
  }
  std::stable_sort(list.by_parent_.begin(), list.by_parent_.end(),
                   [&entries = list.entries_](std::size_t a, std::size_t b) {
                     return entries[a].parent < entries[b].parent;
                   });
  return list;
}

const CodeEntry* CodeList::Find(absl::string_view code) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), code,
                             [](const CodeEntry& e, absl::string_view c) { return e.code < c; });
  return it != entries_.end() && it->code == code ? &*it : nullptr;
}

bool CodeList::IsValidOn(absl::string_view code, absl::CivilDay day) const {
  const CodeEntry* entry = Find(code);
  return entry != nullptr && entry->IsValidOn(day);
}

std::vector<const CodeEntry*> CodeList::Children(absl::string_view code) const {
  auto parent_less = [this](std::size_t i, absl::string_view p) { return entries_[i].parent < p; };
  auto it = std::lower_bound(by_parent_.begin(), by_parent_.end(), code, parent_less);
  std::vector<const CodeEntry*> out;
  for (; it != by_parent_.end() && entries_[*it].parent == code; ++it) {
    out.push_back(&entries_[*it]);
  }
  return out;
}

std::vector<const CodeEntry*> CodeList::Search(absl::string_view text, std::size_t limit) const {
  const std::string query = FoldPlaceName(text);
  const std::vector<absl::string_view> words = absl::StrSplit(query, ' ', absl::SkipEmpty());
  std::vector<const CodeEntry*> groups[3];
  if (words.empty() || limit == 0) return {};
  const absl::string_view code_query = absl::StripAsciiWhitespace(text);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const absl::string_view label = folded_labels_[i];
    if (absl::StartsWithIgnoreCase(entries_[i].code, code_query)) {
      groups[0].push_back(&entries_[i]);
    } else if (absl::StartsWith(label, query)) {
      groups[1].push_back(&entries_[i]);
    } else if (std::all_of(words.begin(), words.end(),
                           [label](absl::string_view w) { return absl::StrContains(label, w); })) {
      groups[2].push_back(&entries_[i]);
    }
    if (groups[0].size() >= limit) break;
  }
  std::vector<const CodeEntry*> out;
  for (const auto& group : groups) {
    for (const CodeEntry* entry : group) {
      if (out.size() == limit) return out;
      out.push_back(entry);
    }
  }
  return out;
}

}  // namespace sisl::reference
