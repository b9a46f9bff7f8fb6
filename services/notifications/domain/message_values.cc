#include "services/notifications/domain/message_values.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "services/notifications/domain/date_format.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

using Kind = VariableKind;

VariableSpec Text(std::string name, bool required = true) {
  return {std::move(name), Kind::kText, required, {}};
}
VariableSpec DateTime(std::string name, bool required = true) {
  return {std::move(name), Kind::kDateTime, required, {}};
}
VariableSpec Date(std::string name) { return {std::move(name), Kind::kDate, true, {}}; }
VariableSpec Choice(std::string name, std::vector<std::string> choices) {
  return {std::move(name), Kind::kChoice, true, std::move(choices)};
}

// An appointment as booking's AppointmentEvent tells it; site_address is empty for remote
// meetings and video_link is set for video calls only.
std::vector<VariableSpec> Appointment() {
  return {Text("service_name"),        Text("site_label"),
          Text("site_address", false), DateTime("start"),
          DateTime("end", false),      Choice("delivery", {"in_person", "video_call", "phone"}),
          Text("video_link", false),   Text("portal_url")};
}

std::vector<VariableSpec> Declare(MessageType type) {
  switch (type) {
    case MessageType::kAppointmentConfirmation:
    case MessageType::kAppointmentReminder:
      return Appointment();
    case MessageType::kAppointmentMoved: {
      std::vector<VariableSpec> v = Appointment();
      v.push_back(DateTime("previous_start", false));
      return v;
    }
    case MessageType::kAppointmentCancelled:
      return {Text("service_name"), Text("site_label"), DateTime("start"),
              Choice("cancelled_by", {"citizen", "operator", "office_closure"}),
              Text("portal_url")};
    case MessageType::kProposalReceived:
      return {Text("vacancy_title"), Date("deadline"), Text("cpi_name", false), Text("portal_url")};
    case MessageType::kProfileExpiring:
      return {Date("expires_on"), Text("cpi_name"), Text("portal_url")};
    case MessageType::kCommunicationReceipt:
      return {Text("communication_code"), Text("form"), Date("protocol_date"), Text("portal_url")};
  }
  return {};
}

absl::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kText:
      return "text";
    case Kind::kFlag:
      return "flag";
    case Kind::kDateTime:
      return "date and time";
    case Kind::kDate:
      return "date";
    case Kind::kChoice:
      return "choice";
  }
  return "value";
}

absl::Status ValueError(absl::string_view reason, MessageType type, absl::string_view variable,
                        absl::string_view what) {
  return platform::Error(
      absl::StatusCode::kInvalidArgument, reason,
      absl::StrCat(MessageTypeName(type), ": ", variable, ": ", what),
      {{"message_type", std::string(MessageTypeName(type))}, {"variable", std::string(variable)}});
}

// Whether `value` is of the kind `spec` wants.
bool KindMatches(const VariableSpec& spec, const MessageValues::Value& value) {
  switch (spec.kind) {
    case Kind::kText:
    case Kind::kChoice:
      return std::holds_alternative<std::string>(value);
    case Kind::kFlag:
      return std::holds_alternative<bool>(value);
    case Kind::kDateTime:
      return std::holds_alternative<absl::Time>(value);
    case Kind::kDate:
      return std::holds_alternative<absl::CivilDay>(value);
  }
  return false;
}

