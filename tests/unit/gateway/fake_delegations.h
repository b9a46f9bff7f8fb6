// An in-process stand-in for enterprise's DelegationsService (the gateway's side of company
// roles is tested against it): ListMyCompanyRoles answers from a table by the caller's fiscal
// code, ListMyDelegations records the token it was called with; either can be made to fail.
#ifndef SISL_TESTS_UNIT_GATEWAY_FAKE_DELEGATIONS_H_
#define SISL_TESTS_UNIT_GATEWAY_FAKE_DELEGATIONS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "services/platform/auth/internal_token.h"
#include "sisl/enterprise/v1/delegations.grpc.pb.h"

namespace sisl::gateway::fakes {

namespace ev1 = enterprise::v1;

inline ev1::CompanyRole HeldRole(const std::string& company, const std::string& name,
                                 ev1::DelegationKind kind,
                                 const std::vector<ev1::DelegationScope>& scopes) {
  ev1::CompanyRole role;
  role.set_company_fiscal_code(company);
  role.set_company_name(name);
  role.set_kind(kind);
  for (ev1::DelegationScope scope : scopes) role.add_scopes(scope);
  return role;
}

class FakeDelegations final : public ev1::DelegationsService::Service {
 public:
  // Serves on 127.0.0.1 at a free port.
  void Start() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(this);
    server_ = builder.BuildAndStart();
  }
  void Stop() {
    if (server_) server_->Shutdown();
    server_.reset();
  }
  ~FakeDelegations() override { Stop(); }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

  // Tokens are verified with the gateway's key once it is known (audience "enterprise").
  void SetVerifier(platform::auth::TokenVerifier verifier) {
    absl::MutexLock lock(&mu_);
    verifier_ = std::make_unique<platform::auth::TokenVerifier>(std::move(verifier));
  }
  void SetRoles(const std::string& fiscal_code, std::vector<ev1::CompanyRole> roles) {
    absl::MutexLock lock(&mu_);
    roles_[fiscal_code] = std::move(roles);
  }
  // While down, every call answers UNAVAILABLE (as a failing enterprise would).
  void SetDown(bool down) {
    absl::MutexLock lock(&mu_);
    down_ = down;
  }
  int role_lookups() const {
    absl::MutexLock lock(&mu_);
    return role_lookups_;
  }
  // The callers ListMyCompanyRoles and ListMyDelegations were last called as (verified tokens).
  std::optional<platform::auth::Caller> last_roles_caller() const {
    absl::MutexLock lock(&mu_);
    return last_roles_caller_;
  }
  std::optional<platform::auth::Caller> last_delegations_caller() const {
    absl::MutexLock lock(&mu_);
    return last_delegations_caller_;
  }

  grpc::Status ListMyCompanyRoles(grpc::ServerContext* context,
                                  const ev1::ListMyCompanyRolesRequest*,
                                  ev1::ListMyCompanyRolesResponse* response) override {
    absl::MutexLock lock(&mu_);
    ++role_lookups_;
    if (down_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "enterprise is down");
    auto caller = Verify(*context);
    if (!caller.ok()) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "bad token");
    last_roles_caller_ = *caller;
    if (caller->role != platform::auth::Role::kCitizen) {
      return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "citizens only");
    }
    for (const ev1::CompanyRole& role : roles_[caller->fiscal_code]) {
      *response->add_roles() = role;
    }
    return grpc::Status::OK;
  }

  grpc::Status ListMyDelegations(grpc::ServerContext* context,
                                 const ev1::ListMyDelegationsRequest*,
                                 ev1::ListMyDelegationsResponse*) override {
    absl::MutexLock lock(&mu_);
    if (down_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "enterprise is down");
    auto caller = Verify(*context);
    if (!caller.ok()) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "bad token");
    last_delegations_caller_ = *caller;
    return grpc::Status::OK;
  }

 private:
  absl::StatusOr<platform::auth::Caller> Verify(const grpc::ServerContext& context)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (verifier_ == nullptr) return absl::FailedPreconditionError("no verifier yet");
    return verifier_->FromContext(context);
  }

  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  mutable absl::Mutex mu_;
  std::unique_ptr<platform::auth::TokenVerifier> verifier_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<ev1::CompanyRole>> roles_ ABSL_GUARDED_BY(mu_);
  bool down_ ABSL_GUARDED_BY(mu_) = false;
  int role_lookups_ ABSL_GUARDED_BY(mu_) = 0;
  std::optional<platform::auth::Caller> last_roles_caller_ ABSL_GUARDED_BY(mu_);
  std::optional<platform::auth::Caller> last_delegations_caller_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::gateway::fakes

#endif  // SISL_TESTS_UNIT_GATEWAY_FAKE_DELEGATIONS_H_
