#include "services/communications/app/filing_support.h"

#include <algorithm>
#include <random>
#include <utility>

#include "absl/strings/str_format.h"
#include "services/communications/app/employer_change.h"
#include "services/communications/domain/deadlines.h"
#include "services/communications/events/communication_events.h"
#include "services/communications/store/content_xml.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {
namespace {

using platform::db::Transaction;
using store::CommunicationStore;
using store::StoredCommunication;
using store::StoredRelationship;
using store::StoredState;

bool OpensRelationship(const Communication& c) {
  return c.event == EventKind::kHire || c.event == EventKind::kMissionStart;
}

// The last communication in force of a relationship that is not a cancellation.
std::string LastInForce(const std::vector<StoredCommunication>& in_force) {
  for (auto it = in_force.rbegin(); it != in_force.rend(); ++it) {
    if (it->communication.nature != Nature::kCancellation) return it->communication.code;
  }
  return "";
}

}  // namespace

absl::StatusOr<FilingContext> LoadContext(store::FilingStore& store, const Communication& c,
                                          absl::CivilDay today) {
  FilingContext context;
  context.rules.today = today;
  std::string relationship_id;
  if (!c.previous_code.empty()) {
    absl::StatusOr<StoredCommunication> referenced = store.Communication(c.previous_code);
    if (referenced.ok()) {
      context.referenced = *std::move(referenced);
      context.rules.referenced = context.referenced->communication;
      relationship_id = context.referenced->relationship_id;
    } else if (!absl::IsNotFound(referenced.status())) {
      return referenced.status();
    }
  }
  if (c.form == Form::kVardatori) {  // no relationship of its own: those it moves
    if (context.referenced) {
      context.rules.referenced_is_last = context.referenced->state == StoredState::kAccepted;
    }
    RETURN_IF_ERROR(LoadEmployerChange(store, c, context));
    return context;
  }
  if (relationship_id.empty()) {
    ASSIGN_OR_RETURN(context.relationship,
                     store.FindRelationship(RelationshipEmployer(c), c.worker.fiscal_code,
                                            RelationshipStart(c)));
    if (!context.relationship) RETURN_IF_ERROR(CheckMovedAway(store, c, context));
  } else {
    ASSIGN_OR_RETURN(StoredRelationship r, store.Relationship(relationship_id));
    context.relationship = std::move(r);
  }
  if (context.relationship) {
    ASSIGN_OR_RETURN(context.in_force, store.InForce(context.relationship->id));
    if (context.referenced) {
      context.rules.referenced_is_last =
          context.referenced->state == StoredState::kAccepted &&
          LastInForce(context.in_force) == context.referenced->communication.code;
    }
    if (context.relationship->state.status != RelationshipStatus::kCancelled) {
      context.rules.relationship = FactsOf(context.relationship->state);
    }
  } else if (context.referenced) {
    context.rules.referenced_is_last = context.referenced->state == StoredState::kAccepted;
  }
  return context;
}

absl::Status RequireNoOpenTwin(const Communication& c, const FilingContext& context) {
  if (!OpensRelationship(c) || c.nature == Nature::kAfterUrgency ||
      c.nature == Nature::kCorrection || c.nature == Nature::kCancellation) {
    return absl::OkStatus();
  }
  if (context.relationship &&
      context.relationship->state.status != RelationshipStatus::kCancelled) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "RELATIONSHIP_EXISTS",
                           "this worker's relationship with this employer from this day was "
                           "already communicated: correct that hire instead");
  }
  return absl::OkStatus();
}

absl::StatusOr<Coded> Encode(Communication c, absl::CivilDay today, bool read_valid) {
  c.code = NewCommunicationCode(c.form, today);
  ASSIGN_OR_RETURN(std::string xml, store::ContentToXml(c, /*validate=*/!read_valid));
  return Coded{std::move(c), std::move(xml)};
}

