#ifndef SISL_ENTERPRISE_APP_VACANCIES_H_
#define SISL_ENTERPRISE_APP_VACANCIES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enterprise/app/deps.h"
#include "services/enterprise/app/vacancy_search_index.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/enterprise/store/vacancy_store.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::enterprise {

struct VacancyStep {
  VacancyAction action = VacancyAction::kUnspecified;
  std::vector<std::string> reasons;
  ClosureReason closure = ClosureReason::kUnspecified;
};

struct VacancyPage {
  std::vector<store::StoredVacancy> vacancies;
  std::string next_page_token;
  int64_t total_size = 0;
};

struct PublicSearch {
  std::string text;
  std::string profession_code;
  std::string province;
  std::string municipality;
  int radius_km = 0;
  std::string contract_type;
  std::string working_time;
  bool l68_reserved = false;
  int page_size = 0;
  std::string page_token;
};

// How a reader sees a vacancy.
enum class VacancyReader { kPublic, kCompany, kStaff };

// Vacancies: drafts by the company's people with the vacancies scope, review by the operators of
// the workplace's CPI, publication, suspension, closure, the expiry job and the public search.
class VacancyManager final {
 public:
  explicit VacancyManager(Deps deps) : deps_(deps) {}

  // From now on Search answers from `index` (loaded; the module keeps it current) and this
  // manager's own publications, suspensions, resumptions and closures reach it right after they
  // commit. Without one, Search runs on the store's SQL. Call before serving.
  void AttachSearchIndex(VacancySearchIndex* index) { index_ = index; }

  absl::StatusOr<store::StoredVacancy> Create(const platform::auth::Caller& caller,
                                              const VacancyContent& content,
                                              const std::string& request_id);
  absl::StatusOr<store::StoredVacancy> Update(const platform::auth::Caller& caller,
                                              const std::string& id, const VacancyContent& content);
  // A published vacancy is public; any other only for the company's people and the operators
  // of its CPI (NOT_FOUND for others, so ids reveal nothing).
  absl::StatusOr<std::pair<store::StoredVacancy, VacancyReader>> Get(
      const platform::auth::Caller& caller, const std::string& id);
  absl::StatusOr<store::StoredVacancy> Transition(const platform::auth::Caller& caller,
                                                  const std::string& id, const VacancyStep& step);
  // The company's (acting for it with the vacancies scope) or the operator's CPI's.
  absl::StatusOr<VacancyPage> List(const platform::auth::Caller& caller,
                                   const std::vector<VacancyState>& states, int page_size,
                                   const std::string& page_token);
  absl::StatusOr<VacancyPage> Search(const PublicSearch& search);
  // The daily job: publishes approved vacancies whose publication day came, closes expired ones
  // (with their events). Returns how many changed.
  absl::StatusOr<int> RunSchedule(int limit);
  // Matching filled the vacancy's last position (VacancyPositionFilled with all_filled): closed
  // as filled by the system in the consumer's transaction, with its event. Nothing when it is
  // no longer published or suspended (closed meanwhile).
  absl::Status CloseFilled(platform::db::Transaction& tx, platform::outbox::EventWriter& events,
                           const std::string& vacancy_id);

 private:
  // The page (without its token) from the index; `more` when a next page exists.
  absl::StatusOr<VacancyPage> SearchIndexed(const store::VacancySearch& filters,
                                            const std::optional<store::SearchCursor>& cursor,
                                            int size, bool& more);
  // After a commit: what the index must re-read (failures are logged; the reconciler repairs).
  void RefreshIndex(const std::vector<std::string>& ids);

  Deps deps_;
  VacancySearchIndex* index_ = nullptr;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_VACANCIES_H_
