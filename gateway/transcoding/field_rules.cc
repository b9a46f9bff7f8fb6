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
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::transcoding {

namespace {

namespace pb = google::protobuf;
using nlohmann::json;
using sisl::api::v1::FieldRule;
using Violations = std::vector<platform::FieldViolation>;

constexpr char kDatePattern[] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
constexpr char kMonthPattern[] = "^[0-9]{4}-(0[1-9]|1[0-2])$";
constexpr int kMaxDepth = 32;

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

bool IsInteger32(const pb::FieldDescriptor* f) {
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return true;
    default:
      return false;
  }
}

bool IsInteger64(const pb::FieldDescriptor* f) {
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 ||
         f->cpp_type() == pb::FieldDescriptor::CPPTYPE_UINT64;
}

bool IsMessage(const pb::FieldDescriptor* f) {
  return f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE;
}

// Well-known messages that are one JSON value, and the JSON type of that value.
enum class Wkt { kNone, kString, kInteger, kNumber, kBool, kAny };
Wkt WellKnownKind(const pb::Descriptor* d, bool* nullable) {
  static const auto* const kinds = new std::map<std::string, std::pair<Wkt, bool>>{
      {"google.protobuf.Timestamp", {Wkt::kString, false}},
      {"google.protobuf.Duration", {Wkt::kString, false}},
      {"google.protobuf.FieldMask", {Wkt::kString, false}},
      {"google.protobuf.DoubleValue", {Wkt::kNumber, true}},
      {"google.protobuf.FloatValue", {Wkt::kNumber, true}},
      {"google.protobuf.Int64Value", {Wkt::kString, true}},
      {"google.protobuf.UInt64Value", {Wkt::kString, true}},
      {"google.protobuf.Int32Value", {Wkt::kInteger, true}},
      {"google.protobuf.UInt32Value", {Wkt::kInteger, true}},
      {"google.protobuf.BoolValue", {Wkt::kBool, true}},
      {"google.protobuf.StringValue", {Wkt::kString, true}},
      {"google.protobuf.BytesValue", {Wkt::kString, true}},
      {"google.protobuf.Struct", {Wkt::kAny, true}},
      {"google.protobuf.Value", {Wkt::kAny, true}},
      {"google.protobuf.ListValue", {Wkt::kAny, true}},
      {"google.protobuf.Any", {Wkt::kAny, true}},
      {"google.protobuf.Empty", {Wkt::kAny, true}}};
  auto it = kinds->find(d->full_name());
  if (it == kinds->end()) return Wkt::kNone;
  *nullable = it->second.second;
  return it->second.first;
}

// The value of `f` in `object` as sent (by JSON name or proto name), or nullptr.
const json* Given(const json& object, const pb::FieldDescriptor* f) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(f->json_name()); it != object.end()) return &*it;
  if (auto it = object.find(f->name()); it != object.end()) return &*it;
  return nullptr;
}

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : absl::StrCat(prefix, ".", name);
}

// 64-bit integers as sent (body or query): decimal strings of the documented form.
void CheckInt64Text(const pb::FieldDescriptor* f, const json& v, const std::string& path,
                    Violations& out) {
  static const auto* const int64 = new std::regex(kInt64Pattern, std::regex::ECMAScript);
  static const auto* const uint64 = new std::regex(kUint64Pattern, std::regex::ECMAScript);
  const std::regex& pattern =
      f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 ? *int64 : *uint64;
  auto fits = [&pattern](const json& e) {
    return e.is_string() && std::regex_match(e.get<std::string>(), pattern);
  };
  bool ok = true;
  if (v.is_array()) {
    for (const json& e : v) ok &= fits(e);
  } else {
    ok = fits(v);
  }
  if (!ok) out.push_back({path, "must be a decimal integer in a string, e.g. \"12\""});
}

bool IsFieldMask(const pb::Descriptor* d) { return d->full_name() == "google.protobuf.FieldMask"; }