absl::StatusOr<StoredCommunication> Accept(store::FilingStore& store,
                                           platform::outbox::EventWriter& events, Coded coded,
                                           const FilingContext& context, const Acceptance& a,
                                           const Deps& deps) {
  const Communication& c = coded.communication;
  StoredCommunication s;
  s.filed_for = FiledFor(c);
  s.filed_by = a.caller.subject;
  s.filed_by_role = ActorRole(a.caller);
  s.protocol_at = a.now;
  const std::optional<Deadline> deadline = DeadlineOf(c);
  s.due = deadline ? deadline->due : (context.referenced ? context.referenced->due : a.today);
  s.days_late = DaysLate(c, a.today).value_or(0);
  for (const Finding& f : a.findings) {
    if (f.severity == Severity::kWarning) s.warnings.push_back(f);
  }
  const bool replaces =
      context.referenced && (c.nature == Nature::kCorrection || c.nature == Nature::kCancellation);
  if (replaces) {
    RETURN_IF_ERROR(store.MarkReplaced(
        c.previous_code,
        c.nature == Nature::kCorrection ? StoredState::kCorrected : StoredState::kCancelled,
        c.code));
  }
  const std::string person_id = deps.person_ids.PersonId(c.worker.fiscal_code);
  const std::optional<StoredRelationship>& before = context.relationship;
  const bool has_relationship = c.form != Form::kVardatori;
  StoredRelationship rel;
  if (has_relationship) {
    rel = before ? *before
                 : StoredRelationship{
                       platform::NewUuidV7(deps.clock), person_id, c.worker.fiscal_code, {}};
    // The state after this filing, folded in memory: the communications in force before it
    // (without the one it replaces), then this one. The row with the highest sequence number
    // is always in force (its replacement would be higher), so the next one follows it.
    std::vector<Communication> after;
    int last_seq = 0;
    for (const StoredCommunication& f : context.in_force) {
      last_seq = std::max(last_seq, f.seq);
      if (replaces && f.communication.code == c.previous_code) continue;
      after.push_back(f.communication);
    }
    after.push_back(c);
    s.relationship_id = rel.id;
    s.seq = last_seq + 1;
    std::optional<RelationshipState> folded = FoldRelationship(after);
    if (folded) {
      rel.state = *std::move(folded);
    } else if (before) {
      rel.state.status = RelationshipStatus::kCancelled;  // its hire was cancelled
    }
    // The row exists before the communication that references it.
    RETURN_IF_ERROR(store.PutRelationship(rel, a.now));
  }
  s.communication = c;
  s.xml = std::move(coded.xml);
  RETURN_IF_ERROR(store.Insert(s, a.now));
  s.xml.clear();
  const RelationshipState* after_state = has_relationship ? &rel.state : nullptr;
  // Events: the communication's, then the relationship's.
  const events::v1::CommunicationFacts facts =
      events::FactsOf(c, s.relationship_id, after_state, s.days_late, deps.person_ids);
  const std::string key =
      has_relationship ? person_id : events::EmployerId(c.employer.fiscal_code, deps.person_ids);
  // A relationship's facts as its last communication published them: the state before this
  // filing is the state after that one (only the last is corrected or cancelled).
  const bool had = before && before->state.status != RelationshipStatus::kCancelled;
  auto published_facts = [&](const StoredCommunication& f) {
    std::vector<const Communication*> steps;  // up to f (an employer change takes from before)
    for (const StoredCommunication& g : context.in_force) {
      steps.push_back(&g.communication);
      if (g.communication.code == f.communication.code) break;
    }
    if (steps.empty() || steps.back()->code != f.communication.code) steps = {&f.communication};
    return events::StepFactsOf(steps, f.relationship_id,
                               has_relationship && had ? &before->state : nullptr, f.days_late,
                               deps.person_ids);
  };
  if (c.nature == Nature::kCorrection) {
    events::v1::CommunicationCorrected e;
    e.set_previous_code(c.previous_code);
    *e.mutable_facts() = facts;
    if (replaces) *e.mutable_previous_facts() = published_facts(*context.referenced);
    RETURN_IF_ERROR(events.Emit(key, e));
  } else if (c.nature == Nature::kCancellation) {
    events::v1::CommunicationCancelled e;
    e.set_cancelled_code(c.previous_code);
    *e.mutable_facts() = facts;
    if (replaces) *e.mutable_previous_facts() = published_facts(*context.referenced);
    RETURN_IF_ERROR(events.Emit(key, e));
  } else {
    events::v1::CommunicationAccepted e;
    *e.mutable_facts() = facts;
    if (!a.bulk) e.set_filed_by(a.caller.subject);
    RETURN_IF_ERROR(events.Emit(key, e));
  }
  if (has_relationship) {
    const StoredCommunication* last = nullptr;
    for (const StoredCommunication& f : context.in_force) {
      if (last == nullptr || f.seq > last->seq) last = &f;
    }
    events::v1::CommunicationFacts before_facts;
    if (had) {
      before_facts = last != nullptr
                         ? published_facts(*last)
                         : events::FactsOf(c, rel.id, &before->state, 0, deps.person_ids);
    }
    const RelationshipState* shown =
        rel.state.status == RelationshipStatus::kCancelled ? nullptr : after_state;
    RETURN_IF_ERROR(events.Emit(person_id, events::RelationshipChangedEvent(
                                               rel.id, person_id, had ? &before->state : nullptr,
                                               had ? &before_facts : nullptr, shown, facts)));
  }
  if (c.form == Form::kVardatori) {
    RETURN_IF_ERROR(ApplyEmployerChange(store, events, s, context, a.now, deps));
  }
  return s;
}

