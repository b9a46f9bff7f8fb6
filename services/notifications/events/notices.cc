#include "services/notifications/events/notices.h"

#include <string>

#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/reference/cpi_areas.h"

namespace sisl::notifications::events {
namespace {

namespace mv1 = ::sisl::matching::v1;
namespace cv1 = ::sisl::communications::v1;
using platform::db::Transaction;
using platform::events::EventMeta;

// "Centro per l'impiego di Torino" for "CPI-TO-15"; the code itself when unknown.
std::string CpiName(const std::string& cpi_code) {
  for (const reference::CpiSite& site : reference::CpiSites()) {
    if (site.cpi_code == cpi_code && site.kind == reference::CpiSiteKind::kCentre) {
      return site.label;
    }
  }
  return cpi_code;
}

std::string FormName(cv1::CommunicationForm form) {
  switch (form) {
    case cv1::COMMUNICATION_FORM_UNILAV:
      return "UNILAV";
    case cv1::COMMUNICATION_FORM_UNISOMM:
      return "UNISOMM";
    case cv1::COMMUNICATION_FORM_UNIURG:
      return "UNIURG";
    case cv1::COMMUNICATION_FORM_VARDATORI:
      return "VARDATORI";
    default:
      return "";
  }
}

template <typename E, typename... Zone>
void On(platform::events::EventDispatcher& dispatcher, PersonNotices& notices, Zone... zone) {
  dispatcher.On<E>([&notices, zone...](Transaction& tx, const E& e, const EventMeta& meta) {
    std::optional<PersonNotice> notice = NoticeOf(e, meta, zone...);
    if (!notice.has_value()) return absl::OkStatus();
    absl::Status st = notices.Apply(tx, *std::move(notice));
    if (st.code() == absl::StatusCode::kInvalidArgument) {
      // Values its templates cannot say: retrying would block the partition for ever.
      platform::log::Warn("notice not notifiable",
                          {{"event_id", meta.id}, {"error", platform::ErrorReason(st)}});
      return absl::OkStatus();
    }
    return st;
  });
}

}  // namespace

std::optional<PersonNotice> NoticeOf(const mv1::ProposalChanged& e, const EventMeta& meta) {
  absl::CivilDay deadline;
  if (e.to_state() != mv1::PROPOSAL_STATE_PROPOSED ||
      e.from_state() == mv1::PROPOSAL_STATE_PROPOSED || e.person_id().empty() ||
      !absl::ParseCivilTime(e.deadline(), &deadline)) {
    return std::nullopt;
  }
  PersonNotice n{meta.id, e.person_id(), MessageType::kProposalReceived, {}};
  n.values
      .SetText("vacancy_title", e.vacancy_title().empty() ? e.profession_code() : e.vacancy_title())
      .SetDate("deadline", deadline)
      .SetText("cpi_name", CpiName(e.cpi_code()));
  return n;
}

std::optional<PersonNotice> NoticeOf(const mv1::ProfileExpiring& e, const EventMeta& meta) {
  absl::CivilDay expires;
  if (e.person_id().empty() || !absl::ParseCivilTime(e.expires_on(), &expires)) {
    return std::nullopt;
  }
  PersonNotice n{meta.id, e.person_id(), MessageType::kProfileExpiring, {}};
  n.values.SetDate("expires_on", expires).SetText("cpi_name", CpiName(e.cpi_code()));
  return n;
}

std::optional<PersonNotice> NoticeOf(const cv1::CommunicationAccepted& e, const EventMeta& meta,
                                     absl::TimeZone zone) {
  const std::string form = FormName(e.facts().form());
  if (e.filed_by().empty() || e.facts().code().empty() || form.empty()) return std::nullopt;
  PersonNotice n{meta.id, e.filed_by(), MessageType::kCommunicationReceipt, {}};
  n.values.SetText("communication_code", e.facts().code())
      .SetText("form", form)
      .SetDate("protocol_date", absl::ToCivilDay(meta.time, zone));
  return n;
}

void ConsumeNotices(platform::events::EventDispatcher& dispatcher, PersonNotices& notices,
                    absl::TimeZone zone) {
  On<mv1::ProposalChanged>(dispatcher, notices);
  On<mv1::ProfileExpiring>(dispatcher, notices);
  On<cv1::CommunicationAccepted>(dispatcher, notices, zone);
}

}  // namespace sisl::notifications::events
