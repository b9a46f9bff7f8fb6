#ifndef SISL_ENTERPRISE_APP_VACANCY_SEARCH_INDEX_H_
#define SISL_ENTERPRISE_APP_VACANCY_SEARCH_INDEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/enterprise/store/vacancy_store.h"
#include "services/platform/db/database.h"
#include "services/platform/periodic_task.h"

namespace sisl::enterprise {

// A page of the index's answer: ids in search order (newest publication first, then id
// descending) and the number of all matches.
struct IndexPage {
  std::vector<std::string> ids;
  int64_t total = 0;
};

namespace search_index {

// A search compiled once: the words, and the filters exactly as VacancyStore's SQL applies them.
struct Query {
  struct Radius {
    double latitude = 0, longitude = 0;
    double min_latitude = 0, max_latitude = 0, min_longitude = 0, max_longitude = 0;
    double cos_latitude = 0, squared_km = 0;
  };
  std::vector<std::string> words;
  std::string profession_prefix;  // a LIKE pattern's beginning ('%' and '_' are wildcards)
  std::string province;
  std::optional<Radius> radius;
  std::string contract_type;
  std::string working_time;
  bool l68_reserved = false;

  static Query From(const store::VacancySearch& s);
  // Everything but the words.
  bool Filters(const store::IndexedVacancy& v) const;
  static bool Near(const Radius& r, double latitude, double longitude);
  static bool ProfessionLike(const std::string& code, const std::string& prefix);
};

// An immutable index of many vacancies, built at once: the vacancies in search order with their
// search fields, a sorted dictionary of their words, and for each word the positions of the
// vacancies that have it (ascending, i.e. in search order).
class Segment final {
 public:
  explicit Segment(std::vector<store::IndexedVacancy> vacancies);
  Segment(const Segment&) = delete;
  Segment& operator=(const Segment&) = delete;

  uint32_t size() const { return static_cast<uint32_t>(docs_.size()); }
  std::optional<uint32_t> Find(const std::string& id) const;
  const std::string& IdAt(uint32_t pos) const { return docs_[pos].id; }
  int64_t PublishedAt(uint32_t pos) const { return docs_[pos].published_at; }
  // The vacancy at `pos` (its search text as its distinct words in dictionary order).
  store::IndexedVacancy At(uint32_t pos) const;
  // Whether `pos` holds `v` with exactly these `words` (sorted, distinct).
  bool Same(uint32_t pos, const store::IndexedVacancy& v,
            const std::vector<std::string>& words) const;
  // The first position after `cursor` in search order.
  uint32_t After(const store::SearchCursor& cursor) const;
  // Counts the matches of `q` outside `removed` (a bit per position) and appends to `page`
  // those at `from` or later, up to `limit` positions in all.
  int64_t Match(const Query& q, const std::vector<uint64_t>& removed, uint32_t from, size_t limit,
                std::vector<uint32_t>& page) const;
  size_t MemoryBytes() const;

 private:
  // A small dictionary for a field with few distinct values (province, codes).
  struct Values {
    std::vector<std::string> list;
    absl::flat_hash_map<std::string, uint32_t> ids;
    uint32_t Intern(const std::string& value);
  };
  struct Doc {
    std::string id;
    int64_t published_at = 0;
    double latitude = 0, longitude = 0;
    uint32_t profession = 0, province = 0, contract_type = 0, working_time = 0;  // into Values
    bool has_location = false;
    bool l68_reserved = false;
  };
  void IndexWords(const std::vector<store::IndexedVacancy>& sorted);
  bool HasWordIn(uint32_t pos, uint32_t first, uint32_t last) const;

