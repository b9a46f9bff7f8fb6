#include "services/matching/events/consumers.h"

#include <algorithm>
#include <string>
#include <utility>

#include "services/matching/app/feeds.h"
#include "services/platform/log.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/status_macros.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"
#include "sisl/enterprise/v1/vacancy_events.pb.h"
#include "sisl/matching/v1/profile_events.pb.h"
#include "sisl/matching/v1/proposal_events.pb.h"

namespace sisl::matching::events {
namespace {

namespace ev1 = ::sisl::enterprise::v1;
namespace cv1 = ::sisl::communications::v1;
using platform::db::Transaction;
using platform::events::EventMeta;

CefrLevel Cefr(ev1::CefrLevel level) {
  switch (level) {
    case ev1::CEFR_LEVEL_A1:
      return CefrLevel::kA1;
    case ev1::CEFR_LEVEL_A2:
      return CefrLevel::kA2;
    case ev1::CEFR_LEVEL_B1:
      return CefrLevel::kB1;
    case ev1::CEFR_LEVEL_B2:
      return CefrLevel::kB2;
    case ev1::CEFR_LEVEL_C1:
      return CefrLevel::kC1;
    case ev1::CEFR_LEVEL_C2:
      return CefrLevel::kC2;
    default:
      return CefrLevel::kUnspecified;
  }
}

VacancyState StateOf(ev1::VacancyState state) {
  switch (state) {
    case ev1::VACANCY_STATE_PUBLISHED:
      return VacancyState::kPublished;
    case ev1::VACANCY_STATE_SUSPENDED:
      return VacancyState::kSuspended;
    default:
      return VacancyState::kClosed;
  }
}

std::optional<absl::CivilDay> Day(const std::string& text) {
  absl::CivilDay d;
  if (text.empty() || !absl::ParseCivilTime(text, &d)) return std::nullopt;
  return d;
}

// Applies `change` in the consumer's transaction with an EventWriter of the service.
template <typename F>
absl::Status WithEvents(Transaction& tx, const Deps& deps, const std::string& source, F change) {
  platform::outbox::EventWriter events(tx, deps.clock, source);
  RETURN_IF_ERROR(change(events));
  return events.Flush();
}

}  // namespace

store::ReplicatedVacancy FromEnterprise(const ev1::Vacancy& v, const Settings& settings) {
  store::ReplicatedVacancy out;
  const ev1::VacancyContent& c = v.content();
  Vacancy& m = out.vacancy;
  m.id = v.vacancy_id();
  m.company_id = v.company_fiscal_code();
  m.cpi_code = v.cpi_code();
  m.profession_code = c.profession_code();
  m.contract_type = c.contract_type();
  m.working_mode = WorkingMode::kOnSite;
  m.workplace_istat_code = c.workplace_municipality();
  m.area_radius_km = settings.default_area_radius_km;
  for (const ev1::Requirement& r : c.driving_licences()) {
    if (r.requirement() == ev1::REQUIREMENT_LEVEL_REQUIRED)
      m.required_licences.push_back(r.value());
  }
  for (const ev1::Requirement& r : c.professional_registers()) {
    if (r.requirement() == ev1::REQUIREMENT_LEVEL_REQUIRED) {
      m.required_registers.push_back(r.value());
    }
  }
  for (const ev1::Requirement& r : c.it_skills()) m.desired_skills.push_back(r.value());
  for (const ev1::LanguageRequirement& l : c.languages()) {
    m.languages.push_back(
        {l.language(), Cefr(l.level()), l.requirement() == ev1::REQUIREMENT_LEVEL_REQUIRED});
  }
  m.min_experience_months = c.experience_months();
  if (!c.education_level().empty()) {
    absl::StatusOr<EducationLevel> level =
        EducationLevelFromCoCode("education_level", c.education_level());
    if (level.ok()) m.min_education = *level;
  }
  m.l68_reservation = c.l68_reservation() == ev1::L68_RESERVATION_DISABLED ? L68Category::kDisabled
                      : c.l68_reservation() == ev1::L68_RESERVATION_PROTECTED
                          ? L68Category::kProtected
                          : L68Category::kNone;
  m.positions = std::max(1, c.positions());
  m.state = StateOf(v.state());
  out.company_name = c.anonymous() ? "" : v.company_name();
  out.title = c.title();
  return out;
}

void ConsumeVacancies(platform::events::EventDispatcher& dispatcher, const Deps& deps) {
  dispatcher
      .On<ev1::VacancyPublished>(
          [deps](Transaction& tx, const ev1::VacancyPublished& e, const EventMeta&) {
            return ApplyVacancy(tx, deps, FromEnterprise(e.vacancy(), deps.settings));
          })
      .On<ev1::VacancyChanged>(
          [deps](Transaction& tx, const ev1::VacancyChanged& e, const EventMeta&) {
            return ApplyVacancy(tx, deps, FromEnterprise(e.vacancy(), deps.settings));
          })
      .On<ev1::VacancyClosed>(
          [deps](Transaction& tx, const ev1::VacancyClosed& e, const EventMeta&) {
            store::ReplicatedVacancy v = FromEnterprise(e.vacancy(), deps.settings);
            v.vacancy.id = e.vacancy_id();
            v.vacancy.state = VacancyState::kClosed;
            return ApplyVacancy(tx, deps, std::move(v));
          });
}

void ConsumeCommunications(platform::events::EventDispatcher& dispatcher, const Deps& deps,
                           const std::string& source) {
  dispatcher
      .On<cv1::CommunicationAccepted>([deps, source](Transaction& tx,
                                                     const cv1::CommunicationAccepted& e,
                                                     const EventMeta&) -> absl::Status {
        const cv1::CommunicationFacts& f = e.facts();
        if (f.event() != cv1::COMMUNICATION_EVENT_HIRE &&
            f.event() != cv1::COMMUNICATION_EVENT_MISSION_START) {
          return absl::OkStatus();
        }
        const std::optional<absl::CivilDay> start = Day(f.start_date());
        Hire hire{f.person_id(), f.employer_id(), f.mission_user_id(), f.code(),
                  start.value_or(absl::CivilDay())};
        return WithEvents(tx, deps, source, [&](platform::outbox::EventWriter& w) {
          return ApplyHire(tx, w, deps, hire);
        });
      })
      .On<cv1::RelationshipChanged>([deps, source](Transaction& tx,
                                                   const cv1::RelationshipChanged& e,
                                                   const EventMeta&) -> absl::Status {
        if (e.state() == "cancelled") return ForgetRelationship(tx, e.relationship_id());
        const cv1::CommunicationFacts& f = e.facts();
        const std::optional<absl::CivilDay> start = Day(f.start_date());
        if (!start) return absl::OkStatus();
        store::RelationshipSeed seed{e.relationship_id(), e.person_id(), f.profession(),
                                     f.employer_id(),     *start,        Day(f.end_date()),
                                     e.state() == "open"};
        return WithEvents(tx, deps, source, [&](platform::outbox::EventWriter& w) {
          return ApplyRelationship(tx, w, deps, seed);
        });
      });
}

void ProjectIndex(platform::events::EventDispatcher& dispatcher, const Deps& deps) {
  auto reread_profile = [deps](const std::string& person_id) -> absl::Status {
    ASSIGN_OR_RETURN(auto tx, deps.db.Begin());
    ASSIGN_OR_RETURN(std::optional<store::StoredProfile> p,
                     store::ProfileStore::Find(*tx, person_id));
    if (p) {
      deps.index.UpsertProfile(p->profile);
    } else {
      deps.index.RemoveProfile(person_id);
    }
    return absl::OkStatus();
  };
  auto reread_vacancy = [deps](const std::string& vacancy_id) -> absl::Status {
    ASSIGN_OR_RETURN(auto tx, deps.db.Begin());
    ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> v,
                     store::VacancyReplica::Find(*tx, vacancy_id));
    if (v) deps.index.UpsertVacancy(v->vacancy);
    return absl::OkStatus();
  };
  // Enterprise's event carries the whole vacancy: the index takes it from the event (the replica
  // row may not be committed yet by whichever replica's consumer applies it), keeping matching's
  // own count of positions filled from the row when there is one.
  auto apply_vacancy = [deps](const ev1::Vacancy& event, bool closed) -> absl::Status {
    store::ReplicatedVacancy v = FromEnterprise(event, deps.settings);
    if (closed) v.vacancy.state = VacancyState::kClosed;
    ASSIGN_OR_RETURN(auto tx, deps.db.Begin());
    ASSIGN_OR_RETURN(std::optional<store::ReplicatedVacancy> stored,
                     store::VacancyReplica::Find(*tx, v.vacancy.id));
    if (stored) {
      v.vacancy.positions_filled = std::min(v.vacancy.positions, stored->vacancy.positions_filled);
    }
    deps.index.UpsertVacancy(v.vacancy);
    return absl::OkStatus();
  };
  dispatcher
      .Project<v1::ProfileChanged>([reread_profile](const v1::ProfileChanged& e, const EventMeta&) {
        return reread_profile(e.person_id());
      })
      .Project<v1::VacancyPositionFilled>(
          [reread_vacancy](const v1::VacancyPositionFilled& e, const EventMeta&) {
            return reread_vacancy(e.vacancy_id());
          })
      .Project<ev1::VacancyPublished>(
          [apply_vacancy](const ev1::VacancyPublished& e, const EventMeta&) {
            return apply_vacancy(e.vacancy(), false);
          })
      .Project<ev1::VacancyChanged>(
          [apply_vacancy](const ev1::VacancyChanged& e, const EventMeta&) {
            return apply_vacancy(e.vacancy(), false);
          })
      .Project<ev1::VacancyClosed>([apply_vacancy](const ev1::VacancyClosed& e, const EventMeta&) {
        ev1::Vacancy closed = e.vacancy();
        closed.set_vacancy_id(e.vacancy_id());
        return apply_vacancy(closed, true);
      });
}

absl::StatusOr<size_t> LoadIndex(const Deps& deps) {
  size_t loaded = 0;
  ASSIGN_OR_RETURN(auto tx, deps.db.Begin());
  std::string after;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<store::StoredProfile> page,
                     store::ProfileStore::Page(*tx, after, 5000));
    if (page.empty()) break;
    after = page.back().profile.person_id;
    for (store::StoredProfile& p : page) deps.index.UpsertProfile(std::move(p.profile));
    loaded += page.size();
  }
  after.clear();
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<store::ReplicatedVacancy> page,
                     store::VacancyReplica::Page(*tx, after, 5000));
    if (page.empty()) break;
    after = page.back().vacancy.id;
    for (store::ReplicatedVacancy& v : page) deps.index.UpsertVacancy(std::move(v.vacancy));
    loaded += page.size();
  }
  return loaded;
}

}  // namespace sisl::matching::events
