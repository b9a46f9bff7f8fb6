#include "services/platform/grpc/server_host.h"

#include <csignal>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/metrics_interceptor.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"

namespace sisl::platform {

ServerHost::ServerHost(ServerHostOptions options) : options_(std::move(options)) {}

ServerHost::~ServerHost() { Shutdown(); }

void ServerHost::AddReadinessCheck(std::string name, std::function<absl::Status()> check) {
  checks_.emplace_back(std::move(name), std::move(check));
}

absl::Status ServerHost::Start() {
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.RegisterService(&health_);
  builder.AddListeningPort(options_.grpc_address,
                           options_.credentials ? options_.credentials
                                                : grpc::InsecureServerCredentials(),
                           &grpc_port_);
  builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  for (grpc::Service* s : services_) builder.RegisterService(s);
  for (const std::string& name : service_names_) health_.AddServiceName(name);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(NewMetricsInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(creators));
  server_ = builder.BuildAndStart();
  if (!server_ || grpc_port_ == 0) {
    return Error(absl::StatusCode::kUnavailable, "ADDRESS_IN_USE",
                 absl::StrCat("cannot listen for gRPC on ", options_.grpc_address));
  }
  health_.SetServing(true);
  if (!options_.http_address.empty()) {
    http_.Handle("/healthz", [] { return HttpResponse{200, "text/plain", "ok\n"}; });
    http_.Handle("/readyz", [this] { return Ready(); });
    http_.Handle("/metrics", [] {
      return HttpResponse{200, "text/plain; version=0.0.4", MetricsRegistry::Global().Render()};
    });
    if (absl::Status st = http_.Start(options_.http_address); !st.ok()) return st;
  }
  log::Info("serving", {{"grpc_port", absl::StrCat(grpc_port_)},
                        {"http_port", absl::StrCat(http_.port())}});
  return absl::OkStatus();
}

HttpResponse ServerHost::Ready() const {
  std::string body;
  bool ok = !stopped_;
  for (const auto& [name, check] : checks_) {
    absl::Status st = check();
    ok = ok && st.ok();
    absl::StrAppend(&body, name, ": ", st.ok() ? "ok" : st.ToString(), "\n");
  }
  return HttpResponse{ok ? 200 : 503, "text/plain; charset=utf-8", body};
}

void ServerHost::Shutdown() {
  if (stopped_ || !server_) return;
  stopped_ = true;
  log::Info("shutting down: not serving, draining calls");
  health_.Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(options_.drain_timeout));
  server_->Wait();
  for (auto it = shutdown_steps_.rbegin(); it != shutdown_steps_.rend(); ++it) (*it)();
  http_.Stop();
  log::Info("stopped");
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

std::string CorrelationIdOf(const grpc::ServerContext& context) {
  const auto& md = context.client_metadata();
  auto it = md.find("x-correlation-id");
  if (it != md.end() && it->second.size() <= 128 && !it->second.empty()) {
    return std::string(it->second.data(), it->second.size());
  }
  return NewUuidV7();
}

}  // namespace sisl::platform
