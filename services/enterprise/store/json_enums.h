#ifndef SISL_ENTERPRISE_STORE_JSON_ENUMS_H_
#define SISL_ENTERPRISE_STORE_JSON_ENUMS_H_

// Enum <-> stored name, for the JSON records: one list of names per enum, in declaration order
// starting with its kUnspecified value (names are what the database keeps: never rename one).

#include <array>
#include <string>

#include "absl/strings/string_view.h"

namespace sisl::enterprise::store {

template <typename E, size_t N>
std::string EnumToName(E value, const std::array<absl::string_view, N>& names) {
  const auto i = static_cast<size_t>(value);
  return i < N ? std::string(names[i]) : std::string(names[0]);
}

template <typename E, size_t N>
E EnumFromName(absl::string_view name, const std::array<absl::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return static_cast<E>(0);
}

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_JSON_ENUMS_H_
