#include "gateway/transcoding/field_rules.h"

#include <map>
#include <memory>
#include <regex>
#include <set>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "gateway/transcoding/json_values.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::transcoding {

namespace {

namespace pb = google::protobuf;
using nlohmann::json;
using sisl::api::v1::FieldRule;
using internal::CheckFieldMaskText;
using internal::CheckInt64Text;
using internal::Given;
using internal::IsFieldMask;
using internal::IsInteger32;
using internal::IsInteger64;
using internal::IsMessage;
using internal::Join;
using internal::kMaxDepth;
using internal::Refuse;
using internal::Violations;
using internal::WellKnownKind;
using internal::Wkt;

constexpr char kDatePattern[] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
constexpr char kMonthPattern[] = "^[0-9]{4}-(0[1-9]|1[0-2])$";

// The pattern a value of `f` must match ("" for none): the declared one, else the format's.
std::string PatternOf(const FieldRule& rule) {
  if (!rule.pattern().empty()) return rule.pattern();
  switch (rule.format()) {
    case sisl::api::v1::FIELD_FORMAT_DATE:
      return kDatePattern;
    case sisl::api::v1::FIELD_FORMAT_MONTH:
      return kMonthPattern;
    default:
      return "";
  }
}

absl::StatusOr<std::shared_ptr<const std::regex>> Compile(const std::string& pattern) {
  try {
    return std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return absl::InvalidArgumentError(absl::StrCat("pattern \"", pattern, "\": ", e.what()));
  }
}

// Compiled patterns by field, compiled on first use.
std::shared_ptr<const std::regex> RegexOf(const pb::FieldDescriptor* f, const std::string& p) {
  static auto* const mu = new absl::Mutex;
  static auto* const cache =
      new absl::flat_hash_map<const pb::FieldDescriptor*, std::shared_ptr<const std::regex>>;
  absl::MutexLock lock(mu);
  auto it = cache->find(f);
  if (it != cache->end()) return it->second;
  auto compiled = Compile(p);
  // A pattern that does not compile was refused by ValidateRule when the routes were collected.
  std::shared_ptr<const std::regex> regex = compiled.ok() ? *compiled : nullptr;
  cache->emplace(f, regex);
  return regex;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The rule of `f` on one value as sent, typed by the parsed message.
void CheckRuleOnString(const pb::FieldDescriptor* f, const FieldRule& rule, const std::string& s,
                       const std::string& path, Violations& out) {
  if (rule.required() && s.empty()) {
    out.push_back({path, "is required"});
    return;
  }
  const size_t length = CodePoints(s);
  if (rule.min_length() > 0 && length < rule.min_length()) {
    out.push_back({path, absl::StrCat("must be at least ", rule.min_length(), " characters")});
    return;
  }
  if (rule.max_length() > 0 && length > rule.max_length()) {
    out.push_back({path, absl::StrCat("must be at most ", rule.max_length(), " characters")});
    return;
  }
  const std::string pattern = PatternOf(rule);
  if (!pattern.empty()) {
    auto regex = RegexOf(f, pattern);
    if (regex == nullptr || !std::regex_search(s, *regex)) {
      out.push_back({path, absl::StrCat("must match ", pattern)});
      return;
    }
  }
  if (rule.format() == sisl::api::v1::FIELD_FORMAT_DATE) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(s, &day)) out.push_back({path, "must be an existing day YYYY-MM-DD"});
  } else if (rule.format() == sisl::api::v1::FIELD_FORMAT_MONTH) {
    absl::CivilMonth month;
    if (!absl::ParseCivilTime(s, &month)) out.push_back({path, "must be a month YYYY-MM"});
  }
}

void CheckRuleOnInteger(const FieldRule& rule, int64_t v, const std::string& path,
                        Violations& out) {
  if (rule.has_minimum() && v < rule.minimum()) {
    out.push_back({path, absl::StrCat("must be at least ", rule.minimum())});
  } else if (rule.has_maximum() && v > rule.maximum()) {
    out.push_back({path, absl::StrCat("must be at most ", rule.maximum())});
  }
}

bool IsEnumName(const pb::EnumDescriptor* e, const json& v) {
  return v.is_string() && e->FindValueByName(v.get<std::string>()) != nullptr;
}

