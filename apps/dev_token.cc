#include "apps/dev_token.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/keys.h"
#include "services/platform/embedded_mode.h"

namespace sisl::apps {

int RunDevToken(int argc, char** argv) {
  std::map<std::string, std::string> opts = {
      {"--subject", "dev-user"}, {"--hours", "8"}, {"--audience", "booking"}, {"--level", "2"}};
  const char* env_dir = std::getenv("SISL_DATA_DIR");
  opts["--data-dir"] = env_dir ? env_dir : "var/data";
  for (int i = 2; i + 1 < argc; i += 2) opts[argv[i]] = argv[i + 1];
  if ((argc - 2) % 2 != 0 || !opts.contains("--role")) {
    std::fprintf(stderr,
                 "usage: sisl-allinone token --role citizen|operator|contact_centre|admin"
                 " [--subject ID] [--cpi CPI-TO-15] [--fiscal-code CF] [--data-dir DIR]"
                 " [--hours N] [--audience booking|gateway] [--level 1|2|3]\n");
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
  if (!absl::SimpleAtoi(opts["--level"], &caller.spid_level) || caller.spid_level < 1 ||
      caller.spid_level > 3) {
    std::fprintf(stderr, "sisl-allinone token: --level must be 1, 2 or 3\n");
    return 2;
  }
  caller.subject = opts["--subject"];
  caller.cpi_code = opts["--cpi"];
  caller.fiscal_code = opts["--fiscal-code"];
  // The all-in-one's own private key (created at its first start, or now).
  auto keys = platform::LoadOrCreateEmbeddedKeys(opts["--data-dir"]);
  if (!keys.ok()) {
    std::fprintf(stderr, "sisl-allinone token: %s\n", std::string(keys.status().message()).c_str());
    return 1;
  }
  std::printf("%s\n",
              (*keys)->signer->Sign(caller, opts["--audience"], absl::Hours(hours)).c_str());
  return 0;
}

int RunKeygen(int argc, char** argv) {
  if (argc != 4 || std::string(argv[2]) != "--dir") {
    std::fprintf(stderr, "usage: sisl-allinone keys --dir DIR\n");
    return 2;
  }
  auto files = platform::auth::GenerateDeploymentKeys(argv[3]);
  if (!files.ok()) {
    std::fprintf(stderr, "sisl-allinone keys: %s\n", std::string(files.status().message()).c_str());
    return 1;
  }
  std::printf(
      "gateway:  auth.token_private_key: %s\n"
      "services: auth.token_public_key: %s\n"
      "all:      auth.person_id_key: the contents of %s (SISL_AUTH_PERSON_ID_KEY)\n"
      "one calling service (e.g. notifications), a pair of its own:\n"
      "  caller:  auth.service_token_private_key: %s\n"
      "  callees: auth.trusted_service_keys: <service>=%s\n"
      "  (each further calling service needs a pair of its own: docs/keys.md)\n",
      files->private_key.c_str(), files->public_key.c_str(), files->person_id_key.c_str(),
      files->service_private_key.c_str(), files->service_public_key.c_str());
  return 0;
}

}  // namespace sisl::apps
