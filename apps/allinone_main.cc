// sisl-allinone: the whole suite in one process for newcomers and demos. Same domain and API code
// as the distributed services; only the adapters differ (SQLite files in the data directory, an
// in-process bus, an in-memory cache). The suite is the list of its modules.
#include <cstdio>
#include <string>

#include "apps/dev_token.h"
#include "gateway/gateway_module.h"
#include "services/booking/booking_module.h"
#include "services/communications/communications_module.h"
#include "services/enterprise/enterprise_module.h"
#include "services/matching/matching_module.h"
#include "services/notifications/notifications_module.h"
#include "services/observatory/observatory_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "token") return sisl::apps::RunDevToken(argc, argv);
  if (argc > 1 && std::string(argv[1]) == "keys") return sisl::apps::RunKeygen(argc, argv);
  sisl::platform::EmbeddedOptions options;
  options.on_started = [](const sisl::platform::Config& config) {
    std::printf(
        "SISL is running: web and REST on %s, gRPC on %s, metrics and health on http://%s\n",
        config.GetString("gateway.public_url").c_str(), config.GetString("grpc_address").c_str(),
        config.GetString("http_address").c_str());
    // ./sisl run starts a local SMTP server (mailpit) that keeps every mail for people to read.
    std::printf("E-mails go to SMTP %s:%lld; see them at %s\n",
                config.GetString("notifications.smtp.host").c_str(),
                static_cast<long long>(config.GetInt("notifications.smtp.port")),
                config.GetString("notifications.mailbox_url").c_str());
    std::fflush(stdout);
  };
  // The gateway comes last: it starts taking HTTP requests once the services serve, and stops
  // first.
  return sisl::platform::RunEmbedded(
      argc, argv,
      {sisl::booking::BookingModuleSpec(), sisl::enterprise::EnterpriseModuleSpec(),
       sisl::communications::CommunicationsModuleSpec(), sisl::matching::MatchingModuleSpec(),
       sisl::notifications::NotificationsModuleSpec(), sisl::observatory::ObservatoryModuleSpec(),
       sisl::gateway::GatewayModuleSpec()},
      options);
}
