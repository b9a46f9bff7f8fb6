#include "services/observatory/events/consumers.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/util/time_util.h"
#include "services/observatory/domain/deltas.h"
#include "services/observatory/store/cells_store.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"
#include "services/reference/cpi_areas.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"
#include "sisl/enterprise/v1/vacancy_events.pb.h"
#include "sisl/matching/v1/proposal_events.pb.h"

namespace sisl::observatory::events {
namespace {

namespace co = ::sisl::communications::v1;
namespace ent = ::sisl::enterprise::v1;
namespace mt = ::sisl::matching::v1;
namespace bk = ::sisl::booking::v1;
using platform::events::EventMeta;

FlowKind KindOf(const co::CommunicationFacts& f) {
  // The UNILAV that completes an urgent hire repeats the hire its UNIURG already counted.
  if (f.nature() == co::COMMUNICATION_NATURE_AFTER_URGENCY) return FlowKind::kNone;
  switch (f.event()) {
    case co::COMMUNICATION_EVENT_HIRE:
    case co::COMMUNICATION_EVENT_MISSION_START:
      return FlowKind::kHire;
    case co::COMMUNICATION_EVENT_EXTENSION:
    case co::COMMUNICATION_EVENT_MISSION_EXTENSION:
      return FlowKind::kExtension;
    case co::COMMUNICATION_EVENT_TRANSFORMATION:
      return FlowKind::kTransformation;
    case co::COMMUNICATION_EVENT_TERMINATION:
    case co::COMMUNICATION_EVENT_MISSION_TERMINATION:
      return FlowKind::kTermination;
    default:
      return FlowKind::kNone;
  }
}

EmploymentFacts FactsOf(const co::CommunicationFacts& f) {
  EmploymentFacts out;
  if (f.form() != co::COMMUNICATION_FORM_VARDATORI) out.kind = KindOf(f);
  out.event_date = f.event_date();
  out.start_date = f.start_date();
  out.end_date = f.end_date();
  out.province = f.workplace_province();
  out.municipality = f.workplace_istat_code();
  out.ateco = f.ateco();
  out.contract_type = f.contract_type();
  out.working_time = f.working_time();
  out.sex = f.sex() == co::SEX_MALE ? "M" : f.sex() == co::SEX_FEMALE ? "F" : "";
  out.age_band = f.age_band();
  switch (f.citizenship_group()) {
    case co::CITIZENSHIP_GROUP_ITALIAN:
      out.citizenship_group = "italian";
      break;
    case co::CITIZENSHIP_GROUP_EU:
      out.citizenship_group = "eu";
      break;
    case co::CITIZENSHIP_GROUP_NON_EU:
      out.citizenship_group = "non_eu";
      break;
    default:
      break;
  }
  return out;
}

bool InForce(const std::string& state) { return state == "open" || state == "closed"; }

std::string DayIn(const google::protobuf::Timestamp& t, absl::TimeZone zone) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  const absl::Time time =
      absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(t));
  return absl::FormatCivilTime(absl::ToCivilDay(time, zone));
}

std::string DayIn(absl::Time t, absl::TimeZone zone) {
  return absl::FormatCivilTime(absl::ToCivilDay(t, zone));
}

std::string CpiOfSite(const std::string& site_code) {
  for (const reference::CpiSite& s : reference::CpiAreas::Default().sites()) {
    if (s.site_code == site_code) return s.cpi_code;
  }
  return "";
}

// "PROPOSAL_STATE_NOT_SELECTED" -> "not_selected".
std::string OutcomeCode(mt::ProposalState state) {
  const std::string& name = mt::ProposalState_Name(state);
  constexpr absl::string_view kPrefix = "PROPOSAL_STATE_";
  if (state == mt::PROPOSAL_STATE_UNSPECIFIED || name.size() <= kPrefix.size()) return "";
  return absl::AsciiStrToLower(name.substr(kPrefix.size()));
}

