#include "services/communications/domain/communication.h"

#include <array>
#include <utility>

namespace sisl::communications {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, absl::string_view>, N>& table,
                        absl::string_view code) {
  for (const auto& [value, text] : table) {
    if (text == code) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
absl::string_view Name(const std::array<std::pair<E, absl::string_view>, N>& table, E value) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "";
}

constexpr std::array<std::pair<Form, absl::string_view>, 4> kForms = {{
    {Form::kUnilav, "UL"},
    {Form::kUnisomm, "US"},
    {Form::kUniurg, "UG"},
    {Form::kVardatori, "VD"},
}};

constexpr std::array<std::pair<Nature, absl::string_view>, 5> kNatures = {{
    {Nature::kOrdinary, "01"},
    {Nature::kAfterUrgency, "02"},
    {Nature::kCorrection, "03"},
    {Nature::kCancellation, "04"},
    {Nature::kByOffice, "06"},
}};

constexpr std::array<std::pair<EventKind, absl::string_view>, 10> kEvents = {{
    {EventKind::kHire, "hire"},
    {EventKind::kExtension, "extension"},
    {EventKind::kTransformation, "transformation"},
    {EventKind::kTransfer, "transfer"},
    {EventKind::kSecondment, "secondment"},
    {EventKind::kTermination, "termination"},
    {EventKind::kMissionStart, "mission_start"},
    {EventKind::kMissionExtension, "mission_extension"},
    {EventKind::kMissionTermination, "mission_termination"},
    {EventKind::kEmployerChange, "employer_change"},
}};

}  // namespace

absl::string_view FormCode(Form form) { return Name(kForms, form); }
absl::string_view NatureCode(Nature nature) { return Name(kNatures, nature); }
absl::string_view EventCode(EventKind event) { return Name(kEvents, event); }
std::optional<Form> FormFromCode(absl::string_view code) { return Lookup(kForms, code); }
std::optional<Nature> NatureFromCode(absl::string_view code) { return Lookup(kNatures, code); }
std::optional<EventKind> EventFromCode(absl::string_view code) { return Lookup(kEvents, code); }

absl::CivilDay EventDate(const Communication& c) {
  switch (c.event) {
    case EventKind::kHire:
      return c.contract.start;
    case EventKind::kExtension:
      return c.contract.end.value_or(c.contract.start);
    case EventKind::kTransformation:
      return c.transformation ? c.transformation->date : c.contract.start;
    case EventKind::kTransfer:
    case EventKind::kSecondment:
      return c.transfer ? c.transfer->date : c.contract.start;
    case EventKind::kTermination:
      return c.termination ? c.termination->date : c.contract.start;
    case EventKind::kMissionStart:
      return c.mission ? c.mission->start : c.contract.start;
    case EventKind::kMissionExtension:
      return c.mission && c.mission->end ? *c.mission->end : c.contract.start;
    case EventKind::kMissionTermination:
      return c.termination ? c.termination->date : c.contract.start;
    case EventKind::kEmployerChange:
      return c.employer_change ? c.employer_change->date : c.contract.start;
  }
  return c.contract.start;
}

}  // namespace sisl::communications