void CheckRules(const pb::Message& m, const json& object, const std::string& path, int depth,
                Violations& out) {
  const pb::Descriptor* d = m.GetDescriptor();
  const pb::Reflection* r = m.GetReflection();
  if (depth > kMaxDepth) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    const FieldRule* rule = RuleOf(f);
    const json* v = Given(object, f);
    const std::string here = Join(path, f->json_name());
    if (v == nullptr || v->is_null()) {
      if (rule != nullptr && rule->required()) out.push_back({here, "is required"});
      continue;
    }
    if (f->is_map()) continue;
    if (f->type() == pb::FieldDescriptor::TYPE_ENUM) {
      bool ok = true;
      if (f->is_repeated()) {
        if (v->is_array()) {
          for (const json& e : *v) ok &= IsEnumName(f->enum_type(), e);
        } else {
          ok = IsEnumName(f->enum_type(), *v);
        }
      } else {
        ok = IsEnumName(f->enum_type(), *v);
      }
      if (!ok) out.push_back({here, "must be one of the enum's value names"});
      continue;
    }
    if (IsMessage(f)) {
      bool nullable = false;
      const Wkt kind = WellKnownKind(f->message_type(), &nullable);
      if (kind == Wkt::kNone) {
        if (f->is_repeated()) {
          for (int j = 0; j < r->FieldSize(m, f) && v->is_array(); ++j) {
            CheckRules(r->GetRepeatedMessage(m, f, j), (*v)[j], absl::StrCat(here, "[", j, "]"),
                       depth + 1, out);
          }
        } else {
          CheckRules(r->GetMessage(m, f), *v, here, depth + 1, out);
        }
      } else if (rule != nullptr && rule->required() && v->is_string() &&
                 v->get<std::string>().empty()) {
        out.push_back({here, "is required"});
      } else if (IsFieldMask(f->message_type()) && !f->is_repeated()) {
        CheckFieldMaskText(*v, here, out);
      }
      continue;
    }
    if (IsInteger64(f)) CheckInt64Text(f, *v, here, out);
    if (rule == nullptr) continue;
    const int count = f->is_repeated() ? r->FieldSize(m, f) : 1;
    for (int j = 0; j < count; ++j) {
      const std::string at = f->is_repeated() ? absl::StrCat(here, "[", j, "]") : here;
      if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        const std::string& s = f->is_repeated() ? r->GetRepeatedStringReference(m, f, j, &scratch)
                                                : r->GetStringReference(m, f, &scratch);
        CheckRuleOnString(f, *rule, s, at, out);
      } else if (IsInteger32(f) || IsInteger64(f)) {
        int64_t value = 0;
        switch (f->cpp_type()) {
          case pb::FieldDescriptor::CPPTYPE_INT32:
            value = f->is_repeated() ? r->GetRepeatedInt32(m, f, j) : r->GetInt32(m, f);
            break;
          case pb::FieldDescriptor::CPPTYPE_UINT32:
            value = f->is_repeated() ? r->GetRepeatedUInt32(m, f, j) : r->GetUInt32(m, f);
            break;
          case pb::FieldDescriptor::CPPTYPE_INT64:
            value = f->is_repeated() ? r->GetRepeatedInt64(m, f, j) : r->GetInt64(m, f);
            break;
          default:
            value = static_cast<int64_t>(std::min<uint64_t>(
                f->is_repeated() ? r->GetRepeatedUInt64(m, f, j) : r->GetUInt64(m, f),
                static_cast<uint64_t>(INT64_MAX)));
        }
        CheckRuleOnInteger(*rule, value, at, out);
      }
    }
  }
}

absl::Status ValidateRulesOf(const pb::Descriptor* d, std::set<const pb::Descriptor*>& seen) {
  if (!seen.insert(d).second) return absl::OkStatus();
  for (int i = 0; i < d->field_count(); ++i) {
    RETURN_IF_ERROR(ValidateRule(d->field(i)));
    if (IsMessage(d->field(i))) RETURN_IF_ERROR(ValidateRulesOf(d->field(i)->message_type(), seen));
  }
  return absl::OkStatus();
}

}  // namespace

const FieldRule* RuleOf(const pb::FieldDescriptor* f) {
  if (!f->options().HasExtension(sisl::api::v1::field)) return nullptr;
  return &f->options().GetExtension(sisl::api::v1::field);
}

bool IsRequired(const pb::FieldDescriptor* f) {
  const FieldRule* rule = RuleOf(f);
  return rule != nullptr && rule->required();
}

absl::Status ValidateRule(const pb::FieldDescriptor* f) {
  const FieldRule* rule = RuleOf(f);
  if (rule == nullptr) return absl::OkStatus();
  auto bad = [f](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(f->full_name(), ": (sisl.api.v1.field) ", what));
  };
  const bool is_string = f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING;
  const bool is_integer = IsInteger32(f) || IsInteger64(f);
  if ((!rule->pattern().empty() || rule->min_length() > 0 || rule->max_length() > 0 ||
       rule->format() != sisl::api::v1::FIELD_FORMAT_UNSPECIFIED) &&
      !is_string) {
    return bad("pattern, lengths and formats apply to string fields");
  }
  if ((rule->has_minimum() || rule->has_maximum()) && !is_integer) {
    return bad("minimum and maximum apply to integer fields");
  }
  if (rule->max_length() > 0 && rule->min_length() > rule->max_length()) {
    return bad("min_length is above max_length");
  }
  if (rule->has_minimum() && rule->has_maximum() && rule->minimum() > rule->maximum()) {
    return bad("minimum is above maximum");
  }
  if (!rule->pattern().empty()) {
    if (auto compiled = Compile(rule->pattern()); !compiled.ok()) {
      return bad(compiled.status().message());
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRulesOf(const pb::Descriptor* d) {
  std::set<const pb::Descriptor*> seen;
  return ValidateRulesOf(d, seen);
}

absl::Status CheckFieldRules(const pb::Message& message, const json& given) {
  Violations violations;
  CheckRules(message, given, "", 0, violations);
  if (violations.empty()) return absl::OkStatus();
  return Refuse(std::move(violations));
}

void AddRuleKeywords(const pb::FieldDescriptor* f, json& schema) {
  const FieldRule* rule = RuleOf(f);
  if (rule == nullptr || schema.contains("$ref")) return;
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_STRING ||
      (IsMessage(f) && schema.value("type", "") == "string")) {
    const uint32_t min_length = std::max<uint32_t>(rule->min_length(), rule->required() ? 1 : 0);
    if (min_length > 0) schema["minLength"] = min_length;
    if (rule->max_length() > 0) schema["maxLength"] = rule->max_length();
    if (const std::string pattern = PatternOf(*rule); !pattern.empty()) schema["pattern"] = pattern;
    if (rule->format() == sisl::api::v1::FIELD_FORMAT_DATE) schema["format"] = "date";
  }
  if (rule->has_minimum()) schema["minimum"] = rule->minimum();
  if (rule->has_maximum()) schema["maximum"] = rule->maximum();
}

}  // namespace sisl::gateway::transcoding
