#ifndef SISL_PLATFORM_GRPC_SERVER_HOST_H_
#define SISL_PLATFORM_GRPC_SERVER_HOST_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_context.h"
#include "services/platform/grpc/health_service.h"
#include "services/platform/http/http_server.h"

namespace sisl::platform {

struct ServerHostOptions {
  std::string service_name;       // for logs and metrics, e.g. "sisl-booking"
  std::string grpc_address;       // "127.0.0.1:50050"; port 0 picks a free one
  std::string http_address;       // ops endpoints; "" disables them
  absl::Duration drain_timeout = absl::Seconds(3);
  // TLS or mTLS (ServerCredentialsFromConfig); null: plaintext.
  std::shared_ptr<grpc::ServerCredentials> credentials = nullptr;
};

// Runs one process's gRPC server with health (grpc.health.v1), reflection, per-method latency
// metrics, and the ops HTTP endpoints, and shuts it down in order on SIGTERM:
// NOT_SERVING, drain in-flight calls, then the registered shutdown steps in reverse order
// (stop consumers, stop the relay and flush the producer, close pools).
class ServerHost final {
 public:
  explicit ServerHost(ServerHostOptions options);
  ~ServerHost();
  ServerHost(const ServerHost&) = delete;
  ServerHost& operator=(const ServerHost&) = delete;

  // `name` is the full service name reported by grpc.health.v1 (e.g. "sisl.booking.v1.X").
  void AddService(grpc::Service* service, std::string name) {
    services_.push_back(service);
    service_names_.push_back(std::move(name));
  }
  // /readyz answers 200 only when every check is OK (e.g. database and bus reachable).
  void AddReadinessCheck(std::string name, std::function<absl::Status()> check);
  void OnShutdown(std::function<void()> step) { shutdown_steps_.push_back(std::move(step)); }

  absl::Status Start();
  int grpc_port() const { return grpc_port_; }
  int http_port() const { return http_.port(); }
  // Idempotent.
  void Shutdown();

 private:
  HttpResponse Ready() const;

  ServerHostOptions options_;
  std::vector<grpc::Service*> services_;
  std::vector<std::string> service_names_;
  HealthService health_;
  std::vector<std::pair<std::string, std::function<absl::Status()>>> checks_;
  std::vector<std::function<void()>> shutdown_steps_;
  std::unique_ptr<grpc::Server> server_;
  OpsHttpServer http_;
  int grpc_port_ = 0;
  bool stopped_ = false;
};

// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later. Call first
// thing in main().
void BlockTerminationSignals();
// Waits for SIGINT or SIGTERM (after BlockTerminationSignals) and returns its number.
int WaitForTerminationSignal();

// The correlation id of a call: the caller's x-correlation-id metadata, or a new UUIDv7.
std::string CorrelationIdOf(const grpc::ServerContext& context);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_SERVER_HOST_H_
