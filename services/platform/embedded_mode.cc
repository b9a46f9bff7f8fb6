#include "services/platform/embedded_mode.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::platform {

std::vector<ConfigKey> EmbeddedConfigKeys() {
  using T = ConfigKey::Type;
  return {
      {"data_dir", T::kString, "var/data", false, {}, "where the SQLite files live"},
      {"grpc_address", T::kString, "127.0.0.1:50050", false, {}, "gRPC listen address"},
      {"http_address", T::kString, "127.0.0.1:9090", false, {}, "metrics and health address"},
      {"log.level", T::kString, "info", false, {"debug", "info", "warn", "error"}, "log level"},
  };
}

absl::StatusOr<std::unique_ptr<db::Database>> OpenEmbeddedDatabase(const std::string& data_dir,
                                                                   const std::string& service) {
  db::DatabaseOptions options;
  options.url = absl::StrCat("sqlite:", data_dir, "/", service, ".db");
  return db::OpenDatabase(options);
}

absl::StatusOr<std::string> LoadOrCreateTokenKey(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot create data directory ", data_dir, ": ", ec.message()));
  }
  const std::string path = absl::StrCat(data_dir, "/internal-token.key");
  if (std::ifstream in(path); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    std::string key;
    if (absl::Base64Unescape(ss.str(), &key) && key.size() >= 32) return key;
    return Error(absl::StatusCode::kFailedPrecondition, "TOKEN_KEY_INVALID",
                 absl::StrCat(path, " is not a valid key; delete it to make a new one"));
  }
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), 32) != 1) {
    return absl::InternalError("no randomness for the token key");
  }
  {
    std::ofstream out(path, std::ios::trunc);
    out << absl::Base64Escape(key);
    if (!out) {
      return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                   absl::StrCat("cannot write ", path));
    }
  }
  ::chmod(path.c_str(), 0600);
  return key;
}

}  // namespace sisl::platform
