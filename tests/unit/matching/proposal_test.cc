// The proposal's workflow (services/matching/domain/proposal.h): every step from its states, by
// whom, with what it needs; refused steps change nothing.
#include "services/matching/domain/proposal.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::matching {
namespace {

const absl::CivilDay kToday(2026, 12, 7);
const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 12, 7, 10, 0, 0), absl::UTCTimeZone());

StepInput Step(ProposalAction action, Actor actor, std::string note = "") {
  StepInput in;
  in.action = action;
  in.actor = actor;
  in.actor_id = actor == Actor::kSystem ? "" : "someone";
  in.note = std::move(note);
  return in;
}

Proposal Shortlisted() {
  Proposal p;
  p.id = "p1";
  p.vacancy_id = "v1";
  p.person_id = "person";
  p.history.push_back({ProposalAction::kShortlist, ProposalState::kShortlisted,
                       ProposalState::kShortlisted, Actor::kOperator, "op", kNow, ""});
  return p;
}

void Apply(Proposal& p, StepInput in) {
  absl::Status st = ApplyStep(p, in, kToday, kNow);
  ASSERT_TRUE(st.ok()) << st;
}

StepInput Propose(absl::CivilDay deadline) {
  StepInput in = Step(ProposalAction::kPropose, Actor::kOperator);
  in.deadline = deadline;
  return in;
}

StepInput Send(absl::CivilDay from) {
  StepInput in = Step(ProposalAction::kSend, Actor::kOperator);
  in.visible_from = from;
  return in;
}

StepInput Outcome(ProposalState outcome, Actor actor) {
  StepInput in = Step(ProposalAction::kRecordOutcome, actor);
  in.outcome = outcome;
  return in;
}

Proposal Sent() {
  Proposal p = Shortlisted();
  Apply(p, Propose(kToday + 7));
  Apply(p, Step(ProposalAction::kAccept, Actor::kCitizen));
  Apply(p, Send(kToday));
  return p;
}

std::string ReasonOf(Proposal p, const StepInput& in, absl::CivilDay today = kToday) {
  const Proposal before = p;
  absl::Status st = ApplyStep(p, in, today, kNow);
  EXPECT_EQ(p.state, before.state) << "a refused step changes nothing";
  EXPECT_EQ(p.history.size(), before.history.size());
  return platform::ErrorReason(st);
}

TEST(ProposalTest, TheWholeWayToAHireKeepsEveryStep) {
  Proposal p = Sent();
  EXPECT_EQ(p.state, ProposalState::kSent);
  EXPECT_EQ(p.deadline, kToday + 7);
  EXPECT_EQ(p.visible_from, kToday);
  StepInput interview = Step(ProposalAction::kScheduleInterview, Actor::kCompany);
  interview.interview_at = kNow + absl::Hours(48);
  Apply(p, interview);
  EXPECT_EQ(p.state, ProposalState::kInterview);
  Apply(p, Outcome(ProposalState::kHired, Actor::kSystem));
  EXPECT_EQ(p.state, ProposalState::kHired);
  ASSERT_EQ(p.history.size(), 6u);
  EXPECT_EQ(p.history[2].actor, Actor::kCitizen);
  EXPECT_EQ(p.history[2].from, ProposalState::kProposed);
  EXPECT_EQ(p.history[2].to, ProposalState::kAccepted);
  EXPECT_EQ(p.history[5].actor, Actor::kSystem);
  EXPECT_TRUE(IsFinal(p.state));
}

TEST(ProposalTest, WhoMayTakeWhichStep) {
  StepInput by_citizen = Propose(kToday + 3);
  by_citizen.actor = Actor::kCitizen;
  EXPECT_EQ(ReasonOf(Shortlisted(), by_citizen), "ACTION_NOT_ALLOWED");
  Proposal proposed = Shortlisted();
  Apply(proposed, Propose(kToday + 3));
  EXPECT_EQ(ReasonOf(proposed, Step(ProposalAction::kAccept, Actor::kOperator)),
            "ACTION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(proposed, Step(ProposalAction::kAccept, Actor::kCompany)),
            "ACTION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(Sent(), Outcome(ProposalState::kHired, Actor::kCitizen)),
            "ACTION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(Sent(), Outcome(ProposalState::kNotSelected, Actor::kSystem)),
            "ACTION_NOT_ALLOWED");
  EXPECT_EQ(ReasonOf(Sent(), Step(ProposalAction::kLapse, Actor::kOperator)), "ACTION_NOT_ALLOWED");
}

TEST(ProposalTest, StepsOnlyFromTheirStates) {
  EXPECT_EQ(ReasonOf(Shortlisted(), Step(ProposalAction::kAccept, Actor::kCitizen)),
            "INVALID_TRANSITION");
  EXPECT_EQ(ReasonOf(Shortlisted(), Send(kToday)), "INVALID_TRANSITION");
  EXPECT_EQ(ReasonOf(Sent(), Step(ProposalAction::kRemove, Actor::kOperator, "x")),
            "INVALID_TRANSITION");
  Proposal hired = Sent();
  Apply(hired, Outcome(ProposalState::kHired, Actor::kOperator));
  EXPECT_EQ(ReasonOf(hired, Outcome(ProposalState::kNotSelected, Actor::kOperator)),
            "INVALID_TRANSITION");
  EXPECT_EQ(ReasonOf(hired, Step(ProposalAction::kWithdraw, Actor::kCitizen)),
            "INVALID_TRANSITION");
  // A note never changes the state, even of a final proposal.
  Apply(hired, Step(ProposalAction::kNote, Actor::kOperator, "contratto firmato"));
  EXPECT_EQ(hired.state, ProposalState::kHired);
}

