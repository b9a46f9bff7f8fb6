#include "tests/integration/test_databases.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace sisl::testing_env {

std::string FreshDatabase(const std::string& pg_url, const std::string& name,
                          const std::string& owner) {
  const size_t at = pg_url.rfind('@');
  const size_t slash = pg_url.rfind('/');
  if (at == std::string::npos || slash == std::string::npos || slash < at) return "";
  const std::string host_port = pg_url.substr(at + 1, slash - at - 1);
  const std::string admin = absl::StrCat("postgresql://postgres@", host_port, "/postgres");
  const std::string sql =
      absl::StrCat("-c 'DROP DATABASE IF EXISTS ", name, " WITH (FORCE)' -c 'CREATE DATABASE ",
                   name, " OWNER ", owner, "'");
  if (std::system(absl::StrCat("psql -qAtX -v ON_ERROR_STOP=1 '", admin, "' ", sql, " >/dev/null")
                      .c_str()) != 0) {
    return "";
  }
  return pg_url.substr(0, slash + 1) + name;
}

void DropDatabase(const std::string& pg_url, const std::string& name) {
  const size_t at = pg_url.rfind('@');
  const size_t slash = pg_url.rfind('/');
  if (at == std::string::npos || slash == std::string::npos) return;
  const std::string admin =
      absl::StrCat("postgresql://postgres@", pg_url.substr(at + 1, slash - at - 1), "/postgres");
  (void)std::system(absl::StrCat("psql -qAtX '", admin, "' -c 'DROP DATABASE IF EXISTS ", name,
                                 " WITH (FORCE)' >/dev/null 2>&1")
                        .c_str());
}

}  // namespace sisl::testing_env
