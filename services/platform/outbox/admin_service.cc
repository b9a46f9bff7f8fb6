#include "services/platform/outbox/admin_service.h"

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/log.h"
#include "services/platform/outbox/dead_letters.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {

absl::StatusOr<db::Database*> OutboxAdminServiceImpl::Authorize(const Call& call,
                                                                const std::string& service) const {
  if (call.caller.role != auth::Role::kAdmin) {
    return Error(absl::StatusCode::kPermissionDenied, "ADMIN_ONLY",
                 "only administrators manage outboxes");
  }
  auto it = dbs_.find(service);
  if (it == dbs_.end()) {
    return InvalidField("UNKNOWN_SERVICE", "service",
                        absl::StrCat("this process hosts no service '", service, "'"));
  }
  return it->second;
}

grpc::Status OutboxAdminServiceImpl::ListDeadLetters(grpc::ServerContext* context,
                                                     const v1::ListDeadLettersRequest* request,
                                                     v1::ListDeadLettersResponse* response) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(db::Database * db, Authorize(call, request->service()));
    ASSIGN_OR_RETURN(const int size, ResolvePageSize(request->page_size(), 50, 500));
    ASSIGN_OR_RETURN(auto parked, DeadLetters(*db).List(size));
    for (const DeadLetter& d : parked) {
      v1::DeadLetter* p = response->add_dead_letters();
      p->set_event_id(d.event_id);
      p->set_topic(d.topic);
      p->set_event_key(d.event_key);
      p->set_event_type(d.event_type);
      p->set_attempts(d.attempts);
      p->set_last_error(d.last_error);
      *p->mutable_create_time() = ToTimestamp(d.created_at);
      *p->mutable_park_time() = ToTimestamp(d.parked_at);
    }
    return absl::OkStatus();
  });
}

grpc::Status OutboxAdminServiceImpl::RetryDeadLetter(grpc::ServerContext* context,
                                                     const v1::RetryDeadLetterRequest* request,
                                                     v1::RetryDeadLetterResponse*) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(db::Database * db, Authorize(call, request->service()));
    return DeadLetters(*db).Retry(request->event_id(), call.caller.subject);
  });
}

grpc::Status OutboxAdminServiceImpl::DropDeadLetter(grpc::ServerContext* context,
                                                    const v1::DropDeadLetterRequest* request,
                                                    v1::DropDeadLetterResponse*) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(db::Database * db, Authorize(call, request->service()));
    if (request->reason().empty() || request->reason().size() > 500) {
      return InvalidField("REASON_REQUIRED", "reason", "say why the event is dropped");
    }
    log::Warn("dropping a parked outbox event",
              {{"service", request->service()}, {"reason", request->reason()}});
    return DeadLetters(*db).Drop(request->event_id(), call.caller.subject);
  });
}

}  // namespace sisl::platform::outbox
