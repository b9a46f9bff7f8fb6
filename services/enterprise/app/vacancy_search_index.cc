#include "services/enterprise/app/vacancy_search_index.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace {

using search_index::Query;
using search_index::Segment;

// Changes (overlay entries plus removed segment positions) after which the reconciler builds a
// fresh segment.
constexpr size_t kCompactAfter = 512;

bool Before(int64_t a_at, const std::string& a_id, int64_t b_at, const std::string& b_id) {
  return a_at != b_at ? a_at > b_at : a_id > b_id;
}

int64_t Seconds(int64_t micros) { return micros / 1000000; }  // as the SQL summary divides

std::vector<std::string> DistinctWords(absl::string_view text) {
  std::vector<std::string> out = absl::StrSplit(text, ' ', absl::SkipEmpty());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every query word begins one of `words` (sorted).
bool WordsMatch(const std::vector<std::string>& query, const std::vector<std::string>& words) {
  for (const std::string& q : query) {
    auto it = std::lower_bound(words.begin(), words.end(), q);
    if (it == words.end() || !absl::StartsWith(*it, q)) return false;
  }
  return true;
}

}  // namespace

// What readers see: a segment, its positions removed since it was built, and the vacancies
// indexed since (few; searched one by one), none of them also live in the segment.
struct VacancySearchIndex::Snapshot {
  struct Loose {
    store::IndexedVacancy vacancy;
    std::vector<std::string> words;  // distinct, sorted
  };

  explicit Snapshot(std::shared_ptr<const Segment> segment)
      : base(std::move(segment)), removed((base->size() + 63) / 64, 0) {
    for (uint32_t pos = 0; pos < base->size(); ++pos)
      sum_seconds += Seconds(base->PublishedAt(pos));
  }
  bool Removed(uint32_t pos) const { return (removed[pos >> 6] >> (pos & 63)) & 1; }
  size_t size() const { return base->size() - removed_count + overlay.size(); }
  std::optional<store::IndexedVacancy> Get(const std::string& id) const {
    if (auto pos = base->Find(id); pos.has_value() && !Removed(*pos)) return base->At(*pos);
    for (const auto& doc : overlay) {
      if (doc->vacancy.id == id) return doc->vacancy;
    }
    return std::nullopt;
  }
  void Put(const Change& change) {
    std::vector<std::string> words;
    if (change.vacancy.has_value()) words = DistinctWords(change.vacancy->search_text);
    if (auto pos = base->Find(change.id); pos.has_value() && !Removed(*pos)) {
      if (change.vacancy.has_value() && base->Same(*pos, *change.vacancy, words)) return;
      removed[*pos >> 6] |= uint64_t{1} << (*pos & 63);
      ++removed_count;
      sum_seconds -= Seconds(base->PublishedAt(*pos));
    }
    auto it = std::find_if(overlay.begin(), overlay.end(),
                           [&](const auto& doc) { return doc->vacancy.id == change.id; });
    if (it != overlay.end()) {
      sum_seconds -= Seconds((*it)->vacancy.published_at_micros);
      overlay.erase(it);
    }
    if (!change.vacancy.has_value()) return;
    auto doc = std::make_shared<const Loose>(Loose{*change.vacancy, std::move(words)});
    auto at = std::partition_point(overlay.begin(), overlay.end(), [&](const auto& other) {
      return Before(other->vacancy.published_at_micros, other->vacancy.id,
                    doc->vacancy.published_at_micros, doc->vacancy.id);
    });
    sum_seconds += Seconds(doc->vacancy.published_at_micros);
    overlay.insert(at, std::move(doc));
  }

  std::shared_ptr<const Segment> base;
  std::vector<uint64_t> removed;  // a bit per base position
  uint32_t removed_count = 0;
  std::vector<std::shared_ptr<const Loose>> overlay;  // in search order
  int64_t sum_seconds = 0;
};

VacancySearchIndex::VacancySearchIndex(platform::db::Database& db)
    : db_(db),
      current_(std::make_shared<const Snapshot>(
          std::make_shared<const Segment>(std::vector<store::IndexedVacancy>{}))) {}

VacancySearchIndex::~VacancySearchIndex() { StopReconciling(); }

std::shared_ptr<const VacancySearchIndex::Snapshot> VacancySearchIndex::Current() const {
  absl::ReaderMutexLock lock(&mu_);
  return current_;
}

