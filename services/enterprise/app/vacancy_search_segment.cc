// The search index's query semantics and its immutable Segment (vacancy_search_index.h).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/enterprise/app/vacancy_search_index.h"

namespace sisl::enterprise::search_index {
namespace {

// True when a comes before b in search order (newest publication first, then id descending).
bool Before(int64_t a_at, const std::string& a_id, int64_t b_at, const std::string& b_id) {
  return a_at != b_at ? a_at > b_at : a_id > b_id;
}

// The distinct words of a folded text, sorted.
std::vector<absl::string_view> Words(absl::string_view text) {
  std::vector<absl::string_view> out = absl::StrSplit(text, ' ', absl::SkipEmpty());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// SQL LIKE on a pattern: '%' any run of characters, '_' any one (no escape character).
bool Like(absl::string_view s, absl::string_view p) {
  size_t i = 0, j = 0, star = absl::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (j < p.size() && (p[j] == '_' || p[j] == s[i])) {
      ++i, ++j;
    } else if (j < p.size() && p[j] == '%') {
      star = j++, mark = i;
    } else if (star != absl::string_view::npos) {
      j = star + 1, i = ++mark;
    } else {
      return false;
    }
  }
  while (j < p.size() && p[j] == '%') ++j;
  return j == p.size();
}

}  // namespace

// ---- Query: the semantics of VacancyStore's AddFilters ----------------------------------------

Query Query::From(const store::VacancySearch& s) {
  Query q;
  q.words = s.words;
  q.profession_prefix = s.profession_prefix;
  q.province = s.province;
  if (s.latitude.has_value() && s.longitude.has_value()) {
    // The very arithmetic of the SQL (same operands, same order): the same answer to the bit.
    const double lat = *s.latitude, lon = *s.longitude, r = std::max(0, s.radius_km) + 0.5;
    const double dlat = r / 111.2, dlon = r / (111.2 * std::cos(lat * M_PI / 180.0));
    q.radius = Radius{
        lat,  lon, lat - dlat, lat + dlat, lon - dlon, lon + dlon, std::cos(lat * M_PI / 180.0),
        r * r};
  }
  q.contract_type = s.contract_type;
  q.working_time = s.working_time;
  q.l68_reserved = s.l68_reserved;
  return q;
}

bool Query::Near(const Radius& r, double latitude, double longitude) {
  if (latitude < r.min_latitude || latitude > r.max_latitude || longitude < r.min_longitude ||
      longitude > r.max_longitude) {
    return false;
  }
  const double dy = (latitude - r.latitude) * 111.2;
  const double dx = (longitude - r.longitude) * 111.2 * r.cos_latitude;
  return dy * dy + dx * dx <= r.squared_km;
}

bool Query::ProfessionLike(const std::string& code, const std::string& prefix) {
  if (prefix.find_first_of("%_") == std::string::npos) return absl::StartsWith(code, prefix);
  return Like(code, prefix + "%");
}

bool Query::Filters(const store::IndexedVacancy& v) const {
  if (!profession_prefix.empty() && !ProfessionLike(v.profession_code, profession_prefix)) {
    return false;
  }
  if (!province.empty() && v.province != province) return false;
  if (radius.has_value() && (!v.latitude.has_value() || !v.longitude.has_value() ||
                             !Near(*radius, *v.latitude, *v.longitude))) {
    return false;
  }
  if (!contract_type.empty() && v.contract_type != contract_type) return false;
  if (!working_time.empty() && v.working_time != working_time) return false;
  return !l68_reserved || v.l68_reserved;
}

// ---- Segment ------------------------------------------------------------------------------------

uint32_t Segment::Values::Intern(const std::string& value) {
  auto [it, added] = ids.try_emplace(value, static_cast<uint32_t>(list.size()));
  if (added) list.push_back(value);
  return it->second;
}

Segment::Segment(std::vector<store::IndexedVacancy> vacancies) {
  std::sort(vacancies.begin(), vacancies.end(),
            [](const store::IndexedVacancy& a, const store::IndexedVacancy& b) {
              return Before(a.published_at_micros, a.id, b.published_at_micros, b.id);
            });
  docs_.reserve(vacancies.size());
  for (const store::IndexedVacancy& v : vacancies) {
    Doc d;
    d.id = v.id;
    d.published_at = v.published_at_micros;
    d.has_location = v.latitude.has_value() && v.longitude.has_value();
    d.latitude = v.latitude.value_or(0);
    d.longitude = v.longitude.value_or(0);
    d.profession = professions_.Intern(v.profession_code);
    d.province = provinces_.Intern(v.province);
    d.contract_type = contract_types_.Intern(v.contract_type);
    d.working_time = working_times_.Intern(v.working_time);
    d.l68_reserved = v.l68_reserved;
    docs_.push_back(std::move(d));
  }
  by_id_.reserve(docs_.size());
  for (uint32_t i = 0; i < docs_.size(); ++i) by_id_.try_emplace(docs_[i].id, i);
  IndexWords(vacancies);
}

void Segment::IndexWords(const std::vector<store::IndexedVacancy>& sorted) {
  // Words numbered as first seen, then renumbered in dictionary order.
  absl::flat_hash_map<absl::string_view, uint32_t> seen;
  std::vector<absl::string_view> seen_words;
  std::vector<uint32_t> doc_seen;
  doc_words_begin_.reserve(sorted.size() + 1);
  for (const store::IndexedVacancy& v : sorted) {
    doc_words_begin_.push_back(static_cast<uint32_t>(doc_seen.size()));
    for (absl::string_view w : Words(v.search_text)) {
      auto [it, added] = seen.try_emplace(w, static_cast<uint32_t>(seen_words.size()));
      if (added) seen_words.push_back(w);
      doc_seen.push_back(it->second);
    }
  }
  doc_words_begin_.push_back(static_cast<uint32_t>(doc_seen.size()));
  std::vector<uint32_t> order(seen_words.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return seen_words[a] < seen_words[b]; });
  std::vector<uint32_t> rank(order.size());
  dictionary_.reserve(order.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    dictionary_.emplace_back(seen_words[order[r]]);
  }
  doc_words_ = std::move(doc_seen);
  doc_words_.shrink_to_fit();  // grown by push_back: up to twice the memory otherwise
  std::vector<uint32_t> counts(dictionary_.size() + 1, 0);
  for (uint32_t& w : doc_words_) ++counts[w = rank[w]];
  for (size_t pos = 0; pos + 1 < doc_words_begin_.size(); ++pos) {
    std::sort(doc_words_.begin() + doc_words_begin_[pos],
              doc_words_.begin() + doc_words_begin_[pos + 1]);
  }
  postings_begin_.assign(dictionary_.size() + 1, 0);
  for (size_t w = 0; w < dictionary_.size(); ++w) {
    postings_begin_[w + 1] = postings_begin_[w] + counts[w];
  }
  postings_.resize(doc_words_.size());
  std::vector<uint32_t> next(postings_begin_.begin(), postings_begin_.end() - 1);
  for (uint32_t pos = 0; pos < docs_.size(); ++pos) {
    for (uint32_t i = doc_words_begin_[pos]; i < doc_words_begin_[pos + 1]; ++i) {
      postings_[next[doc_words_[i]]++] = pos;
    }
  }
}