void CheckFieldMaskText(const json& v, const std::string& path, Violations& out) {
  static const auto* const mask = new std::regex(kFieldMaskPattern, std::regex::ECMAScript);
  if (!v.is_string() || v.get<std::string>().size() > kFieldMaskMaxLength ||
      !std::regex_match(v.get<std::string>(), *mask)) {
    out.push_back({path, "must be comma-separated lowerCamelCase field paths"});
  }
}

// One value of a non-message field (or of a repeated field's element) against the JSON type.
void CheckValueType(const pb::FieldDescriptor* f, const json& v, const std::string& path, int depth,
                    Violations& out);

void CheckMessageTypes(const pb::Descriptor* d, const json& object, const std::string& path,
                       int depth, Violations& out) {
  if (!object.is_object()) {
    out.push_back({path.empty() ? "body" : path, "must be a JSON object"});
    return;
  }
  if (depth > kMaxDepth) return;
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    const json* v = Given(object, f);
    if (v == nullptr) continue;
    const std::string here = Join(path, f->json_name());
    if (f->is_map()) {
      if (!v->is_object()) {
        out.push_back({here, "must be a JSON object"});
        continue;
      }
      for (const auto& [key, value] : v->items()) {
        CheckValueType(f->message_type()->map_value(), value, Join(here, key), depth + 1, out);
      }
    } else if (f->is_repeated()) {
      if (!v->is_array()) {
        out.push_back({here, "must be a JSON array"});
        continue;
      }
      for (size_t j = 0; j < v->size(); ++j) {
        CheckValueType(f, (*v)[j], absl::StrCat(here, "[", j, "]"), depth + 1, out);
      }
    } else {
      CheckValueType(f, *v, here, depth + 1, out);
    }
  }
}

void CheckValueType(const pb::FieldDescriptor* f, const json& v, const std::string& path, int depth,
                    Violations& out) {
  auto want = [&](bool ok, const char* what) {
    if (!ok) out.push_back({path, absl::StrCat("must be ", what)});
  };
  if (IsMessage(f)) {
    bool nullable = false;
    switch (WellKnownKind(f->message_type(), &nullable)) {
      case Wkt::kNone:
        return CheckMessageTypes(f->message_type(), v, path, depth, out);
      case Wkt::kAny:
        return;
      case Wkt::kString:
        if (IsFieldMask(f->message_type())) return CheckFieldMaskText(v, path, out);
        return want(v.is_string() || (nullable && v.is_null()), "a string");
      case Wkt::kInteger:
        return want(v.is_number_integer() || (nullable && v.is_null()), "an integer");
      case Wkt::kNumber:
        return want(v.is_number() || (nullable && v.is_null()), "a number");
      case Wkt::kBool:
        return want(v.is_boolean() || (nullable && v.is_null()), "true or false");
    }
    return;
  }
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_BOOL) {
    return want(v.is_boolean(), "true or false");
  }
  if (IsInteger32(f)) return want(v.is_number_integer(), "an integer");
  if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_FLOAT ||
      f->cpp_type() == pb::FieldDescriptor::CPPTYPE_DOUBLE) {
    return want(v.is_number(), "a number");
  }
  if (IsInteger64(f)) return CheckInt64Text(f, v, path, out);
  // Strings, bytes and enums (by name).
  want(v.is_string(), "a string");
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

absl::Status Refuse(Violations violations) {
  std::string detail = "the request breaks the API's field rules:";
  for (const auto& v : violations) absl::StrAppend(&detail, " ", v.field, " ", v.description, ";");
  detail.pop_back();
  return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_FIELD", detail, {},
                         violations);
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

absl::Status CheckJsonTypes(const pb::Descriptor* type, const json& body) {
  Violations violations;
  CheckMessageTypes(type, body, "", 0, violations);
  if (violations.empty()) return absl::OkStatus();
  return Refuse(std::move(violations));
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
