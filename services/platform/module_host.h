#ifndef SISL_PLATFORM_MODULE_HOST_H_
#define SISL_PLATFORM_MODULE_HOST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/module.h"
#include "services/platform/outbox/relay.h"

namespace sisl::platform {

// The keys every module of one process shares: the gateway's public key (each module verifies
// tokens addressed to it) and the public keys of the services it trusts, the private key where
// the process signs (the gateway's only), the key this process signs its own calls to other
// services with (ADR 0022) and the person-id secret. Loaded by LoadServiceKeys (process.h) or
// LoadOrCreateEmbeddedKeys (embedded_mode.h).
struct ProcessKeys {
  ProcessKeys(std::optional<auth::TokenSigner> signer, auth::TokenVerifier verifier,
              std::string person_id_key)
      : signer(std::move(signer)),
        verifier(std::move(verifier)),
        person_ids(std::move(person_id_key)) {}
  // A fresh key pair and person-id secret (tests), signer included; like the all-in-one, the
  // service signer is the same key (see TrustOwnServices).
  static std::unique_ptr<ProcessKeys> Generate(const Clock& clock = SystemClock::Get(),
                                               auth::LevelPolicy levels = {});

  // One trust domain (the all-in-one, tests): the modules of this process sign their calls to
  // each other with the service signer, and the verifier accepts its public key as the service
  // key of each of `services` (module names). Nothing happens without a service signer.
  void TrustOwnServices(const std::vector<std::string>& services);

  std::optional<auth::TokenSigner> signer;  // the process that mints tokens (the gateway)
  auth::TokenVerifier verifier;             // no audience of its own: see ForAudiences
  auth::PersonIdHasher person_ids;
  // Signs this process's own calls to other services (service tokens, role notifier):
  // auth.service_token_private_key in a standalone process, the process's own key in the
  // all-in-one; none when unset. HostedModule gives each module a copy whose issuer is
  // auth::ServiceIssuer(<module name>) (ModuleContext::service_signer).
  std::optional<auth::TokenSigner> service_signer;
};

// What one process shares between its modules.
struct ProcessResources {
  const Config& config;
  bus::EventBus& bus;
  cache::Cache& cache;
  const Clock& clock;
  const ProcessKeys& keys;
  bool embedded = false;
  std::string data_dir;
  std::shared_ptr<grpc::ChannelCredentials> channel_credentials = nullptr;
};

// One module as a process hosts it: its store, its outbox relay and committer, the module.
// Used by the runner (standalone and all-in-one) and by the in-process test fixture.
class HostedModule final {
 public:
  // Builds the module and runs its Initialize().
  static absl::StatusOr<std::unique_ptr<HostedModule>> Create(const ModuleSpec& spec,
                                                              db::Database& db,
                                                              const ProcessResources& process);
  ~HostedModule();

  // Registers the module with `host`, plus its database readiness check and outbox backlog
  // gauge, and starts its relay. Shutdown runs the module's own steps, then stops the relay.
  absl::Status Register(ServerHost& host);

  // The module's store when the host opened it for the module (embedded mode).
  void AdoptDatabase(std::unique_ptr<db::Database> db) { own_db_ = std::move(db); }

  const std::string& name() const { return name_; }
  Module& module() { return *module_; }
  outbox::Relay& relay() { return *relay_; }
  outbox::Committer& committer() { return *committer_; }
  db::Database& db() { return *db_; }

 private:
  explicit HostedModule(std::string name) : name_(std::move(name)) {}

  std::string name_;
  std::unique_ptr<db::Database> own_db_;
  db::Database* db_ = nullptr;
  // Accepts tokens whose audience is this module's name.
  std::unique_ptr<auth::TokenVerifier> verifier_;
  // Signs the module's own calls to other services (issuer ServiceIssuer(name)); may be null.
  std::unique_ptr<auth::TokenSigner> service_signer_;
  std::unique_ptr<outbox::Relay> relay_;
  std::unique_ptr<outbox::Committer> committer_;
  std::unique_ptr<Module> module_;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_MODULE_HOST_H_
