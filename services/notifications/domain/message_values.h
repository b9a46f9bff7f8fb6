// What each message type says: the variables it declares, the values a caller gives, and how
// they become the templates' variables.
//
// A declared variable of kind
//   text      is `name`;
//   flag      is `name` (a section);
//   date_time is `name` ("lunedì 14 dicembre 2026, 10:30"), `name_date`, `name_time` ("10:30")
//             and `name_short` ("14/12/2026 10:30", for SMS);
//   date      is `name` ("lunedì 14 dicembre 2026") and `name_short` ("14/12/2026");
//   choice    is `name` (the chosen word) and one flag `name_<word>` per allowed word.
// An optional variable left out is the empty text (a false section) in all its forms.
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_MESSAGE_VALUES_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_MESSAGE_VALUES_H_

#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/notifications/domain/template_engine.h"
#include "services/notifications/domain/types.h"

namespace sisl::notifications {

enum class VariableKind { kText, kFlag, kDateTime, kDate, kChoice };

struct VariableSpec {
  std::string name;
  VariableKind kind = VariableKind::kText;
  bool required = true;
  std::vector<std::string> choices;  // kChoice only
};

// The variables `type` declares (the contract between the caller and the templates).
const std::vector<VariableSpec>& DeclaredVariables(MessageType type);

// The names a template of `type` may use: every form of every declared variable.
std::vector<std::string> TemplateVariableNames(MessageType type);

// The values of one message, by declared name.
class MessageValues final {
 public:
  using Value = std::variant<std::string, bool, absl::Time, absl::CivilDay>;

  MessageValues() = default;

  // Texts and choices.
  MessageValues& SetText(absl::string_view name, absl::string_view value);
  MessageValues& SetFlag(absl::string_view name, bool value);
  MessageValues& SetDateTime(absl::string_view name, absl::Time value);
  MessageValues& SetDate(absl::string_view name, absl::CivilDay value);

  const absl::flat_hash_map<std::string, Value>& values() const { return values_; }

 private:
  absl::flat_hash_map<std::string, Value> values_;
};

// Checks `values` against the declarations of `type` and expands them for the templates, dates
// and times in `zone` and `language`. INVALID_ARGUMENT with reason
//   UNKNOWN_VARIABLE  a value the type does not declare;
//   MISSING_VARIABLE  a required variable without a value;
//   VARIABLE_KIND     a value of the wrong kind (a flag for a text, ...);
//   INVALID_CHOICE    a choice outside its allowed words;
// with the metadata `message_type` and `variable`.
absl::StatusOr<TemplateValues> ExpandValues(MessageType type, const MessageValues& values,
                                            Language language, absl::TimeZone zone);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_MESSAGE_VALUES_H_