TEST(ProposalTest, WhatEachStepNeeds) {
  EXPECT_EQ(ReasonOf(Shortlisted(), Step(ProposalAction::kPropose, Actor::kOperator)),
            "DEADLINE_REQUIRED");
  EXPECT_EQ(ReasonOf(Shortlisted(), Propose(kToday)), "INVALID_DEADLINE");
  EXPECT_EQ(ReasonOf(Shortlisted(), Propose(kToday + kMaxDeadlineDays + 1)), "INVALID_DEADLINE");
  EXPECT_EQ(ReasonOf(Shortlisted(), Step(ProposalAction::kRemove, Actor::kOperator, "  ")),
            "NOTE_REQUIRED");
  EXPECT_EQ(ReasonOf(Shortlisted(),
                     Step(ProposalAction::kNote, Actor::kOperator, std::string(1001, 'x'))),
            "NOTE_TOO_LONG");
  Proposal accepted = Shortlisted();
  Apply(accepted, Propose(kToday + 2));
  EXPECT_EQ(ReasonOf(accepted, Step(ProposalAction::kRefuse, Actor::kCitizen)), "NOTE_REQUIRED");
  Apply(accepted, Step(ProposalAction::kAccept, Actor::kCitizen));
  EXPECT_EQ(ReasonOf(accepted, Step(ProposalAction::kSend, Actor::kOperator)),
            "VISIBLE_FROM_REQUIRED");
  EXPECT_EQ(ReasonOf(accepted, Send(kToday - 1)), "INVALID_VISIBLE_FROM");
  EXPECT_EQ(ReasonOf(Sent(), Step(ProposalAction::kScheduleInterview, Actor::kOperator)),
            "INTERVIEW_TIME_REQUIRED");
  EXPECT_EQ(ReasonOf(Sent(), Step(ProposalAction::kRecordOutcome, Actor::kOperator)),
            "OUTCOME_REQUIRED");
  EXPECT_EQ(ReasonOf(Sent(), Outcome(ProposalState::kAccepted, Actor::kOperator)),
            "INVALID_OUTCOME");
}

TEST(ProposalTest, TheDeadlineBoundsTheAnswerAndLapsesTheProposal) {
  Proposal p = Shortlisted();
  Apply(p, Propose(kToday + 2));
  // On the deadline itself the answer is still on time; the day after it is not.
  Proposal on_time = p;
  EXPECT_TRUE(
      ApplyStep(on_time, Step(ProposalAction::kAccept, Actor::kCitizen), kToday + 2, kNow).ok());
  EXPECT_EQ(ReasonOf(p, Step(ProposalAction::kAccept, Actor::kCitizen), kToday + 3),
            "DEADLINE_PASSED");
  EXPECT_EQ(ReasonOf(p, Step(ProposalAction::kLapse, Actor::kSystem), kToday + 2),
            "INVALID_TRANSITION");
  ASSERT_TRUE(ApplyStep(p, Step(ProposalAction::kLapse, Actor::kSystem), kToday + 3, kNow).ok());
  EXPECT_EQ(p.state, ProposalState::kLapsed);
}

TEST(ProposalTest, TheCompanyActsOnlyOnceTheCandidateIsVisibleToIt) {
  Proposal p = Shortlisted();
  Apply(p, Propose(kToday + 2));
  Apply(p, Step(ProposalAction::kAccept, Actor::kCitizen));
  Apply(p, Send(kToday + 5));
  StepInput interview = Step(ProposalAction::kScheduleInterview, Actor::kCompany);
  interview.interview_at = kNow;
  EXPECT_EQ(ReasonOf(p, interview), "NOT_YET_VISIBLE");
  EXPECT_TRUE(ApplyStep(p, interview, kToday + 5, kNow).ok());
  // The operator may schedule it before the company sees the candidate.
  Proposal q = Sent();
  StepInput by_operator = interview;
  by_operator.actor = Actor::kOperator;
  EXPECT_TRUE(ApplyStep(q, by_operator, kToday, kNow).ok());
}

TEST(ProposalTest, TheCandidateMayWithdrawAfterAccepting) {
  Proposal p = Sent();
  Apply(p, Step(ProposalAction::kWithdraw, Actor::kCitizen));
  EXPECT_EQ(p.state, ProposalState::kWithdrew);
}

TEST(ProposalTest, NamesRoundTrip) {
  for (ProposalState s :
       {ProposalState::kShortlisted, ProposalState::kRemoved, ProposalState::kProposed,
        ProposalState::kAccepted, ProposalState::kRefused, ProposalState::kLapsed,
        ProposalState::kSent, ProposalState::kInterview, ProposalState::kHired,
        ProposalState::kNotSelected, ProposalState::kSuitable, ProposalState::kWithdrew}) {
    EXPECT_EQ(ProposalStateFromName(ProposalStateName(s)), s);
  }
  EXPECT_EQ(ProposalActionFromName(ProposalActionName(ProposalAction::kScheduleInterview)),
            ProposalAction::kScheduleInterview);
  EXPECT_FALSE(ProposalStateFromName("nonsense").has_value());
}

}  // namespace
}  // namespace sisl::matching
