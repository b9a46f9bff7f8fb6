#ifndef SISL_PLATFORM_OUTBOX_ADMIN_SERVICE_H_
#define SISL_PLATFORM_OUTBOX_ADMIN_SERVICE_H_

#include <map>
#include <string>

#include "services/platform/db/database.h"
#include "services/platform/grpc/call.h"
#include "sisl/platform/v1/outbox_admin.grpc.pb.h"

namespace sisl::platform::outbox {

// sisl.platform.v1.OutboxAdminService over the outboxes of every module a process hosts (the
// runner registers one per process). Administrators only.
class OutboxAdminServiceImpl final : public sisl::platform::v1::OutboxAdminService::Service {
 public:
  // `tokens` accepts tokens addressed to any module of the process.
  explicit OutboxAdminServiceImpl(const auth::TokenVerifier& tokens)
      : calls_(tokens, ErrorDomainOf("platform")) {}

  // Before the server starts.
  void AddModule(const std::string& name, db::Database& db) { dbs_[name] = &db; }

  grpc::Status ListDeadLetters(grpc::ServerContext* context,
                               const v1::ListDeadLettersRequest* request,
                               v1::ListDeadLettersResponse* response) override;
  grpc::Status RetryDeadLetter(grpc::ServerContext* context,
                               const v1::RetryDeadLetterRequest* request,
                               v1::RetryDeadLetterResponse* response) override;
  grpc::Status DropDeadLetter(grpc::ServerContext* context,
                              const v1::DropDeadLetterRequest* request,
                              v1::DropDeadLetterResponse* response) override;

 private:
  // The store of `service`, for an administrator.
  absl::StatusOr<db::Database*> Authorize(const Call& call, const std::string& service) const;

  CallHandler calls_;
  std::map<std::string, db::Database*> dbs_;
};

}  // namespace sisl::platform::outbox

#endif  // SISL_PLATFORM_OUTBOX_ADMIN_SERVICE_H_