std::optional<uint32_t> Segment::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

store::IndexedVacancy Segment::At(uint32_t pos) const {
  const Doc& d = docs_[pos];
  store::IndexedVacancy v;
  v.id = d.id;
  v.published_at_micros = d.published_at;
  v.profession_code = professions_.list[d.profession];
  v.province = provinces_.list[d.province];
  if (d.has_location) {
    v.latitude = d.latitude;
    v.longitude = d.longitude;
  }
  v.contract_type = contract_types_.list[d.contract_type];
  v.working_time = working_times_.list[d.working_time];
  v.l68_reserved = d.l68_reserved;
  std::vector<absl::string_view> words;
  for (uint32_t i = doc_words_begin_[pos]; i < doc_words_begin_[pos + 1]; ++i) {
    words.push_back(dictionary_[doc_words_[i]]);
  }
  v.search_text = absl::StrJoin(words, " ");
  return v;
}

bool Segment::Same(uint32_t pos, const store::IndexedVacancy& v,
                   const std::vector<std::string>& words) const {
  const Doc& d = docs_[pos];
  const bool located = v.latitude.has_value() && v.longitude.has_value();
  if (d.id != v.id || d.published_at != v.published_at_micros || d.has_location != located ||
      (located && (d.latitude != *v.latitude || d.longitude != *v.longitude)) ||
      professions_.list[d.profession] != v.profession_code ||
      provinces_.list[d.province] != v.province ||
      contract_types_.list[d.contract_type] != v.contract_type ||
      working_times_.list[d.working_time] != v.working_time || d.l68_reserved != v.l68_reserved ||
      doc_words_begin_[pos + 1] - doc_words_begin_[pos] != words.size()) {
    return false;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (dictionary_[doc_words_[doc_words_begin_[pos] + i]] != words[i]) return false;
  }
  return true;
}

uint32_t Segment::After(const store::SearchCursor& cursor) const {
  auto it = std::partition_point(docs_.begin(), docs_.end(), [&](const Doc& d) {
    return !Before(cursor.published_at_micros, cursor.id, d.published_at, d.id);
  });
  return static_cast<uint32_t>(it - docs_.begin());
}

bool Segment::HasWordIn(uint32_t pos, uint32_t first, uint32_t last) const {
  auto begin = doc_words_.begin() + doc_words_begin_[pos];
  auto end = doc_words_.begin() + doc_words_begin_[pos + 1];
  auto it = std::lower_bound(begin, end, first);
  return it != end && *it < last;
}