VacancyFacts VacancyOf(const ent::Vacancy& v) {
  return {v.workplace_province(), v.content().profession_code(), v.content().contract_type()};
}

void OnCommunications(DeltaConsumer& c) {
  c.dispatcher()
      .On<co::CommunicationAccepted>(
          [&c](auto&, const co::CommunicationAccepted& e, const EventMeta& m) {
            c.Add(FlowDeltas(FactsOf(e.facts()), +1), m);
            return absl::OkStatus();
          })
      .On<co::CommunicationCorrected>(
          [&c](auto&, const co::CommunicationCorrected& e, const EventMeta& m) {
            std::vector<CellDelta> deltas;
            if (!e.has_previous_facts()) {
              platform::log::Warn("correction without the corrected facts: counted as new",
                                  {{"event_id", m.id}});
            } else {
              deltas = FlowDeltas(FactsOf(e.previous_facts()), -1);
            }
            for (CellDelta& d : FlowDeltas(FactsOf(e.facts()), +1)) deltas.push_back(std::move(d));
            c.Add(std::move(deltas), m);
            return absl::OkStatus();
          })
      .On<co::CommunicationCancelled>([&c](auto&, const co::CommunicationCancelled& e,
                                           const EventMeta& m) {
        c.Add(FlowDeltas(FactsOf(e.has_previous_facts() ? e.previous_facts() : e.facts()), -1), m);
        return absl::OkStatus();
      })
      .On<co::RelationshipChanged>(
          [&c](auto&, const co::RelationshipChanged& e, const EventMeta& m) {
            std::vector<CellDelta> deltas;
            if (InForce(e.previous_state()) && e.has_previous_facts()) {
              deltas = StockDeltas(FactsOf(e.previous_facts()), -1);
            }
            if (InForce(e.state())) {
              for (CellDelta& d : StockDeltas(FactsOf(e.facts()), +1))
                deltas.push_back(std::move(d));
            }
            c.Add(std::move(deltas), m);
            return absl::OkStatus();
          });
}

void OnVacancies(DeltaConsumer& c, absl::TimeZone zone) {
  c.dispatcher()
      .On<ent::VacancyPublished>([&c, zone](auto&, const ent::VacancyPublished& e,
                                            const EventMeta& m) {
        const std::string& day = e.vacancy().content().publication_date();
        c.Add(
            VacancyPublishedDeltas(VacancyOf(e.vacancy()), day.empty() ? DayIn(m.time, zone) : day),
            m);
        return absl::OkStatus();
      })
      .On<ent::VacancyClosed>([&c, zone](auto&, const ent::VacancyClosed& e, const EventMeta& m) {
        VacancyOutcome outcome = VacancyOutcome::kWithdrawn;
        if (e.closure_reason() == ent::CLOSURE_REASON_FILLED) outcome = VacancyOutcome::kFilled;
        if (e.closure_reason() == ent::CLOSURE_REASON_EXPIRED) outcome = VacancyOutcome::kExpired;
        c.Add(VacancyClosedDeltas(VacancyOf(e.vacancy()), outcome,
                                  e.vacancy().content().publication_date(), DayIn(m.time, zone)),
              m);
        return absl::OkStatus();
      });
}

void OnProposals(DeltaConsumer& c, absl::TimeZone zone) {
  c.dispatcher().On<mt::ProposalChanged>(
      [&c, zone](auto&, const mt::ProposalChanged& e, const EventMeta& m) {
        // Counted once per state reached (a re-proposal after a lapse counts again).
        if (e.from_state() == e.to_state()) return absl::OkStatus();
        std::string day = DayIn(e.action_time(), zone);
        if (day.empty()) day = DayIn(m.time, zone);
        c.Add(ProposalDeltas(OutcomeCode(e.to_state()), e.cpi_code(), e.profession_code(), day), m);
        return absl::OkStatus();
      });
}

