// CompactProfiles::ScanCandidates: the ranking scan over the compact records (filters and score
// with the same integer arithmetic as filters.cc and scoring.cc; the brute-force tests hold it
// to them). The records and their compaction are in compact_profiles.cc, their encoding in
// compact_codec.cc.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "services/matching/domain/compact_profiles.h"
#include "services/matching/domain/profession.h"
#include "services/matching/domain/scoring.h"

namespace sisl::matching::internal {
namespace {
// The contribution of one criterion, exactly as scoring.cc's Accumulator computes it.
inline int Points(int64_t total, int weight, int64_t num, int64_t den) {
  if (den <= 0) num = den = 1;
  num = std::clamp<int64_t>(num, 0, den);
  return total <= 0 ? 0 : static_cast<int>(int64_t{kMaxScore} * weight * num / (den * total));
}

// True when the sorted `have` holds every id of the sorted `need`.
inline bool Includes(const uint32_t* have, uint32_t n_have, const std::vector<uint32_t>& need) {
  uint32_t i = 0;
  for (const uint32_t x : need) {
    while (i < n_have && have[i] < x) ++i;
    if (i == n_have || have[i] != x) return false;
    ++i;
  }
  return true;
}

inline bool Contains(const uint32_t* have, uint32_t n_have, uint32_t x) {
  for (uint32_t i = 0; i < n_have; ++i) {
    if (have[i] == x) return true;
    if (have[i] > x) return false;
  }
  return false;
}

}  // namespace

void CompactProfiles::ScanCandidates(const PreparedVacancy& pv, const Weights& weights,
                                     const MatchQuery& query,
                                     absl::FunctionRef<void(uint32_t, int)> emit) const {
  const Vacancy& v = pv.vacancy;
  if (pv.group.empty()) return;
  const uint32_t group = codes_.Find(pv.group);
  if (group == Interner::kAbsent || group >= buckets_.size() || buckets_[group].empty()) return;
  const std::vector<Posting>& bucket = buckets_[group];
  const uint32_t unit = codes_.Find(pv.unit);  // kAbsent: no profile has it
  const bool remote = v.working_mode == WorkingMode::kRemote;
  if (!remote && !pv.location.has_value()) return;  // nobody passes the distance filter

  // Contract sets that accept the vacancy's contract type; the working mode's bit.
  const uint32_t contract = contracts_.Find(v.contract_type);
  std::vector<uint8_t> set_ok(contract_sets_.size(), 0);
  set_ok[0] = 1;
  if (contract != Interner::kAbsent) {
    for (std::size_t s = 1; s < contract_sets_.size(); ++s) {
      set_ok[s] = std::binary_search(contract_sets_[s].begin(), contract_sets_[s].end(), contract);
    }
  }
  const int mode_value = static_cast<int>(v.working_mode);
  const uint32_t mode_bit = mode_value >= 0 && mode_value < 7 ? 1u << mode_value : 0u;

  // Requirements as ids: one nobody has excludes everyone.
  const auto required = [](const std::vector<std::string>& tags, const Interner& dict,
                           std::vector<uint32_t>& ids) {
    for (const std::string& t : tags) {
      const uint32_t id = dict.Find(t);
      if (id == Interner::kAbsent) return false;
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    return true;
  };
  std::vector<uint32_t> licences, registers, skills;
  if (!required(pv.licences, licences_, licences)) return;
  if (!required(pv.registers, registers_, registers)) return;
  for (const std::string& s : pv.skills) {
    const uint32_t id = skills_.Find(s);
    if (id != Interner::kAbsent) skills.push_back(id);
  }
  struct Language {
    uint32_t id;  // kAbsent: nobody speaks it
    uint32_t min_level;
    bool required;
  };
  std::vector<Language> languages;
  for (const LanguageRequirement& r : v.languages) {
    languages.push_back({languages_.Find(r.language),
                         static_cast<uint32_t>(static_cast<uint8_t>(r.min_level)), r.required});
  }

  // The criteria's points that do not depend on the person.
  const Weights& w = weights;
  const int64_t total = w.Total();
  const int profession_exact = Points(total, w.profession, 100, 100);
  const int profession_group = Points(total, w.profession, w.profession_group_percent, 100);
  const auto skills_asked = static_cast<int64_t>(pv.skills.size());
  std::vector<int> skills_points(skills.size() + 1);
  for (std::size_t k = 0; k < skills_points.size(); ++k) {
    skills_points[k] = skills_asked == 0
                           ? Points(total, w.skills, 1, 1)
                           : Points(total, w.skills, static_cast<int64_t>(k), skills_asked);
  }
  const auto langs_asked = static_cast<int64_t>(languages.size());
  std::vector<int> language_points(languages.size() + 1);
  for (std::size_t k = 0; k < language_points.size(); ++k) {
    language_points[k] = langs_asked == 0
                             ? Points(total, w.languages, 1, 1)
                             : Points(total, w.languages, static_cast<int64_t>(k), langs_asked);
  }
  const int cap = v.min_experience_months > 0 ? v.min_experience_months : w.experience_cap_months;
  const int min_education = static_cast<int>(v.min_education);
  const int education_yes = Points(total, w.education, 1, 1);
  const int education_no = Points(total, w.education, 0, 1);
  const int distance_full = Points(total, w.distance, 1, 1);
  const int l68_yes = Points(total, w.l68_priority, 1, 1);
  const int l68_no = Points(total, w.l68_priority, 0, 1);
  const int ltu_yes = Points(total, w.long_term_unemployed, 1, 1);
  const int ltu_no = Points(total, w.long_term_unemployed, 0, 1);
  const int32_t today = DayNumber(query.today);
  const int reserved = static_cast<int>(v.l68_reservation);
  const int64_t area = int64_t{v.area_radius_km} * 10;

  // Stage 1: the people within reach (both radii), from the postings alone.
  struct Reach {
    uint32_t record;
    int32_t distance;  // 0.1 km
  };
  std::vector<Reach> reach;
  reach.reserve(bucket.size() / 2);
  if (remote) {
    for (const Posting& p : bucket) reach.push_back({p.record, 0});
  } else {
    std::vector<int32_t> distance(locations_.size(), -1);
    const reference::GeoPoint workplace = *pv.location;
    for (const Posting& p : bucket) {
      if (p.municipality == 0) continue;
      int32_t& d = distance[p.municipality];
      if (d < 0) {
        d = static_cast<int32_t>(
            std::llround(reference::DistanceKm(locations_[p.municipality], workplace) * 10));
      }
      if (d > int32_t{p.radius_km} * 10 || d > area) continue;
      reach.push_back({p.record, d});
    }
  }

  // Stage 2: the records of those, read ahead.
  constexpr std::size_t kAhead = 8;
  for (std::size_t i = 0; i < reach.size(); ++i) {
    if (i + 2 * kAhead < reach.size()) __builtin_prefetch(&records_[reach[i + 2 * kAhead].record]);
    if (i + kAhead < reach.size()) {
      __builtin_prefetch(side_.data() + records_[reach[i + kAhead].record].side_offset);
    }
    const uint32_t r = reach[i].record;
    const ProfileRecord& rec = records_[r];
    // Status.
    if (reserved != 0 && rec.l68 != reserved) continue;
    if (rec.availability != static_cast<uint8_t>(Availability::kAvailable)) continue;
    const bool visible =
        rec.visibility == static_cast<uint8_t>(Visibility::kVisibleToCompanies) ||
        rec.visibility == static_cast<uint8_t>(Visibility::kAnonymous) ||
        (rec.visibility == static_cast<uint8_t>(Visibility::kCpiOnly) && query.operator_run);
    if (!visible || rec.validated_on == kNoDay) continue;
    if (rec.l68 == 0 && int64_t{today} >= int64_t{rec.validated_on} + kProfileValidityDays) {
      continue;
    }
    // Professions of the group: contract type and working mode.
    const uint32_t* s = side_.data() + rec.side_offset;
    bool ok = false, exact = false;
    for (uint32_t k = 0; k < rec.n_desired; ++k, s += 2) {
      if ((s[0] >> 16) != group || !set_ok[s[1] & 0xFFFFFF]) continue;
      const uint32_t modes = s[1] >> 24;
      if ((modes & kAnyMode) == 0 && (modes & mode_bit) == 0) continue;
      ok = true;
      exact |= (s[0] & 0xFFFF) == unit;
    }
    if (!ok) continue;
    const uint32_t* experiences = s;
    const uint32_t* langs = experiences + 3 * rec.n_experiences;
    const uint32_t* skill_ids = langs + rec.n_languages;
    const uint32_t* licence_ids = skill_ids + rec.n_skills;
    const uint32_t* register_ids = licence_ids + rec.n_licences;
    // Requirements.
    if (!licences.empty() && !Includes(licence_ids, rec.n_licences, licences)) continue;
    const auto level_of = [&](uint32_t id) -> uint32_t {
      for (uint32_t k = 0; k < rec.n_languages; ++k) {
        if ((langs[k] & 0xFFFFFF) == id) return langs[k] >> 24;
      }
      return 0;
    };
    bool languages_ok = true;
    int languages_met = 0;
    for (const Language& l : languages) {
      const bool met = level_of(l.id) >= l.min_level;
      languages_met += met ? 1 : 0;
      if (l.required && !met) languages_ok = false;
    }
    if (!languages_ok) continue;
    if (!registers.empty() && !Includes(register_ids, rec.n_registers, registers)) continue;

    // Score.
    int score = exact ? profession_exact : profession_group;
    int skills_met = 0;
    for (const uint32_t id : skills) skills_met += Contains(skill_ids, rec.n_skills, id) ? 1 : 0;
    score += skills_points[static_cast<std::size_t>(skills_met)];
    score += language_points[static_cast<std::size_t>(languages_met)];

    // Months in the unit: overlapping periods once (scoring.cc's ExperienceMonths).
    int months = 0;
    if (rec.n_experiences > 0) {
      std::array<std::pair<int32_t, int32_t>, 16> small;
      std::vector<std::pair<int32_t, int32_t>> large;
      std::pair<int32_t, int32_t>* periods = small.data();
      if (rec.n_experiences > small.size()) {
        large.resize(rec.n_experiences);
        periods = large.data();
      }
      std::size_t n = 0;
      for (uint32_t k = 0; k < rec.n_experiences; ++k) {
        const uint32_t* e = experiences + 3 * k;
        const auto from = static_cast<int32_t>(e[1]);
        if (e[0] != unit || from > today) continue;
        const auto end = static_cast<int32_t>(e[2]);
        const int32_t to = end == kNoDay ? today : std::min(end, today);
        if (to >= from) periods[n++] = {from, to};
      }
      if (n > 0) {
        std::sort(periods, periods + n);
        int64_t days = 0;
        bool any = false;
        int32_t covered = 0;
        for (std::size_t k = 0; k < n; ++k) {
          const auto [from, to] = periods[k];
          const int32_t start = any ? std::max(from, covered + 1) : from;
          if (to >= start) days += int64_t{to} - start + 1;
          if (!any || to > covered) covered = to;
          any = true;
        }
        months = static_cast<int>(days / 30);
      }
    }
    score += Points(total, w.experience, std::min(months, cap), cap);

    const bool education_ok =
        min_education == 0 || (rec.education != 0 && rec.education >= min_education);
    score += education_ok ? education_yes : education_no;

    const int64_t d = reach[i].distance;
    const int64_t limit = int64_t{std::min(rec.radius_km, v.area_radius_km)} * 10;
    score += remote || limit == 0 ? distance_full : Points(total, w.distance, limit - d, limit);
    score += rec.l68 != 0 ? l68_yes : l68_no;
    const bool ltu = rec.unemployed_since != kNoDay &&
                     int64_t{today} - rec.unemployed_since >= kLongTermUnemploymentDays;
    score += ltu ? ltu_yes : ltu_no;
    emit(r, score);
  }
}

}  // namespace sisl::matching::internal