// Every form of `spec`, from `value` (nullptr: left out).
void Expand(const VariableSpec& spec, const MessageValues::Value* value, Language language,
            absl::TimeZone zone, TemplateValues& out) {
  const std::string& n = spec.name;
  switch (spec.kind) {
    case Kind::kText:
      out[n] = value ? std::get<std::string>(*value) : std::string();
      return;
    case Kind::kFlag:
      out[n] = value ? std::get<bool>(*value) : false;
      return;
    case Kind::kDateTime: {
      const absl::Time* t = value ? &std::get<absl::Time>(*value) : nullptr;
      out[n] = t ? FormatLongDateTime(*t, zone, language) : std::string();
      out[n + "_date"] = t ? FormatLongDate(absl::ToCivilDay(*t, zone), language) : std::string();
      out[n + "_time"] = t ? FormatTimeOfDay(*t, zone) : std::string();
      out[n + "_short"] = t ? FormatShortDateTime(*t, zone) : std::string();
      return;
    }
    case Kind::kDate: {
      const absl::CivilDay* d = value ? &std::get<absl::CivilDay>(*value) : nullptr;
      out[n] = d ? FormatLongDate(*d, language) : std::string();
      out[n + "_short"] = d ? FormatShortDate(*d) : std::string();
      return;
    }
    case Kind::kChoice: {
      std::string chosen = value ? std::get<std::string>(*value) : std::string();
      for (const std::string& word : spec.choices) out[n + "_" + word] = chosen == word;
      out[n] = std::move(chosen);
      return;
    }
  }
}

}  // namespace

const std::vector<VariableSpec>& DeclaredVariables(MessageType type) {
  static const auto* all = [] {
    auto* m = new std::vector<std::vector<VariableSpec>>;
    for (MessageType t : kAllMessageTypes) {
      m->resize(static_cast<size_t>(t) + 1);
      (*m)[static_cast<size_t>(t)] = Declare(t);
    }
    return m;
  }();
  return (*all)[static_cast<size_t>(type)];
}

std::vector<std::string> TemplateVariableNames(MessageType type) {
  // The forms are the keys Expand() writes, whatever the values.
  TemplateValues forms;
  for (const VariableSpec& spec : DeclaredVariables(type)) {
    Expand(spec, nullptr, Language::kItalian, absl::UTCTimeZone(), forms);
  }
  std::vector<std::string> names;
  for (const auto& [name, unused] : forms) names.push_back(name);
  absl::c_sort(names);
  return names;
}

MessageValues& MessageValues::SetText(absl::string_view name, absl::string_view value) {
  values_[name] = std::string(value);
  return *this;
}

MessageValues& MessageValues::SetFlag(absl::string_view name, bool value) {
  values_[name] = value;
  return *this;
}

MessageValues& MessageValues::SetDateTime(absl::string_view name, absl::Time value) {
  values_[name] = value;
  return *this;
}

MessageValues& MessageValues::SetDate(absl::string_view name, absl::CivilDay value) {
  values_[name] = value;
  return *this;
}

absl::StatusOr<TemplateValues> ExpandValues(MessageType type, const MessageValues& values,
                                            Language language, absl::TimeZone zone) {
  const std::vector<VariableSpec>& specs = DeclaredVariables(type);
  for (const auto& [name, unused] : values.values()) {
    if (!absl::c_any_of(specs, [&](const VariableSpec& s) { return s.name == name; })) {
      return ValueError("UNKNOWN_VARIABLE", type, name, "not a variable of this message type");
    }
  }
  TemplateValues out;
  for (const VariableSpec& spec : specs) {
    auto it = values.values().find(spec.name);
    const MessageValues::Value* value = it == values.values().end() ? nullptr : &it->second;
    if (value == nullptr && spec.required) {
      return ValueError("MISSING_VARIABLE", type, spec.name, "required and not given");
    }
    if (value != nullptr && !KindMatches(spec, *value)) {
      return ValueError("VARIABLE_KIND", type, spec.name,
                        absl::StrCat("must be a ", KindName(spec.kind)));
    }
    if (value != nullptr && spec.kind == Kind::kChoice &&
        !absl::c_linear_search(spec.choices, std::get<std::string>(*value))) {
      return ValueError("INVALID_CHOICE", type, spec.name,
                        absl::StrCat("'", std::get<std::string>(*value), "' is not one of ",
                                     absl::StrJoin(spec.choices, ", ")));
    }
    Expand(spec, value, language, zone, out);
  }
  return out;
}

}  // namespace sisl::notifications