void OnAppointments(DeltaConsumer& c, absl::TimeZone zone) {
  c.dispatcher().On<bk::AppointmentEvent>(
      [&c, zone](auto&, const bk::AppointmentEvent& e, const EventMeta& m) {
        std::string kind;
        switch (e.change()) {
          case bk::AppointmentEvent::CHANGE_BOOKED:
            kind = "booked";
            break;
          case bk::AppointmentEvent::CHANGE_DELIVERED:
            kind = "delivered";
            break;
          case bk::AppointmentEvent::CHANGE_NO_SHOW:
            kind = "no_show";
            break;
          case bk::AppointmentEvent::CHANGE_CANCELLED:
            kind = "cancelled";
            break;
          default:
            return absl::OkStatus();  // moves keep the booking; a justified absence stays one
        }
        c.Add(AppointmentDeltas(kind, CpiOfSite(e.site_code()), e.service_code(),
                                DayIn(e.start_time(), zone)),
              m);
        return absl::OkStatus();
      });
}

}  // namespace

DeltaConsumer::DeltaConsumer(std::string consumer, absl::string_view stream,
                             platform::db::Database* db, const platform::Clock& clock, int batch)
    : clock_(clock),
      applied_(platform::MetricsRegistry::Global().GetCounter(
          "sisl_observatory_events_applied_total", "Events applied to the indicators, by stream",
          {{"stream", std::string(stream)}})),
      delay_(platform::MetricsRegistry::Global().GetHistogram(
          "sisl_observatory_event_delay_seconds",
          "From an event's creation to its deltas written (the transaction then commits)",
          {{"stream", std::string(stream)}})),
      dispatcher_(std::move(consumer), db, clock) {
  dispatcher_.InBatches(batch, {.begin = [this] { Clear(); },
                                .end = [this](platform::db::Transaction& tx) { return End(tx); }});
}

void DeltaConsumer::Clear() {
  pending_.clear();
  event_times_.clear();
}

absl::Status DeltaConsumer::End(platform::db::Transaction& tx) {
  const absl::Status st = store::AddDeltas(tx, pending_);
  if (st.ok()) {
    const absl::Time now = clock_.Now();
    applied_.Increment(static_cast<double>(event_times_.size()));
    for (absl::Time t : event_times_) delay_.Observe(absl::ToDoubleSeconds(now - t));
  }
  Clear();
  return st;
}

void DeltaConsumer::Add(std::vector<CellDelta> deltas, const EventMeta& meta) {
  for (CellDelta& d : deltas) pending_.push_back(std::move(d));
  event_times_.push_back(meta.time);
}

Consumers MakeConsumers(const std::string& generation, platform::db::Database* db,
                        const platform::Clock& clock, int batch, absl::TimeZone zone) {
  auto make = [&](const char* stream) {
    return std::make_unique<DeltaConsumer>(absl::StrCat("observatory-", generation, "-", stream),
                                           stream, db, clock, batch);
  };
  Consumers c{make("communications"), make("vacancies"), make("proposals"), make("appointments")};
  OnCommunications(*c.communications);
  OnVacancies(*c.vacancies, zone);
  OnProposals(*c.proposals, zone);
  OnAppointments(*c.appointments, zone);
  return c;
}

absl::StatusOr<std::vector<std::unique_ptr<platform::bus::Subscription>>> SubscribeAll(
    Consumers& consumers, platform::bus::EventBus& bus) {
  std::vector<std::unique_ptr<platform::bus::Subscription>> out;
  for (DeltaConsumer* c : {consumers.communications.get(), consumers.vacancies.get(),
                           consumers.proposals.get(), consumers.appointments.get()}) {
    ASSIGN_OR_RETURN(auto sub, c->dispatcher().Subscribe(bus, /*start_at_end=*/false));
    out.push_back(std::move(sub));
  }
  return out;
}

}  // namespace sisl::observatory::events
