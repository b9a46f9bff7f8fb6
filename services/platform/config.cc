#include "services/platform/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "yaml-cpp/yaml.h"

namespace sisl::platform {
namespace {

absl::Status BadConfig(const std::string& key, const std::string& what) {
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
               absl::StrCat("config key '", key, "': ", what), {{"key", key}});
}

// Flattens maps into dotted paths; scalars become leaves. Sequences are not used by SISL configs.
absl::Status Flatten(const YAML::Node& node, const std::string& prefix,
                     std::map<std::string, std::string>& out) {
  if (node.IsMap()) {
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>();
      const std::string path = prefix.empty() ? key : absl::StrCat(prefix, ".", key);
      RETURN_IF_ERROR(Flatten(item.second, path, out));
    }
    return absl::OkStatus();
  }
  if (node.IsScalar()) {
    out[prefix] = node.Scalar();
    return absl::OkStatus();
  }
  if (node.IsNull()) {
    out[prefix] = "";
    return absl::OkStatus();
  }
  return BadConfig(prefix, "lists are not supported here");
}

absl::StatusOr<std::string> ExpandEnv(const std::string& key, const std::string& value,
                                      const EnvLookup& env) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t start = value.find("${", i);
    if (start == std::string::npos) {
      out.append(value, i);
      break;
    }
    out.append(value, i, start - i);
    size_t end = value.find('}', start);
    if (end == std::string::npos) return BadConfig(key, "unterminated ${ in value");
    std::string ref = value.substr(start + 2, end - start - 2);
    std::string fallback;
    bool has_fallback = false;
    if (size_t sep = ref.find(":-"); sep != std::string::npos) {
      fallback = ref.substr(sep + 2);
      ref = ref.substr(0, sep);
      has_fallback = true;
    }
    auto v = env(ref);
    if (v) {
      out += *v;
    } else if (has_fallback) {
      out += fallback;
    } else {
      return BadConfig(key, absl::StrCat("environment variable ", ref, " is not set"));
    }
    i = end + 1;
  }
  return out;
}

std::string EnvName(const std::string& path) {
  return absl::StrCat("SISL_", absl::AsciiStrToUpper(absl::StrReplaceAll(path, {{".", "_"}})));
}

absl::Status CheckType(const ConfigKey& key, const std::string& value) {
  int64_t i;
  bool b;
  absl::Duration d;
  switch (key.type) {
    case ConfigKey::Type::kInt:
      if (!absl::SimpleAtoi(value, &i)) return BadConfig(key.path, "expected an integer");
      break;
    case ConfigKey::Type::kBool:
      if (!absl::SimpleAtob(value, &b)) return BadConfig(key.path, "expected true or false");
      break;
    case ConfigKey::Type::kDuration:
      if (!absl::ParseDuration(value, &d) || d < absl::ZeroDuration()) {
        return BadConfig(key.path, "expected a duration such as 500ms, 5s or 2m");
      }
      break;
    case ConfigKey::Type::kString:
      if (!key.allowed.empty() &&
          std::find(key.allowed.begin(), key.allowed.end(), value) == key.allowed.end()) {
        return BadConfig(key.path,
                         absl::StrCat("expected one of ", absl::StrJoin(key.allowed, ", ")));
      }
      break;
  }
  return absl::OkStatus();
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

absl::StatusOr<Config> Config::LoadFile(const std::string& path,
                                        const std::vector<ConfigKey>& schema,
                                        const EnvLookup& env) {
  std::ifstream in(path);
  if (!in) {
    return Error(absl::StatusCode::kNotFound, "CONFIG_NOT_FOUND",
                 absl::StrCat("cannot read config file ", path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto config = LoadString(ss.str(), schema, env);
  if (!config.ok()) return Annotate(config.status(), path);
  return config;
}

absl::StatusOr<Config> Config::LoadString(const std::string& yaml,
                                          const std::vector<ConfigKey>& schema,
                                          const EnvLookup& env) {
  std::map<std::string, std::string> file_values;
  try {
    YAML::Node root = YAML::Load(yaml);
    if (!root.IsNull() && !root.IsMap()) return BadConfig("(root)", "expected a mapping");
    if (root.IsMap()) {
      RETURN_IF_ERROR(Flatten(root, "", file_values));
    }
  } catch (const YAML::Exception& e) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                 absl::StrCat("config is not valid YAML: ", e.what()));
  }
  std::map<std::string, const ConfigKey*> known;
  for (const auto& key : schema) known[key.path] = &key;
  for (const auto& [path, value] : file_values) {
    if (!known.contains(path)) return BadConfig(path, "unknown key");
  }

  std::map<std::string, std::string> values;
  for (const auto& key : schema) {
    std::optional<std::string> value;
    if (!key.default_value.empty()) value = key.default_value;
    if (auto it = file_values.find(key.path); it != file_values.end()) value = it->second;
    if (auto v = env(EnvName(key.path))) value = *v;
    if (!value) {
      if (key.required) return BadConfig(key.path, "is required");
      continue;
    }
    ASSIGN_OR_RETURN(std::string expanded, ExpandEnv(key.path, *value, env));
    RETURN_IF_ERROR(CheckType(key, expanded));
    values[key.path] = std::move(expanded);
  }
  return Config(std::move(values));
}

const std::string& Config::Raw(const std::string& path) const {
  static const std::string kEmpty;
  auto it = values_.find(path);
  return it == values_.end() ? kEmpty : it->second;
}

std::string Config::GetString(const std::string& path) const { return Raw(path); }

int64_t Config::GetInt(const std::string& path) const {
  int64_t v = 0;
  (void)absl::SimpleAtoi(Raw(path), &v);
  return v;
}

bool Config::GetBool(const std::string& path) const {
  bool v = false;
  (void)absl::SimpleAtob(Raw(path), &v);
  return v;
}

absl::Duration Config::GetDuration(const std::string& path) const {
  absl::Duration d = absl::ZeroDuration();
  (void)absl::ParseDuration(Raw(path), &d);
  return d;
}

}  // namespace sisl::platform
