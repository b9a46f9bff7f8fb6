#include "services/matching/domain/profession.h"

#include <optional>
#include <string>

#include "services/reference/code_lists.h"

namespace sisl::matching {

std::optional<std::string> ProfessionAncestor(absl::string_view code, int level) {
  const reference::CodeList& list = reference::Cp2011Professions();
  const reference::CodeEntry* entry = list.Find(code);
  while (entry != nullptr && entry->level > level) entry = list.Find(entry->parent);
  if (entry == nullptr || entry->level != level) return std::nullopt;
  return entry->code;
}

std::optional<std::string> ProfessionUnit(absl::string_view code) {
  return ProfessionAncestor(code, kUnitLevel);
}

std::string ProfessionLabel(absl::string_view code) {
  const reference::CodeEntry* entry = reference::Cp2011Professions().Find(code);
  return entry == nullptr ? "" : entry->label_it;
}

}  // namespace sisl::matching
