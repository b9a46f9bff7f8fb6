// The notifications service's configuration keys and the channels they configure.
#ifndef SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_CONFIG_H_
#define SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_CONFIG_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "services/notifications/app/deps.h"
#include "services/platform/config.h"

namespace sisl::notifications {

// notifications.*: portal_url, booking_address, time_zone, send_interval, batch, lease, retry.*,
// smtp.*, sms.*, app_io.*. `embedded`: the all-in-one's defaults (the local mailpit).
std::vector<platform::ConfigKey> NotificationsConfigKeys(bool embedded);

// The adapters a configuration names; a channel left unconfigured is null (its messages fail
// as CHANNEL_NOT_CONFIGURED). INVALID_ARGUMENT INVALID_CONFIG for a configuration that cannot
// work.
struct ConfiguredChannels {
  std::unique_ptr<EmailChannel> email;
  std::unique_ptr<SmsChannel> sms;
  std::unique_ptr<AppIoChannel> app_io;
  Channels View() const { return {email.get(), sms.get(), app_io.get()}; }
};
absl::StatusOr<ConfiguredChannels> ChannelsFromConfig(const platform::Config& config);

absl::StatusOr<Settings> SettingsFromConfig(const platform::Config& config);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_NOTIFICATIONS_CONFIG_H_
