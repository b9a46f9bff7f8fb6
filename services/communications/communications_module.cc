#include "services/communications/communications_module.h"

#include "services/communications/events/delegation_consumer.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

platform::ModuleSpec CommunicationsModuleSpec() {
  return {
      .name = "communications",
      .config_keys =
          [](bool) {
            using T = platform::ConfigKey::Type;
            return std::vector<platform::ConfigKey>{
                {"communications.spool_dir",
                 T::kString,
                 "var/spool/communications",
                 false,
                 {},
                 "the national node's spool directory (outbox/, sent/, ack/): an external "
                 "transfer agent sends what SISL writes there"},
                {"communications.forward_interval",
                 T::kDuration,
                 "30s",
                 false,
                 {},
                 "how often accepted communications are spooled and acknowledgements read"},
                {"communications.bulk_max_bytes",
                 T::kInt,
                 "16000000",
                 false,
                 {},
                 "largest bulk upload (bytes, a ZIP compressed; gRPC messages stop at 16 MiB)"},
                {"communications.bulk_max_records",
                 T::kInt,
                 "200000",
                 false,
                 {},
                 "most records in one bulk upload"},
                {"communications.bulk_batch",
                 T::kInt,
                 "500",
                 false,
                 {},
                 "records of a bulk upload filed per transaction"}};
          },
      .create = [](const platform::ModuleContext& context)
          -> absl::StatusOr<std::unique_ptr<platform::Module>> {
        ASSIGN_OR_RETURN(auto module, CommunicationsModule::Create(context));
        return std::unique_ptr<platform::Module>(std::move(module));
      },
  };
}

absl::StatusOr<std::unique_ptr<CommunicationsModule>> CommunicationsModule::Create(
    const platform::ModuleContext& context) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Rome", &zone)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "TIME_ZONE_MISSING",
                           "cannot load the Europe/Rome time zone; install tzdata");
  }
  if (context.config.GetInt("communications.bulk_batch") < 1 ||
      context.config.GetInt("communications.bulk_max_records") < 1 ||
      context.config.GetInt("communications.bulk_max_bytes") < 1) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                           "communications.bulk_*: must be positive");
  }
  ASSIGN_OR_RETURN(
      std::unique_ptr<forwarding::SpoolDirectoryNode> spool,
      forwarding::SpoolDirectoryNode::Open(context.config.GetString("communications.spool_dir")));
  return std::unique_ptr<CommunicationsModule>(new CommunicationsModule(context, std::move(spool)));
}

namespace {

BulkProcessorOptions BulkOptions(const platform::Config& config) {
  BulkProcessorOptions o;
  o.limits.max_bytes = config.GetInt("communications.bulk_max_bytes");
  o.limits.max_records = config.GetInt("communications.bulk_max_records");
  o.batch_size = static_cast<int>(config.GetInt("communications.bulk_batch"));
  return o;
}

}  // namespace

CommunicationsModule::CommunicationsModule(const platform::ModuleContext& context,
                                           std::unique_ptr<forwarding::SpoolDirectoryNode> spool)
    : context_(context),
      deps_{context.db, context.committer, context.clock, context.person_ids},
      calls_(context.tokens, platform::ErrorDomainOf("communications")),
      filings_(deps_),
      queries_(deps_),
      delegation_events_("communications-delegations", &context.db, context.clock),
      bulk_uploads_(deps_, BulkOptions(context.config).limits),
      bulk_processor_(deps_, BulkOptions(context.config)),
      bulk_task_("communications-bulk", absl::Seconds(2),
                 [this] { return bulk_processor_.RunOnce(); }),
      spool_(std::move(spool)),
      forwarder_(context.db, *spool_, context.clock),
      forwarding_metrics_(forwarder_, context.clock),
      forwarding_task_("communications-forwarding",
                       context.config.GetDuration("communications.forward_interval"),
                       [this] {
                         absl::StatusOr<forwarding::ForwardingCounts> counts = forwarder_.Step();
                         if (counts.ok()) forwarding_metrics_.Count(*counts);
                         return counts.ok() && counts->more;
                       }),
      communications_service_(filings_, queries_, calls_),
      history_service_(queries_, calls_),
      bulk_service_(bulk_uploads_, calls_, [this] { bulk_task_.Wake(); }),
      code_lists_service_(calls_) {
  events::ConsumeDelegations(delegation_events_, context.clock);
}

absl::Status CommunicationsModule::Initialize() {
  RETURN_IF_ERROR(platform::db::ApplyMigrations(
      context_.db, "platform", platform::db::PlatformMigrations(), context_.clock));
  return platform::db::ApplyMigrations(context_.db, "communications", embedded_migrations::Files(),
                                       context_.clock);
}

absl::Status CommunicationsModule::Register(platform::ServerHost& host) {
  ASSIGN_OR_RETURN(delegation_subscription_, delegation_events_.Subscribe(context_.bus));
  host.AddService(&communications_service_, api::v1::CommunicationsService::service_full_name());
  host.AddService(&history_service_, api::v1::EmploymentHistoryService::service_full_name());
  host.AddService(&bulk_service_, api::v1::BulkUploadsService::service_full_name());
  host.AddService(&code_lists_service_, api::v1::CodeListsService::service_full_name());
  forwarding_metrics_.Register();
  bulk_task_.Start();
  forwarding_task_.Start();
  host.OnShutdown([this] {
    bulk_task_.Stop();
    forwarding_task_.Stop();
    if (delegation_subscription_) delegation_subscription_->Stop();
  });
  return absl::OkStatus();
}

}  // namespace sisl::communications
