// Keeps store/delegation_replica from sisl.enterprise.delegations.v1 (inbox: each event once).
#ifndef SISL_SERVICES_COMMUNICATIONS_EVENTS_DELEGATION_CONSUMER_H_
#define SISL_SERVICES_COMMUNICATIONS_EVENTS_DELEGATION_CONSUMER_H_

#include "services/platform/clock.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::communications::events {

void ConsumeDelegations(platform::events::EventDispatcher& dispatcher,
                        const platform::Clock& clock);

}  // namespace sisl::communications::events

#endif  // SISL_SERVICES_COMMUNICATIONS_EVENTS_DELEGATION_CONSUMER_H_
