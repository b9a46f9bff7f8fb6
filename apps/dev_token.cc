#include "apps/dev_token.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/embedded_mode.h"

namespace sisl::apps {

int RunDevToken(int argc, char** argv) {
  std::map<std::string, std::string> opts = {{"--subject", "dev-user"}, {"--hours", "8"}};
  const char* env_dir = std::getenv("SISL_DATA_DIR");
  opts["--data-dir"] = env_dir ? env_dir : "var/data";
  for (int i = 2; i + 1 < argc; i += 2) opts[argv[i]] = argv[i + 1];
  if ((argc - 2) % 2 != 0 || !opts.contains("--role")) {
    std::fprintf(stderr,
                 "usage: sisl-allinone token --role citizen|operator|contact_centre|admin"
                 " [--subject ID] [--cpi CPI-TO-15] [--fiscal-code CF] [--data-dir DIR]"
                 " [--hours N]\n");
    return 2;
  }
  platform::auth::Caller caller;
  if (!platform::auth::ParseRole(opts["--role"], &caller.role)) {
    std::fprintf(stderr, "sisl-allinone token: unknown role '%s'\n", opts["--role"].c_str());
    return 2;
  }
  int hours = 8;
  if (!absl::SimpleAtoi(opts["--hours"], &hours) || hours < 1 || hours > 24) {
    std::fprintf(stderr, "sisl-allinone token: --hours must be 1 to 24\n");
    return 2;
  }
  caller.subject = opts["--subject"];
  caller.cpi_code = opts["--cpi"];
  caller.fiscal_code = opts["--fiscal-code"];
  auto key = platform::LoadOrCreateTokenKey(opts["--data-dir"]);
  if (!key.ok()) {
    std::fprintf(stderr, "sisl-allinone token: %s\n", std::string(key.status().message()).c_str());
    return 1;
  }
  platform::auth::TokenCodec codec(*key);
  std::printf("%s\n", codec.Mint(caller, absl::Hours(hours)).c_str());
  return 0;
}

}  // namespace sisl::apps
