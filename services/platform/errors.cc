#include "absl/strings/string_view.h"
#include "services/platform/errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sisl::platform {
namespace {

constexpr char kReasonKey[] = "sisl.platform/reason";
constexpr char kMetadataKey[] = "sisl.platform/metadata";
constexpr char kViolationsKey[] = "sisl.platform/violations";

// Payload encoding: records separated by '\x1e', fields by '\x1f' (ASCII record/unit separators,
// which never occur in reasons, field paths or messages we produce).
std::string Join(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [a, b] : pairs) {
    if (!out.empty()) out.push_back('\x1e');
    absl::StrAppend(&out, a, "\x1f", b);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Split(const absl::Status& status,
                                                       absl::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  auto payload = status.GetPayload(key);
  if (!payload) return out;
  std::string flat(*payload);
  for (absl::string_view record : absl::StrSplit(flat, '\x1e', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(record, absl::MaxSplits('\x1f', 1));
    out.push_back(std::move(kv));
  }
  return out;
}

}  // namespace

absl::Status Error(absl::StatusCode code, absl::string_view reason, absl::string_view message,
                   const std::map<std::string, std::string>& metadata,
                   const std::vector<FieldViolation>& violations) {
  absl::Status status(code, message);
  status.SetPayload(kReasonKey, absl::Cord(reason));
  if (!metadata.empty()) {
    status.SetPayload(kMetadataKey, absl::Cord(Join({metadata.begin(), metadata.end()})));
  }
  if (!violations.empty()) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& v : violations) pairs.emplace_back(v.field, v.description);
    status.SetPayload(kViolationsKey, absl::Cord(Join(pairs)));
  }
  return status;
}

absl::Status InvalidField(absl::string_view reason, absl::string_view field,
                          absl::string_view description) {
  return Error(absl::StatusCode::kInvalidArgument, reason, absl::StrCat(field, ": ", description),
               {}, {{std::string(field), std::string(description)}});
}

std::string ErrorReason(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonKey);
  return payload ? std::string(*payload) : std::string();
}

std::map<std::string, std::string> ErrorMetadata(const absl::Status& status) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : Split(status, kMetadataKey)) out[k] = v;
  return out;
}

std::vector<FieldViolation> ErrorFieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  for (auto& [f, d] : Split(status, kViolationsKey)) out.push_back({f, d});
  return out;
}

absl::Status Annotate(const absl::Status& status, absl::string_view context) {
  if (status.ok()) return status;
  absl::Status out(status.code(), absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload(
      [&out](absl::string_view key, const absl::Cord& value) { out.SetPayload(key, value); });
  return out;
}

}  // namespace sisl::platform
