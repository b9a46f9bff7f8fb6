#ifndef SISL_ENTERPRISE_STORE_L68_RETURN_JSON_H_
#define SISL_ENTERPRISE_STORE_L68_RETURN_JSON_H_

// L.68/1999 return records as JSON, in the style of json_codec.h: enums by name, times as integer
// microseconds; unknown members are ignored and missing ones take their defaults.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enterprise/domain/l68_return.h"
#include "services/enterprise/store/l68_return_store.h"

namespace sisl::enterprise::store {

// The figures of L68Figures by name (the names the JSON record, the protos and the events use),
// in declaration order.
struct L68FigureField {
  const char* name;
  L68Figure L68Figures::*member;
};
const std::vector<L68FigureField>& L68FigureFields();

std::string L68InputToJson(const L68ReturnInput& input);
absl::StatusOr<L68ReturnInput> L68InputFromJson(const std::string& json);

// The record column: filing (input and figures with their steps), correction and acts. The
// columns of the row (id, company, state, ...) are not repeated here.
std::string L68RecordToJson(const StoredL68Return& r);
// Fills the filing, correction and acts of `r` from `json`.
absl::Status L68RecordFromJson(const std::string& json, StoredL68Return& r);

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_L68_RETURN_JSON_H_