  std::vector<Doc> docs_;
  Values professions_, provinces_, contract_types_, working_times_;
  absl::flat_hash_map<absl::string_view, uint32_t> by_id_;  // views of docs_[i].id
  std::vector<std::string> dictionary_;                     // sorted
  std::vector<uint32_t> postings_begin_;                    // per word, into postings_ (+ the end)
  std::vector<uint32_t> postings_;                          // positions
  std::vector<uint32_t> doc_words_begin_;  // per position, into doc_words_ (+ the end)
  std::vector<uint32_t> doc_words_;        // dictionary indexes, ascending per position
};

}  // namespace search_index

// The public vacancy search in memory: every published vacancy's search fields (not its
// record) and an index of its words, answering a search with the page's ids and the total
// without touching the database. Each process keeps its own: it is loaded at start, kept
// current by the service's own writes (VacancyManager applies its changes after committing) and
// events (events/vacancy_projection.h), and reconciled in the background with the store.
//
// Readers never wait for writers: the state is an immutable snapshot (a built Segment, the
// positions removed from it since, and a small sorted overlay of vacancies added since) that
// writers replace; a reader copies the pointer under a short lock and searches without one.
class VacancySearchIndex final {
 public:
  explicit VacancySearchIndex(platform::db::Database& db);
  ~VacancySearchIndex();
  VacancySearchIndex(const VacancySearchIndex&) = delete;
  VacancySearchIndex& operator=(const VacancySearchIndex&) = delete;

  // Rebuilds the index from the store's published vacancies; readers keep the old state until
  // the new one is ready, and changes applied meanwhile are carried over.
  absl::Status Load();
  // Every `check_every` compares the store's summary of published vacancies (count, newest,
  // sum of publication times) with the index's and reloads when they differ (a change made by
  // a process whose event has not arrived, rows written straight into the store), reloads
  // anyway every `reload_every`, and folds a large overlay into a new segment.
  void StartReconciling(absl::Duration check_every, absl::Duration reload_every);
  void StopReconciling();

  // Re-reads these vacancies: published ones are (re)indexed, any other removed.
  absl::Status Refresh(const std::vector<std::string>& ids);
  void Upsert(store::IndexedVacancy vacancy);
  void Remove(const std::string& id);

  // The ids of the published vacancies matching `s` after `cursor` (at most `limit`), and how
  // many match in all: what VacancyStore::Search and ::Count answer.
  IndexPage Search(const store::VacancySearch& s, const std::optional<store::SearchCursor>& cursor,
                   size_t limit) const;
  size_t size() const;
  // An estimate of the memory the index holds.
  size_t MemoryBytes() const;
  // The index's side of the reconciliation.
  store::PublishedSummary Summary() const;
  // Builds a fresh segment from the current state (what the reconciler does when the overlay
  // grows).
  absl::Status Compact();

 private:
  struct Snapshot;
  struct Change {
    std::string id;
    std::optional<store::IndexedVacancy> vacancy;  // none: remove
  };
  using Source = std::function<absl::StatusOr<std::vector<store::IndexedVacancy>>()>;

  std::shared_ptr<const Snapshot> Current() const ABSL_LOCKS_EXCLUDED(mu_);
  void Apply(std::vector<Change> changes) ABSL_LOCKS_EXCLUDED(write_mu_, mu_);
  absl::Status Rebuild(const Source& source) ABSL_LOCKS_EXCLUDED(rebuild_mu_, write_mu_, mu_);
  void ReconcileOnce();

  platform::db::Database& db_;
  std::unique_ptr<platform::PeriodicTask> reconciler_;
  absl::Mutex rebuild_mu_;  // one rebuild at a time
  absl::Mutex write_mu_ ABSL_ACQUIRED_AFTER(rebuild_mu_);
  absl::Duration reload_every_ ABSL_GUARDED_BY(write_mu_) = absl::InfiniteDuration();
  bool rebuilding_ ABSL_GUARDED_BY(write_mu_) = false;
  absl::flat_hash_set<std::string> touched_ ABSL_GUARDED_BY(write_mu_);  // while rebuilding
  absl::Time loaded_at_ ABSL_GUARDED_BY(write_mu_) = absl::InfinitePast();
  mutable absl::Mutex mu_ ABSL_ACQUIRED_AFTER(write_mu_);
  std::shared_ptr<const Snapshot> current_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_VACANCY_SEARCH_INDEX_H_
