#ifndef SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_
#define SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_

#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace sisl::platform {

// grpc.health.v1.Health for the whole process ("") and each registered service name. Serving
// from Start() until shutdown begins; then NOT_SERVING so load balancers stop sending calls.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  void AddServiceName(std::string name) ABSL_LOCKS_EXCLUDED(mu_);
  void SetServing(bool serving) ABSL_LOCKS_EXCLUDED(mu_);
  // Ends open Watch streams (called when the server shuts down).
  void Shutdown() ABSL_LOCKS_EXCLUDED(mu_);

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override
      ABSL_LOCKS_EXCLUDED(mu_);
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  grpc::health::v1::HealthCheckResponse::ServingStatus StatusOf(const std::string& name) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::CondVar changed_;  // signalled when serving_ or shutdown_ change
  std::set<std::string> names_ ABSL_GUARDED_BY(mu_) = {""};
  bool serving_ ABSL_GUARDED_BY(mu_) = false;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_
