// The operator's workflow (issue 13 point 4) over proposals (domain/proposal.h): shortlist,
// propose, the candidate's answer, send to the company, interview, outcome. Every step is kept
// with who, when and why and published on sisl.matching.proposals.v1 in the same transaction.
#ifndef SISL_SERVICES_MATCHING_APP_PROPOSALS_H_
#define SISL_SERVICES_MATCHING_APP_PROPOSALS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/app/access.h"
#include "services/matching/app/deps.h"
#include "services/matching/store/matching_store.h"

namespace sisl::matching {

// A proposal as shown: the proposal, its vacancy and the person's names (when the caller may
// see them).
struct ProposalView {
  Proposal proposal;
  store::ReplicatedVacancy vacancy;
  std::string given_name;
  std::string family_name;
  std::optional<CandidateProfile> profile;  // the company's view of sent candidates
};

struct ProposalPage {
  std::vector<ProposalView> proposals;
  std::string next_page_token;
};

class Proposals final {
 public:
  explicit Proposals(const Deps& deps) : deps_(deps) {}

  absl::StatusOr<ProposalView> Shortlist(const Caller& caller, const std::string& vacancy_id,
                                         const std::string& person_id, const std::string& note,
                                         const std::string& request_id);
  absl::StatusOr<ProposalPage> OfVacancy(const Caller& caller, const std::string& vacancy_id,
                                         int page_size, const std::string& page_token);
  // `in.actor` and `in.actor_id` are set from the caller.
  absl::StatusOr<ProposalView> Transition(const Caller& caller, const std::string& proposal_id,
                                          StepInput in);
  absl::StatusOr<ProposalView> Get(const Caller& caller, const std::string& proposal_id);
  absl::StatusOr<ProposalPage> Mine(const Caller& caller, int page_size,
                                    const std::string& page_token);
  absl::StatusOr<ProposalPage> SentToCompany(const Caller& caller, const std::string& vacancy_id,
                                             int page_size, const std::string& page_token);

  // The schedule: proposals not answered by their deadline lapse. How many.
  absl::StatusOr<int> LapseDue(int batch);

 private:
  const Deps deps_;
};

// Steps the loop and the workflow share, inside the caller's transaction.
// A HIRED outcome fills one of the vacancy's positions: the replica counts it, the vacancy is
// taken out of matching when all are filled, VacancyPositionFilled is emitted.
absl::Status FillPosition(platform::db::Transaction& tx, platform::outbox::EventWriter& events,
                          const Deps& deps, store::ReplicatedVacancy& vacancy,
                          const std::string& proposal_id, const std::string& communication_code);
// Stores a changed proposal and emits ProposalChanged.
absl::Status SaveStep(platform::db::Transaction& tx, platform::outbox::EventWriter& events,
                      const Proposal& p, size_t known_steps,
                      const store::ReplicatedVacancy& vacancy, absl::Time now);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_PROPOSALS_H_