absl::StatusOr<RecordOutcome> FileRecord(Transaction& tx, store::FilingStore& store,
                                         platform::outbox::EventWriter& events,
                                         const Caller& caller, Communication c,
                                         std::map<std::string, bool>& delegated, bool verify_only,
                                         bool read_valid, absl::Time now, absl::CivilDay today,
                                         const Deps& deps) {
  RecordOutcome out;
  c.code.clear();
  const std::string& company = FiledFor(c);
  auto known = delegated.find(company);
  if (known == delegated.end()) {
    ASSIGN_OR_RETURN(bool holds,
                     store::DelegationReplica::Holds(tx, caller.subject, company,
                                                     platform::auth::kScopeCommunications));
    known = delegated.emplace(company, holds).first;
  }
  if (!known->second) {
    out.outcome = "refused";
    out.reason = "DELEGATION_NOT_ACTIVE";
    out.message = "no active delegation for communications of this record's company";
    return out;
  }
  ASSIGN_OR_RETURN(FilingContext context, LoadContext(store, c, today));
  out.findings = Validate(c, context.rules);
  if (HasErrors(out.findings)) {
    out.outcome = "refused";
    for (const Finding& f : out.findings) {
      if (f.severity == Severity::kError) {
        out.message = f.message_en;
        break;
      }
    }
    return out;
  }
  if (absl::Status twin = RequireNoOpenTwin(c, context); !twin.ok()) {
    out.outcome = "refused";
    out.reason = platform::ErrorReason(twin);
    out.message = std::string(twin.message());
    return out;
  }
  // What the rules let through must also fit the ministry's format (the stored record).
  absl::StatusOr<Coded> coded = Encode(std::move(c), today, read_valid);
  if (!coded.ok()) {
    if (!absl::IsInvalidArgument(coded.status())) return coded.status();
    out.outcome = "refused";
    out.reason = platform::ErrorReason(coded.status());
    out.message = std::string(coded.status().message());
    return out;
  }
  if (verify_only) {
    out.outcome = "acceptable";
    return out;
  }
  Acceptance acceptance{caller, now, today, out.findings, /*bulk=*/true};
  ASSIGN_OR_RETURN(StoredCommunication s,
                   Accept(store, events, *std::move(coded), context, acceptance, deps));
  out.outcome = "accepted";
  out.code = s.communication.code;
  return out;
}

std::string NewCommunicationCode(Form form, absl::CivilDay day) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string code =
      absl::StrFormat("01%02d%s", static_cast<int>(day.year() % 100), FormCode(form));
  uint64_t bits = random();
  for (int i = 0; i < 10; ++i) {
    code.push_back(kAlphabet[bits & 31]);
    bits >>= 5;
  }
  return code;
}

}  // namespace sisl::communications
