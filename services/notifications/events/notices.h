// What the notifications service reads from matching and communications: a proposal made to a
// candidate (ProposalChanged to PROPOSED), a profile about to expire (ProfileExpiring) and a
// communication filed one at a time (CommunicationAccepted with its filer), each becoming a
// PersonNotice through the inbox.
#ifndef SISL_SERVICES_NOTIFICATIONS_EVENTS_NOTICES_H_
#define SISL_SERVICES_NOTIFICATIONS_EVENTS_NOTICES_H_

#include <optional>

#include "absl/time/time.h"
#include "services/notifications/app/person_notices.h"
#include "services/platform/outbox/dispatcher.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/matching/v1/profile_events.pb.h"
#include "sisl/matching/v1/proposal_events.pb.h"

namespace sisl::notifications::events {

// Each: the notice, or nothing when the event is no occasion for one (another step of a
// proposal, a bulk record) or lacks what the message says (logged by the caller).
std::optional<PersonNotice> NoticeOf(const matching::v1::ProposalChanged& e,
                                     const platform::events::EventMeta& meta);
std::optional<PersonNotice> NoticeOf(const matching::v1::ProfileExpiring& e,
                                     const platform::events::EventMeta& meta);
std::optional<PersonNotice> NoticeOf(const communications::v1::CommunicationAccepted& e,
                                     const platform::events::EventMeta& meta, absl::TimeZone zone);

void ConsumeNotices(platform::events::EventDispatcher& dispatcher, PersonNotices& notices,
                    absl::TimeZone zone);

}  // namespace sisl::notifications::events

#endif  // SISL_SERVICES_NOTIFICATIONS_EVENTS_NOTICES_H_
