#include "services/notifications/notifications_config.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/notifications/channels/app_io.h"
#include "services/notifications/channels/sms_gateway.h"
#include "services/notifications/channels/smtp_mailer.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace {

using platform::Config;
using T = platform::ConfigKey::Type;

absl::Status BadConfig(const absl::Status& st, absl::string_view prefix) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                         absl::StrCat(prefix, ": ", st.message()));
}

}  // namespace

std::vector<platform::ConfigKey> NotificationsConfigKeys(bool embedded) {
  return {
      {"notifications.portal_url",
       T::kString,
       "http://127.0.0.1:8080/",
       false,
       {},
       "the citizens' portal, linked from every message"},
      {"notifications.booking_address",
       T::kString,
       "",
       false,
       {},
       "booking's gRPC host:port, for the contact data of appointments (empty: this process's "
       "own gRPC port, the all-in-one)"},
      {"notifications.time_zone",
       T::kString,
       "Europe/Rome",
       false,
       {},
       "the zone of the dates in messages and of the reminders' 09:00"},
      {"notifications.send_interval",
       T::kDuration,
       "100ms",
       false,
       {},
       "how often due reminders and messages are looked for"},
      {"notifications.batch", T::kInt, "50", false, {}, "messages taken per round"},
      {"notifications.lease",
       T::kDuration,
       "60s",
       false,
       {},
       "how long a replica holds the messages it took before another may take them"},
      {"notifications.retry.initial",
       T::kDuration,
       "30s",
       false,
       {},
       "wait after a first temporary failure (doubling after each further one)"},
      {"notifications.retry.max", T::kDuration, "1h", false, {}, "the longest wait"},
      {"notifications.retry.max_attempts",
       T::kInt,
       "12",
       false,
       {},
       "failed attempts after which a message is a dead letter"},
      {"notifications.smtp.host",
       T::kString,
       embedded ? "127.0.0.1" : "",
       false,
       {},
       "SMTP server (empty: no e-mail)"},
      {"notifications.smtp.port", T::kInt, embedded ? "51025" : "587", false, {}, "SMTP port"},
      {"notifications.smtp.tls",
       T::kString,
       "starttls",
       false,
       {"starttls", "tls", "none"},
       "starttls (required), tls (implicit, 465) or none (tests only)"},
      {"notifications.smtp.ca_file",
       T::kString,
       "",
       false,
       {},
       "PEM CAs verifying the SMTP server (empty: the system's)"},
      {"notifications.smtp.insecure_skip_verify_loopback_only",
       T::kBool,
       embedded ? "true" : "false",
       false,
       {},
       "skip the certificate check of a loopback SMTP server (the local mailpit)"},
      {"notifications.smtp.username",
       T::kString,
       embedded ? "sisl" : "",
       false,
       {},
       "SMTP AUTH user (empty: no AUTH)"},
      {"notifications.smtp.password",
       T::kString,
       embedded ? "sisl" : "",
       false,
       {},
       "SMTP AUTH password (pass it by environment)"},
      {"notifications.smtp.from",
       T::kString,
       "noreply@sisl.regione.piemonte.it",
       false,
       {},
       "the sender address"},
      {"notifications.smtp.from_name",
       T::kString,
       "Centri per l'impiego del Piemonte",
       false,
       {},
       "the sender's display name"},
      {"notifications.mailbox_url",
       T::kString,
       embedded ? "http://127.0.0.1:58025" : "",
       false,
       {},
       "where people read the mails of a local SMTP server (shown at start only)"},
      {"notifications.sms.url",
       T::kString,
       "",
       false,
       {},
       "the SMS gateway's endpoint (empty: no SMS)"},
      {"notifications.sms.bearer_token", T::kString, "", false, {}, "SMS gateway token"},
      {"notifications.sms.username", T::kString, "", false, {}, "SMS gateway user (Basic)"},
      {"notifications.sms.password", T::kString, "", false, {}, "SMS gateway password"},
      {"notifications.sms.sender_id", T::kString, "CPIPiemonte", false, {}, "SMS sender"},
      {"notifications.app_io.base_url",
       T::kString,
       "https://api.io.pagopa.it",
       false,
       {},
       "App IO's API"},
      {"notifications.app_io.api_key",
       T::kString,
       "",
       false,
       {},
       "the IO service's subscription key (empty: no App IO)"},
  };
}

absl::StatusOr<Settings> SettingsFromConfig(const Config& config) {
  Settings s;
  s.portal_url = config.GetString("notifications.portal_url");
  s.retry.initial = config.GetDuration("notifications.retry.initial");
  s.retry.max = config.GetDuration("notifications.retry.max");
  s.retry.max_attempts = static_cast<int>(config.GetInt("notifications.retry.max_attempts"));
  s.lease = config.GetDuration("notifications.lease");
  s.batch = static_cast<int>(config.GetInt("notifications.batch"));
  s.owner = absl::StrCat("notifications-", platform::NewUuidV7());
  if (s.batch < 1 || s.batch > 1000 || s.retry.max_attempts < 1 || s.lease < absl::Seconds(5) ||
      s.retry.initial <= absl::ZeroDuration() || s.retry.max < s.retry.initial) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "notifications: batch 1-1000, max_attempts >= 1, lease >= 5s, "
                           "0 < retry.initial <= retry.max");
  }
  return s;
}

absl::StatusOr<ConfiguredChannels> ChannelsFromConfig(const Config& config) {
  ConfiguredChannels out;
  if (const std::string host = config.GetString("notifications.smtp.host"); !host.empty()) {
    SmtpConfig smtp;
    smtp.host = host;
    smtp.port = static_cast<int>(config.GetInt("notifications.smtp.port"));
    ASSIGN_OR_RETURN(smtp.tls, ParseSmtpTls(config.GetString("notifications.smtp.tls")));
    smtp.ca_file = config.GetString("notifications.smtp.ca_file");
    smtp.insecure_skip_verify_loopback_only =
        config.GetBool("notifications.smtp.insecure_skip_verify_loopback_only");
    smtp.username = config.GetString("notifications.smtp.username");
    smtp.password = config.GetString("notifications.smtp.password");
    smtp.from = {config.GetString("notifications.smtp.from"),
                 config.GetString("notifications.smtp.from_name")};
    auto mailer = SmtpMailer::Create(std::move(smtp));
    if (!mailer.ok()) return BadConfig(mailer.status(), "notifications.smtp");
    out.email = *std::move(mailer);
  }
  if (const std::string url = config.GetString("notifications.sms.url"); !url.empty()) {
    SmsGatewayConfig sms;
    sms.url = url;
    sms.bearer_token = config.GetString("notifications.sms.bearer_token");
    sms.username = config.GetString("notifications.sms.username");
    sms.password = config.GetString("notifications.sms.password");
    sms.sender_id = config.GetString("notifications.sms.sender_id");
    auto gateway = HttpSmsGateway::Create(std::move(sms));
    if (!gateway.ok()) return BadConfig(gateway.status(), "notifications.sms");
    out.sms = *std::move(gateway);
  }
  if (const std::string key = config.GetString("notifications.app_io.api_key"); !key.empty()) {
    AppIoConfig io;
    io.base_url = config.GetString("notifications.app_io.base_url");
    io.api_key = key;
    auto client = AppIoClient::Create(std::move(io));
    if (!client.ok()) return BadConfig(client.status(), "notifications.app_io");
    out.app_io = *std::move(client);
  }
  return out;
}

}  // namespace sisl::notifications
