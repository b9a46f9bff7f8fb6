#include "services/platform/testing/module_fixture.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::testing {

absl::StatusOr<std::unique_ptr<ModuleFixture>> ModuleFixture::Start(const ModuleSpec& spec) {
  return Start(spec, Options{});
}

absl::StatusOr<std::unique_ptr<ModuleFixture>> ModuleFixture::Start(const ModuleSpec& spec,
                                                                    const Options& options) {
  std::unique_ptr<ModuleFixture> f(new ModuleFixture());
  ASSIGN_OR_RETURN(Config config, Config::LoadString(options.config_yaml, spec.config_keys(true)));
  f->config_ = std::make_unique<Config>(std::move(config));
  f->clock_ = options.clock != nullptr ? options.clock : &SystemClock::Get();
  f->name_ = spec.name;
  f->keys_ = ProcessKeys::Generate(*f->clock_);
  if (f->keys_ == nullptr) return absl::InternalError("cannot generate test keys");
  ASSIGN_OR_RETURN(f->db_, db::OpenDatabase({.url = options.db_url, .schema = spec.name}));
  ProcessResources process{*f->config_, f->bus_, f->cache_, *f->clock_, *f->keys_, true, ""};
  ASSIGN_OR_RETURN(f->hosted_, HostedModule::Create(spec, *f->db_, process));
  f->host_ = std::make_unique<ServerHost>(
      ServerHostOptions{absl::StrCat("test-", spec.name), "127.0.0.1:0", ""});
  RETURN_IF_ERROR(f->hosted_->Register(*f->host_));
  f->admin_tokens_ =
      std::make_unique<auth::TokenVerifier>(f->keys_->verifier.ForAudiences({spec.name}));
  f->outbox_admin_ = std::make_unique<outbox::OutboxAdminServiceImpl>(*f->admin_tokens_);
  f->outbox_admin_->AddModule(spec.name, *f->db_);
  f->host_->AddService(f->outbox_admin_.get(),
                       sisl::platform::v1::OutboxAdminService::service_full_name());
  RETURN_IF_ERROR(f->host_->Start());
  RETURN_IF_ERROR(f->module().Started(*f->host_));
  f->channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", f->host_->grpc_port()),
                                    grpc::InsecureChannelCredentials());
  return f;
}

ModuleFixture::~ModuleFixture() {
  if (hosted_) hosted_->module().Stopping();
  if (host_) host_->Shutdown();
}

std::unique_ptr<grpc::ClientContext> ModuleFixture::ContextAs(
    const auth::Caller& caller, const std::string& correlation_id) const {
  auto context = Anonymous(correlation_id);
  context->AddMetadata(auth::kTokenMetadataKey, TokenFor(caller, name_));
  return context;
}

std::string ModuleFixture::TokenFor(auth::Caller caller, const std::string& audience) const {
  if (caller.spid_level == 0) caller.spid_level = 2;
  return keys_->signer->Sign(caller, audience);
}

std::unique_ptr<grpc::ClientContext> ModuleFixture::Anonymous(
    const std::string& correlation_id) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-correlation-id", correlation_id.empty() ? NewUuidV7() : correlation_id);
  return context;
}

}  // namespace sisl::platform::testing
