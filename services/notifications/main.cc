// sisl-notifications: the notifications service as its own process (PostgreSQL, Kafka, Redis).
#include "services/notifications/notifications_module.h"
#include "services/platform/runner.h"

int main(int argc, char** argv) {
  return sisl::platform::RunService(argc, argv, sisl::notifications::NotificationsModuleSpec());
}
