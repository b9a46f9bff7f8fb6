#ifndef SISL_PLATFORM_CONFIG_H_
#define SISL_PLATFORM_CONFIG_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::platform {

// What a process accepts in its YAML file. Keys are dotted paths ("database.url").
struct ConfigKey {
  enum class Type { kString, kInt, kBool, kDuration };
  std::string path;
  Type type = Type::kString;
  std::string default_value;      // as it would be written in YAML; "" with required=false: unset
  bool required = false;
  std::vector<std::string> allowed;  // for strings: the only values accepted, if not empty
  std::string help;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup ProcessEnvironment();

// A validated configuration. Sources, lowest precedence first: defaults, the YAML file, then
// environment variables SISL_<PATH> (dots become underscores, upper case; e.g.
// SISL_DATABASE_URL). Values may reference the environment as ${NAME} or ${NAME:-fallback}.
// Unknown keys, missing required keys and ill-typed values fail with a message naming the key.
class Config final {
 public:
  static absl::StatusOr<Config> LoadFile(const std::string& path,
                                         const std::vector<ConfigKey>& schema,
                                         const EnvLookup& env = ProcessEnvironment());
  static absl::StatusOr<Config> LoadString(const std::string& yaml,
                                           const std::vector<ConfigKey>& schema,
                                           const EnvLookup& env = ProcessEnvironment());

  std::string GetString(const std::string& path) const;
  int64_t GetInt(const std::string& path) const;
  bool GetBool(const std::string& path) const;
  absl::Duration GetDuration(const std::string& path) const;
  bool Has(const std::string& path) const { return values_.contains(path); }

 private:
  explicit Config(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  const std::string& Raw(const std::string& path) const;
  std::map<std::string, std::string> values_;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_CONFIG_H_
