#include "services/platform/module_host.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/security/credentials.h"
#include "services/platform/auth/keys.h"
#include "services/platform/errors.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"

namespace sisl::platform {

std::unique_ptr<ProcessKeys> ProcessKeys::Generate(const Clock& clock, auth::LevelPolicy levels) {
  auto signer = auth::TokenSigner::Generate(clock);
  if (!signer.ok()) return nullptr;
  auth::TokenVerifier verifier = auth::TokenVerifier::For(*signer, {}, std::move(levels), clock);
  auto keys = std::make_unique<ProcessKeys>(*signer, std::move(verifier), auth::RandomSecret());
  keys->service_signer = *std::move(signer);
  return keys;
}

void ProcessKeys::TrustOwnServices(const std::vector<std::string>& services) {
  if (!service_signer.has_value()) return;
  // The public half only: the verifier cannot sign.
  auto key = auth::PublicKeyFromPem(service_signer->PublicKeyPem());
  if (!key.ok()) return;
  std::map<std::string, auth::KeyHandle> keys;
  for (const std::string& service : services) keys[service] = *key;
  verifier = verifier.WithTrustedServices(std::move(keys));
}

absl::StatusOr<std::unique_ptr<HostedModule>> HostedModule::Create(
    const ModuleSpec& spec, db::Database& db, const ProcessResources& process) {
  std::unique_ptr<HostedModule> hosted(new HostedModule(spec.name));
  hosted->db_ = &db;
  hosted->verifier_ =
      std::make_unique<auth::TokenVerifier>(process.keys.verifier.ForAudiences({spec.name}));
  if (process.keys.service_signer.has_value()) {
    hosted->service_signer_ = std::make_unique<auth::TokenSigner>(
        process.keys.service_signer->WithIssuer(auth::ServiceIssuer(spec.name)));
  }
  hosted->relay_ = std::make_unique<outbox::Relay>(db, process.bus, process.clock);
  outbox::Relay* relay = hosted->relay_.get();
  hosted->committer_ = std::make_unique<outbox::Committer>(
      db, process.clock, absl::StrCat("sisl-", spec.name), [relay] { relay->Notify(); });
  ModuleContext context{process.config,
                        db,
                        process.bus,
                        process.cache,
                        process.clock,
                        *hosted->verifier_,
                        process.keys.person_ids,
                        *hosted->committer_,
                        process.embedded,
                        process.data_dir,
                        process.keys.signer ? &*process.keys.signer : nullptr,
                        process.channel_credentials ? process.channel_credentials
                                                    : grpc::InsecureChannelCredentials(),
                        hosted->service_signer_.get()};
  ASSIGN_OR_RETURN(hosted->module_, spec.create(context));
  RETURN_IF_ERROR(Annotate(hosted->module_->Initialize(), absl::StrCat(spec.name, ": ")));
  return hosted;
}

HostedModule::~HostedModule() {
  if (relay_) relay_->Stop();
  module_.reset();  // before the store it uses
}

absl::Status HostedModule::Register(ServerHost& host) {
  outbox::Relay* relay = relay_.get();
  // Registered first, so it runs after the module's own shutdown steps.
  host.OnShutdown([relay] { relay->Stop(); });
  RETURN_IF_ERROR(Annotate(module_->Register(host), absl::StrCat(name_, ": ")));
  db::Database* db = db_;
  host.AddReadinessCheck(absl::StrCat(name_, "-db"), [db] { return db->Ping(); });
  MetricsRegistry& metrics = MetricsRegistry::Global();
  const Labels labels = {{"service", name_}};
  metrics.SetGauge(
      "sisl_outbox_backlog", "Outbox rows not yet published",
      [relay] {
        auto n = relay->Backlog();
        return n.ok() ? static_cast<double>(*n) : -1.0;
      },
      labels);
  metrics.SetGauge(
      "sisl_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row",
      [relay] {
        auto age = relay->OldestUnsentAge();
        return age.ok() ? absl::ToDoubleSeconds(*age) : -1.0;
      },
      labels);
  metrics.SetGauge(
      "sisl_outbox_dead_letters", "Outbox events parked after repeated refusals",
      [relay] {
        auto n = relay->DeadLetterCount();
        return n.ok() ? static_cast<double>(*n) : -1.0;
      },
      labels);
  relay->Start();
  return absl::OkStatus();
}

}  // namespace sisl::platform
