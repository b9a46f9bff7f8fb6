#include "services/notifications/notifications_module.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/create_channel.h"
#include "services/notifications/api/booking_contacts.h"
#include "services/notifications/events/consumers.h"
#include "services/notifications/events/notices.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {
constexpr char kBookingAudience[] = "booking";
}  // namespace

class NotificationsModule::LateContacts final : public ContactSource {
 public:
  void Set(std::unique_ptr<ContactSource> source) {
    absl::MutexLock lock(&mu_);
    source_ = std::move(source);
  }
  absl::StatusOr<AppointmentContact> ForAppointment(const std::string& appointment_id,
                                                    const std::string& reason,
                                                    bool with_ics) override {
    ContactSource* source;
    {
      absl::MutexLock lock(&mu_);
      source = source_.get();
    }
    if (source == nullptr) {
      return platform::Error(absl::StatusCode::kUnavailable, "BOOKING_UNAVAILABLE",
                             "not connected to booking yet");
    }
    return source->ForAppointment(appointment_id, reason, with_ics);
  }

 private:
  absl::Mutex mu_;
  std::unique_ptr<ContactSource> source_ ABSL_GUARDED_BY(mu_);
};

platform::ModuleSpec NotificationsModuleSpec() {
  return {
      .name = "notifications",
      .config_keys = [](bool embedded) { return NotificationsConfigKeys(embedded); },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, NotificationsModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<NotificationsModule>> NotificationsModule::Create(
    const platform::ModuleContext& context) {
  absl::TimeZone zone;
  const std::string zone_name = context.config.GetString("notifications.time_zone");
  if (!absl::LoadTimeZone(zone_name, &zone)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           absl::StrCat("notifications.time_zone: unknown zone ", zone_name));
  }
  ASSIGN_OR_RETURN(TemplateCatalogue catalogue, TemplateCatalogue::Load(zone));
  ASSIGN_OR_RETURN(ConfiguredChannels channels, ChannelsFromConfig(context.config));
  ASSIGN_OR_RETURN(Settings settings, SettingsFromConfig(context.config));
  return std::unique_ptr<NotificationsModule>(new NotificationsModule(
      context, std::move(catalogue), std::move(channels), std::move(settings), zone));
}

NotificationsModule::NotificationsModule(const platform::ModuleContext& context,
                                         TemplateCatalogue catalogue, ConfiguredChannels channels,
                                         Settings settings, absl::TimeZone zone)
    : context_(context),
      catalogue_(std::move(catalogue)),
      channels_(std::move(channels)),
      settings_(std::move(settings)),
      contacts_(std::make_unique<LateContacts>()),
      deps_{context.db,       context.clock, context.person_ids, catalogue_,
            channels_.View(), *contacts_,    settings_},
      calls_(context.tokens, platform::ErrorDomainOf("notifications")),
      intake_(deps_, zone),
      notices_(deps_),
      delivery_(deps_),
      citizens_(deps_),
      dead_letters_(deps_),
      appointment_events_("notifications-appointments", &context.db, context.clock),
      notice_events_("notifications-notices", &context.db, context.clock),
      sender_("notifications-sender", context.config.GetDuration("notifications.send_interval"),
              [this] { return SendOnce(); }),
      preferences_service_(citizens_, calls_),
      delivery_service_(dead_letters_, calls_) {
  events::ConsumeAppointments(appointment_events_, intake_);
  events::ConsumeNotices(notice_events_, notices_, zone);
}

NotificationsModule::~NotificationsModule() { sender_.Stop(); }

absl::Status NotificationsModule::Initialize() {
  RETURN_IF_ERROR(platform::db::ApplyMigrations(
      context_.db, "platform", platform::db::PlatformMigrations(), context_.clock));
  return platform::db::ApplyMigrations(context_.db, "notifications", embedded_migrations::Files(),
                                       context_.clock);
}

bool NotificationsModule::SendOnce() {
  absl::StatusOr<int> reminders = delivery_.RunReminders(settings_.batch);
  absl::StatusOr<int> sent = delivery_.SendDue(settings_.batch);
  if (!reminders.ok() || !sent.ok()) {
    platform::log::Warn(
        "notifications round failed",
        {{"error", (!reminders.ok() ? reminders.status() : sent.status()).ToString()}});
    return false;
  }
  return *reminders >= settings_.batch || *sent >= settings_.batch;
}

absl::Status NotificationsModule::Register(platform::ServerHost& host) {
  // A new consumer group starts at the topics' end: nobody is notified of what happened before
  // the service first ran (a restarted replica resumes from its group's committed offsets).
  ASSIGN_OR_RETURN(appointment_subscription_,
                   appointment_events_.Subscribe(context_.bus, /*start_at_end=*/true));
  ASSIGN_OR_RETURN(notice_subscription_,
                   notice_events_.Subscribe(context_.bus, /*start_at_end=*/true));
  platform::MetricsRegistry& metrics = platform::MetricsRegistry::Global();
  for (store::MessageState state : {store::MessageState::kQueued, store::MessageState::kSending,
                                    store::MessageState::kFailed, store::MessageState::kDead}) {
    metrics.SetGauge("sisl_notifications_messages",
                     "Messages in the ledger by state (sent ones not counted)",
                     [this, state] {
                       absl::StatusOr<store::LedgerCounts> counts = LedgerCountsNow();
                       return counts.ok() ? static_cast<double>(counts->by_state[state]) : -1.0;
                     },
                     {{"state", std::string(store::MessageStateName(state))}});
  }
  metrics.SetGauge("sisl_notifications_oldest_queued_age_seconds",
                   "Age of the oldest message not sent yet", [this] {
                     absl::StatusOr<store::LedgerCounts> counts = LedgerCountsNow();
                     if (!counts.ok() || !counts->oldest_queued_at.has_value()) return 0.0;
                     return absl::ToDoubleSeconds(context_.clock.Now() - *counts->oldest_queued_at);
                   });
  host.AddService(&preferences_service_, api::v1::PreferencesService::service_full_name());
  host.AddService(&delivery_service_, api::v1::DeliveryService::service_full_name());
  host.OnShutdown([this] {
    sender_.Stop();
    if (appointment_subscription_) appointment_subscription_->Stop();
    if (notice_subscription_) notice_subscription_->Stop();
  });
  return absl::OkStatus();
}

absl::StatusOr<store::LedgerCounts> NotificationsModule::LedgerCountsNow() {
  // One scrape reads five gauges: the ledger is counted once for all of them.
  absl::MutexLock lock(&counts_mu_);
  const absl::Time now = context_.clock.Now();
  if (counts_.has_value() && now - counts_at_ < absl::Seconds(1)) return *counts_;
  store::LedgerCounts counts;
  RETURN_IF_ERROR(
      platform::db::InTransaction(context_.db, [&](platform::db::Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(counts, store::MessageLedger::Counts(tx));
        return absl::OkStatus();
      }));
  counts_ = counts;
  counts_at_ = now;
  return counts;
}

absl::Status NotificationsModule::Started(const platform::ServerHost& host) {
  std::string address = context_.config.GetString("notifications.booking_address");
  if (address.empty()) address = absl::StrCat("127.0.0.1:", host.grpc_port());
  const platform::auth::TokenSigner* signer = context_.service_signer;
  if (signer == nullptr) {
    platform::log::Warn("notifications cannot read booking's contact data",
                        {{"reason", "no service key: set auth.service_token_private_key"}});
  }
  auto channel = grpc::CreateChannel(address, context_.channel_credentials);
  contacts_->Set(std::make_unique<api::BookingContacts>(channel, [signer] {
    if (signer == nullptr) return std::string();
    platform::auth::Caller caller;
    caller.subject = "service:notifications";
    caller.role = platform::auth::Role::kNotifier;
    return signer->Sign(caller, kBookingAudience, absl::Minutes(2));
  }));
  sender_.Start();
  return absl::OkStatus();
}

void NotificationsModule::Stopping() { sender_.Stop(); }

}  // namespace sisl::notifications
