#ifndef SISL_ENTERPRISE_STORE_VACANCY_STORE_H_
#define SISL_ENTERPRISE_STORE_VACANCY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise::store {

// Where a vacancy is, as the store indexes it (derived from the workplace municipality).
struct VacancyPlace {
  std::string cpi_code;  // the CPI that reviews it
  std::string province;  // sigla
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct StoredVacancy {
  Vacancy vacancy;
  std::string company_name;
  std::string cpi_code;
  std::optional<absl::Time> published_at;
  absl::Time created_at;
  absl::Time updated_at;
};

// The public search's filters (all optional).
struct VacancySearch {
  // Folded; every one must be the beginning of a word of the title or description ("svilupp"
  // finds "sviluppatore", "atore" does not).
  std::vector<std::string> words;
  std::string profession_prefix;
  std::string province;
  std::optional<double> latitude;  // with radius_km: around this point
  std::optional<double> longitude;
  int radius_km = 0;
  std::string contract_type;
  std::string working_time;
  bool l68_reserved = false;
};

// A position in the search's order (newest publication first).
struct SearchCursor {
  int64_t published_at_micros = 0;
  std::string id;
};

// What the in-memory search index keeps of a published vacancy: its search columns.
struct IndexedVacancy {
  std::string id;
  int64_t published_at_micros = 0;  // 0 when the column is null
  std::string profession_code;
  std::string province;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string contract_type;
  std::string working_time;
  bool l68_reserved = false;
  std::string search_text;  // FoldForSearch(title + " " + description): words split by spaces

  bool operator==(const IndexedVacancy&) const = default;
};

// A cheap summary of the published vacancies, to tell whether an index has missed a change.
struct PublishedSummary {
  int64_t count = 0;
  int64_t max_published_at_micros = 0;
  int64_t sum_published_at_seconds = 0;

  bool operator==(const PublishedSummary&) const = default;
};

class VacancyStore final {
 public:
  static absl::Status Insert(platform::db::Transaction& tx, const Vacancy& v,
                             const VacancyPlace& place, absl::Time at);
  // Rewrites the record and its search columns; sets published_at when it becomes published.
  static absl::Status Update(platform::db::Transaction& tx, const Vacancy& v,
                             const VacancyPlace& place, absl::Time at);
  // NOT_FOUND, reason VACANCY_NOT_FOUND.
  static absl::StatusOr<StoredVacancy> Get(platform::db::Transaction& tx, const std::string& id);
  // A company's vacancies, or a CPI's (exactly one of the two non-empty), in the given states
  // (all when empty), newest change first, after the id `after` in that order.
  static absl::StatusOr<std::vector<StoredVacancy>> List(platform::db::Transaction& tx,
                                                         const std::string& company,
                                                         const std::string& cpi_code,
                                                         const std::vector<std::string>& states,
                                                         const std::string& after, int limit);
  // Published vacancies matching `s`, after `cursor` (none: from the newest).
  static absl::StatusOr<std::vector<StoredVacancy>> Search(
      platform::db::Transaction& tx, const VacancySearch& s,
      const std::optional<SearchCursor>& cursor, int limit);
  static absl::StatusOr<int64_t> Count(platform::db::Transaction& tx, const VacancySearch& s);
  // These vacancies (any state), in the order of `ids`; unknown ids are left out.
  static absl::StatusOr<std::vector<StoredVacancy>> GetMany(platform::db::Transaction& tx,
                                                            const std::vector<std::string>& ids);
  // The search columns of every published vacancy (any order).
  static absl::StatusOr<std::vector<IndexedVacancy>> PublishedForIndex(
      platform::db::Transaction& tx);
  // The same for those of `ids` that are published (none for no ids).
  static absl::StatusOr<std::vector<IndexedVacancy>> PublishedForIndex(
      platform::db::Transaction& tx, const std::vector<std::string>& ids);
  // Count, newest and sum of the publication times of the published vacancies.
  static absl::StatusOr<PublishedSummary> SummarizePublished(platform::db::Transaction& tx);
  // Approved vacancies whose publication date is `today` or earlier (and not expired).
  static absl::StatusOr<std::vector<StoredVacancy>> DueToPublish(platform::db::Transaction& tx,
                                                                 absl::CivilDay today, int limit);
  // Approved, published or suspended vacancies whose expiry date is before `today`.
  static absl::StatusOr<std::vector<StoredVacancy>> Overdue(platform::db::Transaction& tx,
                                                            absl::CivilDay today, int limit);
};

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_VACANCY_STORE_H_