void VacancySearchIndex::Apply(std::vector<Change> changes) {
  absl::MutexLock write(&write_mu_);
  auto next = std::make_shared<Snapshot>(*Current());
  for (const Change& c : changes) {
    if (rebuilding_) touched_.insert(c.id);
    next->Put(c);
  }
  absl::MutexLock lock(&mu_);
  current_ = std::move(next);
}

absl::Status VacancySearchIndex::Rebuild(const Source& source) {
  absl::MutexLock one_at_a_time(&rebuild_mu_);
  {
    absl::MutexLock write(&write_mu_);
    rebuilding_ = true;
    touched_.clear();
  }
  // Built without holding a lock: readers and writers go on with the current state.
  absl::StatusOr<std::vector<store::IndexedVacancy>> vacancies = source();
  std::shared_ptr<const Segment> segment;
  if (vacancies.ok()) segment = std::make_shared<const Segment>(std::move(*vacancies));
  std::shared_ptr<const Segment> old_base;
  {
    absl::MutexLock write(&write_mu_);
    rebuilding_ = false;
    if (!vacancies.ok()) {
      touched_.clear();
      return vacancies.status();
    }
    // What writers changed while the segment was being built wins over what it was built from.
    auto next = std::make_shared<Snapshot>(std::move(segment));
    const std::shared_ptr<const Snapshot> live = Current();
    for (const std::string& id : touched_) next->Put({id, live->Get(id)});
    touched_.clear();
    old_base = live->base;
    absl::MutexLock lock(&mu_);
    current_ = std::move(next);
  }
  // Freeing a large segment takes milliseconds: here, once the searches still using it are
  // done, rather than in the last of them.
  for (int i = 0; i < 2000 && old_base.use_count() > 1; ++i) absl::SleepFor(absl::Milliseconds(1));
  old_base.reset();
  return absl::OkStatus();
}

absl::Status VacancySearchIndex::Load() {
  const absl::Time start = absl::Now();
  RETURN_IF_ERROR(Rebuild([this]() -> absl::StatusOr<std::vector<store::IndexedVacancy>> {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    return store::VacancyStore::PublishedForIndex(*tx);
  }));
  {
    absl::MutexLock write(&write_mu_);
    loaded_at_ = absl::Now();
  }
  platform::log::Info("vacancy search index loaded",
                      {{"vacancies", absl::StrCat(size())},
                       {"bytes", absl::StrCat(MemoryBytes())},
                       {"ms", absl::StrCat(absl::ToInt64Milliseconds(absl::Now() - start))}});
  return absl::OkStatus();
}

absl::Status VacancySearchIndex::Compact() {
  return Rebuild([this]() -> absl::StatusOr<std::vector<store::IndexedVacancy>> {
    const std::shared_ptr<const Snapshot> s = Current();
    std::vector<store::IndexedVacancy> all;
    all.reserve(s->size());
    for (uint32_t pos = 0; pos < s->base->size(); ++pos) {
      if (!s->Removed(pos)) all.push_back(s->base->At(pos));
    }
    for (const auto& doc : s->overlay) all.push_back(doc->vacancy);
    return all;
  });
}

absl::Status VacancySearchIndex::Refresh(const std::vector<std::string>& ids) {
  if (ids.empty()) return absl::OkStatus();
  std::vector<store::IndexedVacancy> published;
  {
    ASSIGN_OR_RETURN(auto tx, db_.Begin());
    ASSIGN_OR_RETURN(published, store::VacancyStore::PublishedForIndex(*tx, ids));
  }
  absl::flat_hash_map<std::string, store::IndexedVacancy> by_id;
  for (store::IndexedVacancy& v : published) {
    std::string id = v.id;
    by_id.insert_or_assign(std::move(id), std::move(v));
  }
  std::vector<Change> changes;
  for (const std::string& id : ids) {
    auto it = by_id.find(id);
    changes.push_back(
        {id, it == by_id.end() ? std::nullopt : std::optional<store::IndexedVacancy>(it->second)});
  }
  Apply(std::move(changes));
  return absl::OkStatus();
}

void VacancySearchIndex::Upsert(store::IndexedVacancy vacancy) {
  std::string id = vacancy.id;
  Apply({{std::move(id), std::move(vacancy)}});
}

void VacancySearchIndex::Remove(const std::string& id) { Apply({{id, std::nullopt}}); }