int64_t Segment::Match(const Query& q, const std::vector<uint64_t>& removed, uint32_t from,
                       size_t limit, std::vector<uint32_t>& page) const {
  // Each word: the dictionary range of the words it begins, and how many postings it has.
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  size_t driver = 0, fewest = SIZE_MAX;
  for (const std::string& word : q.words) {
    auto lo = std::lower_bound(dictionary_.begin(), dictionary_.end(), word);
    auto hi = std::partition_point(lo, dictionary_.end(),
                                   [&](const std::string& w) { return absl::StartsWith(w, word); });
    if (lo == hi) return 0;
    const uint32_t first = static_cast<uint32_t>(lo - dictionary_.begin());
    const uint32_t last = static_cast<uint32_t>(hi - dictionary_.begin());
    const size_t n = postings_begin_[last] - postings_begin_[first];
    if (n < fewest) fewest = n, driver = ranges.size();
    ranges.emplace_back(first, last);
  }
  // The filters' values as this segment numbers them.
  auto code = [](const Values& values, const std::string& wanted) -> std::optional<uint32_t> {
    if (wanted.empty()) return UINT32_MAX;  // no filter
    auto it = values.ids.find(wanted);
    if (it == values.ids.end()) return std::nullopt;
    return it->second;
  };
  const std::optional<uint32_t> province = code(provinces_, q.province);
  const std::optional<uint32_t> contract = code(contract_types_, q.contract_type);
  const std::optional<uint32_t> working = code(working_times_, q.working_time);
  if (!province || !contract || !working) return 0;
  std::vector<bool> professions;
  if (!q.profession_prefix.empty()) {
    professions.resize(professions_.list.size());
    for (size_t i = 0; i < professions.size(); ++i) {
      professions[i] = Query::ProfessionLike(professions_.list[i], q.profession_prefix);
    }
  }
  int64_t total = 0;
  auto visit = [&](uint32_t pos) {
    if ((removed[pos >> 6] >> (pos & 63)) & 1) return;
    const Doc& d = docs_[pos];
    if ((!professions.empty() && !professions[d.profession]) ||
        (*province != UINT32_MAX && d.province != *province) ||
        (*contract != UINT32_MAX && d.contract_type != *contract) ||
        (*working != UINT32_MAX && d.working_time != *working) ||
        (q.l68_reserved && !d.l68_reserved) ||
        (q.radius.has_value() &&
         (!d.has_location || !Query::Near(*q.radius, d.latitude, d.longitude)))) {
      return;
    }
    for (size_t i = 0; i < ranges.size(); ++i) {
      if (i != driver && !HasWordIn(pos, ranges[i].first, ranges[i].second)) return;
    }
    ++total;
    if (pos >= from && page.size() < limit) page.push_back(pos);
  };
  if (ranges.empty() || fewest > 2 * docs_.size()) {
    if (!ranges.empty()) driver = ranges.size();  // every word checked per vacancy
    for (uint32_t pos = 0; pos < docs_.size(); ++pos) visit(pos);
  } else if (ranges[driver].second - ranges[driver].first == 1) {
    // One word: its postings are already in search order.
    const uint32_t w = ranges[driver].first;
    for (uint32_t i = postings_begin_[w]; i < postings_begin_[w + 1]; ++i) visit(postings_[i]);
  } else {
    // Several words begin with it: their postings merged through a bitmap.
    std::vector<uint64_t> bits((docs_.size() + 63) / 64, 0);
    for (uint32_t i = postings_begin_[ranges[driver].first];
         i < postings_begin_[ranges[driver].second]; ++i) {
      bits[postings_[i] >> 6] |= uint64_t{1} << (postings_[i] & 63);
    }
    for (size_t block = 0; block < bits.size(); ++block) {
      for (uint64_t b = bits[block]; b != 0; b &= b - 1) {
        visit(static_cast<uint32_t>(block * 64 + __builtin_ctzll(b)));
      }
    }
  }
  return total;
}

size_t Segment::MemoryBytes() const {
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  auto values = [&](const Values& v) {
    size_t n = v.list.capacity() * sizeof(std::string) + v.ids.capacity() * 48;
    for (const std::string& s : v.list) n += 2 * heap(s);
    return n;
  };
  size_t n = sizeof(*this) + docs_.capacity() * sizeof(Doc) +
             by_id_.capacity() * (sizeof(std::pair<absl::string_view, uint32_t>) + 1) +
             dictionary_.capacity() * sizeof(std::string) +
             (postings_begin_.capacity() + postings_.capacity() + doc_words_begin_.capacity() +
              doc_words_.capacity()) *
                 sizeof(uint32_t) +
             values(professions_) + values(provinces_) + values(contract_types_) +
             values(working_times_);
  for (const Doc& d : docs_) n += heap(d.id);
  for (const std::string& w : dictionary_) n += heap(w);
  return n;
}

}  // namespace sisl::enterprise::search_index
