#ifndef SISL_SERVICES_COMMUNICATIONS_COMMUNICATIONS_MODULE_H_
#define SISL_SERVICES_COMMUNICATIONS_COMMUNICATIONS_MODULE_H_

#include <memory>

#include "services/communications/api/code_lists_service.h"
#include "services/communications/api/communications_service.h"
#include "services/communications/app/bulk.h"
#include "services/communications/app/bulk_processor.h"
#include "services/communications/app/filing.h"
#include "services/communications/app/queries.h"
#include "services/communications/forwarding/forwarder.h"
#include "services/communications/forwarding/forwarding_metrics.h"
#include "services/communications/forwarding/spool_directory_node.h"
#include "services/platform/module.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/periodic_task.h"

namespace sisl::communications {

// The communications service as the kit hosts it, alone (sisl-communications) or in the
// all-in-one: filing, corrections and cancellations, employment histories, and the replica of
// enterprise's delegations it authorises filers with, bulk uploads (a bounded worker), receipts
// and the forwarding of accepted communications to the national node's spool directory (its
// metrics: forwarding/forwarding_metrics.h), and the public code lists (api/code_lists_service.h).
// Keys: communications.spool_dir, .forward_interval, .bulk_max_bytes, .bulk_max_records,
// .bulk_batch.
platform::ModuleSpec CommunicationsModuleSpec();

class CommunicationsModule final : public platform::Module {
 public:
  // Fails when the Europe/Rome time zone cannot be loaded (tzdata missing).
  static absl::StatusOr<std::unique_ptr<CommunicationsModule>> Create(
      const platform::ModuleContext& context);

  absl::Status Initialize() override;
  // Subscribes the delegation replica and registers the gRPC services.
  absl::Status Register(platform::ServerHost& host) override;

  Filings& filings() { return filings_; }
  Queries& queries() { return queries_; }
  BulkProcessor& bulk_processor() { return bulk_processor_; }

 private:
  CommunicationsModule(const platform::ModuleContext& context,
                       std::unique_ptr<forwarding::SpoolDirectoryNode> spool);

  platform::ModuleContext context_;
  Deps deps_;
  platform::CallHandler calls_;
  Filings filings_;
  Queries queries_;
  platform::events::EventDispatcher delegation_events_;
  std::unique_ptr<platform::bus::Subscription> delegation_subscription_;
  BulkUploads bulk_uploads_;
  BulkProcessor bulk_processor_;
  platform::PeriodicTask bulk_task_;
  std::unique_ptr<forwarding::SpoolDirectoryNode> spool_;
  forwarding::Forwarder forwarder_;
  forwarding::ForwardingMetrics forwarding_metrics_;
  platform::PeriodicTask forwarding_task_;
  api::CommunicationsServiceImpl communications_service_;
  api::EmploymentHistoryServiceImpl history_service_;
  api::BulkUploadsServiceImpl bulk_service_;
  api::CodeListsServiceImpl code_lists_service_;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_COMMUNICATIONS_MODULE_H_