IndexPage VacancySearchIndex::Search(const store::VacancySearch& s,
                                     const std::optional<store::SearchCursor>& cursor,
                                     size_t limit) const {
  const std::shared_ptr<const Snapshot> snap = Current();
  const Query q = Query::From(s);
  IndexPage out;
  std::vector<uint32_t> base_page;
  out.total = snap->base->Match(q, snap->removed, cursor ? snap->base->After(*cursor) : 0, limit,
                                base_page);
  std::vector<const store::IndexedVacancy*> extra;
  for (const auto& doc : snap->overlay) {
    const store::IndexedVacancy& v = doc->vacancy;
    if (!q.Filters(v) || !WordsMatch(q.words, doc->words)) continue;
    ++out.total;
    if (extra.size() < limit &&
        (!cursor || Before(cursor->published_at_micros, cursor->id, v.published_at_micros, v.id))) {
      extra.push_back(&v);
    }
  }
  // Both lists are in search order: merge them.
  size_t i = 0, j = 0;
  while (out.ids.size() < limit && (i < base_page.size() || j < extra.size())) {
    const bool take_base =
        j == extra.size() ||
        (i < base_page.size() &&
         Before(snap->base->PublishedAt(base_page[i]), snap->base->IdAt(base_page[i]),
                extra[j]->published_at_micros, extra[j]->id));
    out.ids.push_back(take_base ? snap->base->IdAt(base_page[i++]) : extra[j++]->id);
  }
  return out;
}

size_t VacancySearchIndex::size() const { return Current()->size(); }

size_t VacancySearchIndex::MemoryBytes() const {
  const std::shared_ptr<const Snapshot> snap = Current();
  size_t n = snap->base->MemoryBytes() + snap->removed.capacity() * sizeof(uint64_t);
  for (const auto& doc : snap->overlay) {
    n += sizeof(Snapshot::Loose) + 64 + doc->vacancy.id.capacity() +
         doc->vacancy.search_text.capacity() + doc->words.capacity() * sizeof(std::string);
    for (const std::string& w : doc->words) n += w.capacity() > 15 ? w.capacity() + 1 : 0;
  }
  return n;
}

store::PublishedSummary VacancySearchIndex::Summary() const {
  const std::shared_ptr<const Snapshot> snap = Current();
  store::PublishedSummary out{static_cast<int64_t>(snap->size()), 0, snap->sum_seconds};
  for (uint32_t pos = 0; pos < snap->base->size(); ++pos) {
    if (snap->Removed(pos)) continue;
    out.max_published_at_micros = snap->base->PublishedAt(pos);  // the newest live one
    break;
  }
  if (!snap->overlay.empty()) {
    out.max_published_at_micros =
        std::max(out.max_published_at_micros, snap->overlay.front()->vacancy.published_at_micros);
  }
  return out;
}

void VacancySearchIndex::StartReconciling(absl::Duration check_every, absl::Duration reload_every) {
  if (reconciler_) return;
  {
    absl::MutexLock write(&write_mu_);
    reload_every_ = reload_every;
  }
  reconciler_ =
      std::make_unique<platform::PeriodicTask>("vacancy-search-reconciler", check_every, [this] {
        ReconcileOnce();
        return false;
      });
  reconciler_->Start();
}

void VacancySearchIndex::StopReconciling() {
  if (reconciler_) reconciler_->Stop();
}

void VacancySearchIndex::ReconcileOnce() {
  bool reload = false;
  {
    absl::MutexLock write(&write_mu_);
    reload = absl::Now() - loaded_at_ >= reload_every_;
  }
  if (!reload) {
    absl::StatusOr<store::PublishedSummary> stored =
        [this]() -> absl::StatusOr<store::PublishedSummary> {
      ASSIGN_OR_RETURN(auto tx, db_.Begin());
      return store::VacancyStore::SummarizePublished(*tx);
    }();
    if (!stored.ok()) {
      platform::log::Warn("vacancy search index: cannot read the store's summary",
                          {{"error", stored.status().ToString()}});
      return;
    }
    const store::PublishedSummary indexed = Summary();
    if (*stored != indexed) {
      platform::log::Info(
          "vacancy search index differs from the store: reloading",
          {{"indexed", absl::StrCat(indexed.count)}, {"published", absl::StrCat(stored->count)}});
      reload = true;
    }
  }
  absl::Status st;
  if (reload) {
    st = Load();
  } else if (const auto snap = Current();
             snap->overlay.size() + snap->removed_count > kCompactAfter) {
    st = Compact();
  }
  if (!st.ok()) {
    // The index stays as it is until the next round.
    platform::log::Warn("vacancy search index: reconciliation failed", {{"error", st.ToString()}});
  }
}

}  // namespace sisl::enterprise
