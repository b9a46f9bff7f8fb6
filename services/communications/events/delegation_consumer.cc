#include "services/communications/events/delegation_consumer.h"

#include <string>

#include "services/communications/store/delegation_replica.h"
#include "sisl/enterprise/v1/delegation_events.pb.h"

namespace sisl::communications::events {
namespace {

namespace ev1 = ::sisl::enterprise::v1;

std::string KindName(ev1::DelegationKind kind) {
  switch (kind) {
    case ev1::DELEGATION_KIND_LEGAL_REPRESENTATIVE:
      return "legal_representative";
    case ev1::DELEGATION_KIND_DELEGATE:
      return "delegate";
    case ev1::DELEGATION_KIND_CONSULTANT:
      return "consultant";
    default:
      return "unknown";
  }
}

std::string ScopeName(int scope) {
  switch (scope) {
    case ev1::DELEGATION_SCOPE_VACANCIES:
      return "vacancies";
    case ev1::DELEGATION_SCOPE_COMMUNICATIONS:
      return "communications";
    case ev1::DELEGATION_SCOPE_L68_RETURNS:
      return "l68_returns";
    case ev1::DELEGATION_SCOPE_SERVICE_REQUESTS:
      return "service_requests";
    default:
      return "";
  }
}

std::string StateName(ev1::DelegationState state) {
  switch (state) {
    case ev1::DELEGATION_STATE_PENDING:
      return "pending";
    case ev1::DELEGATION_STATE_ACTIVE:
      return "active";
    case ev1::DELEGATION_STATE_REVOKED:
      return "revoked";
    case ev1::DELEGATION_STATE_EXPIRED:
      return "expired";
    default:
      return "unknown";
  }
}

}  // namespace

void ConsumeDelegations(platform::events::EventDispatcher& dispatcher,
                        const platform::Clock& clock) {
  dispatcher.On<ev1::DelegationChanged>([&clock](platform::db::Transaction& tx,
                                                 const ev1::DelegationChanged& e,
                                                 const platform::events::EventMeta&) {
    store::ReplicatedDelegation d;
    d.delegation_id = e.delegation_id();
    d.company = e.company_fiscal_code();
    d.holder_person_id = e.holder_person_id();
    d.kind = KindName(e.kind());
    for (int scope : e.scopes()) {
      std::string name = ScopeName(scope);
      if (!name.empty()) d.scopes.push_back(std::move(name));
    }
    d.state = StateName(e.state());
    return store::DelegationReplica::Put(tx, d, clock.Now());
  });
}

}  // namespace sisl::communications::events
