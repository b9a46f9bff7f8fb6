#include "services/matching/domain/compact_profiles.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "services/matching/domain/profession.h"
#include "services/matching/domain/scoring.h"

namespace sisl::matching::internal {
namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t StringBytes(const std::string& s) {
  // Short strings live in the object (libstdc++: 15 characters).
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

}  // namespace

int32_t DayNumber(absl::CivilDay day) { return static_cast<int32_t>(day - kEpoch); }
absl::CivilDay DayOf(int32_t number) { return kEpoch + number; }

uint32_t Interner::Intern(absl::string_view s) {
  const auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(s);
  ids_.emplace(std::string(s), id);
  return id;
}

uint32_t Interner::Find(absl::string_view s) const {
  const auto it = ids_.find(s);
  return it == ids_.end() ? kAbsent : it->second;
}

std::size_t Interner::MemoryBytes() const {
  std::size_t bytes = VectorBytes(names_) + ids_.capacity() * (sizeof(std::string) + 5);
  for (const std::string& s : names_) bytes += 2 * StringBytes(s);
  return bytes;
}

std::size_t CompactProfiles::IdHash::operator()(uint32_t r) const {
  return absl::Hash<absl::string_view>{}(self->PersonId(r));
}
std::size_t CompactProfiles::IdHash::operator()(absl::string_view s) const {
  return absl::Hash<absl::string_view>{}(s);
}

CompactProfiles::CompactProfiles(int group_level)
    : group_level_(group_level), id_set_(0, IdHash{this}, IdEq{this}) {
  codes_.Intern("");
  contract_sets_.emplace_back();
  locations_.emplace_back();
}

CompactProfiles::Code CompactProfiles::CodeOf(const std::string& code) {
  const auto it = code_cache_.find(code);
  if (it != code_cache_.end()) return it->second;
  // Both come from the CP2011 list (a few thousand codes), so 16 bits hold them.
  const Code c{
      static_cast<uint16_t>(codes_.Intern(ProfessionUnit(code).value_or(""))),
      static_cast<uint16_t>(codes_.Intern(ProfessionAncestor(code, group_level_).value_or("")))};
  code_cache_.emplace(code, c);
  return c;
}

uint16_t CompactProfiles::MunicipalityOf(const std::string& istat_code) {
  const uint32_t known = municipality_codes_.Find(istat_code);
  if (known != Interner::kAbsent) return static_cast<uint16_t>(known + 1);
  const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(istat_code);
  if (m == nullptr || !m->current() || !m->location.has_value()) return 0;
  const uint32_t id = municipality_codes_.Intern(istat_code) + 1;  // current ones: < 65535
  locations_.push_back(*m->location);
  return static_cast<uint16_t>(id);
}

void CompactProfiles::Encode(const CandidateProfile& p, ProfileRecord& rec,
                             std::vector<uint32_t>& side) {
  rec.radius_km = p.mobility_radius_km;
  rec.validated_on = p.validated_on.has_value() ? DayNumber(*p.validated_on) : kNoDay;
  rec.unemployed_since = p.unemployed_since.has_value() ? DayNumber(*p.unemployed_since) : kNoDay;
  rec.municipality = MunicipalityOf(p.domicile_istat_code);
  rec.education = static_cast<uint8_t>(p.education);
  rec.availability = static_cast<uint8_t>(p.availability);
  rec.visibility = static_cast<uint8_t>(p.visibility);
  rec.l68 = static_cast<uint8_t>(p.l68);
  rec.alive = 1;

  rec.n_desired = static_cast<uint16_t>(p.desired_professions.size());
  for (const DesiredProfession& d : p.desired_professions) {
    const Code c = CodeOf(d.profession_code);
    std::vector<uint32_t> set;
    for (const std::string& ct : d.contract_types) set.push_back(contracts_.Intern(ct));
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    uint32_t set_id = 0;
    if (!set.empty()) {
      std::string key(reinterpret_cast<const char*>(set.data()), set.size() * sizeof(uint32_t));
      const auto [it, inserted] =
          contract_set_ids_.emplace(std::move(key), static_cast<uint32_t>(contract_sets_.size()));
      if (inserted) contract_sets_.push_back(std::move(set));
      set_id = it->second;
    }
    uint8_t modes = d.working_modes.empty() ? kAnyMode : 0;
    for (const WorkingMode m : d.working_modes) {
      const int bit = static_cast<int>(m);
      if (bit >= 0 && bit < 7) modes = static_cast<uint8_t>(modes | (1u << bit));
    }
    side.push_back(uint32_t{c.unit} | (uint32_t{c.group} << 16));
    side.push_back(set_id | (uint32_t{modes} << 24));
  }

  uint16_t n = 0;
  for (const Experience& e : p.experiences) {
    const uint16_t unit = CodeOf(e.profession_code).unit;
    if (unit == 0) continue;  // not a CP2011 code: PrepareProfile drops it too
    side.push_back(unit);
    side.push_back(static_cast<uint32_t>(DayNumber(e.from)));
    side.push_back(static_cast<uint32_t>(e.to.has_value() ? DayNumber(*e.to) : kNoDay));
    ++n;
  }
  rec.n_experiences = n;

  // Languages: the first entry of a language is the one the filters read.
  n = 0;
  const std::size_t first_language = side.size();
  for (const LanguageSkill& l : p.languages) {
    const uint32_t id = languages_.Intern(l.language);
    bool seen = false;
    for (std::size_t i = first_language; i < side.size(); ++i) seen |= (side[i] & 0xFFFFFF) == id;
    if (seen) continue;
    side.push_back(id | (uint32_t{static_cast<uint8_t>(l.level)} << 24));
    ++n;
  }
  rec.n_languages = n;

  const auto tags = [&](const std::vector<std::string>& in, Interner& dict) {
    std::vector<uint32_t> ids;
    for (const std::string& t : in) {
      std::string key = NormalizeTag(t);
      if (!key.empty()) ids.push_back(dict.Intern(key));
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    side.insert(side.end(), ids.begin(), ids.end());
    return static_cast<uint16_t>(ids.size());
  };
  rec.n_skills = tags(p.it_skills, skills_);
  rec.n_licences = tags(p.driving_licences, licences_);
  rec.n_registers = tags(p.professional_registers, registers_);
}

std::vector<uint16_t> CompactProfiles::GroupsOf(const ProfileRecord& rec) const {
  std::vector<uint16_t> groups;
  const uint32_t* w = side_.data() + rec.side_offset;
  for (uint32_t i = 0; i < rec.n_desired; ++i) {
    const auto g = static_cast<uint16_t>(w[2 * i] >> 16);
    if (g != 0 && std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  return groups;
}

void CompactProfiles::AddPostings(uint32_t record) {
  const ProfileRecord& rec = records_[record];
  const auto radius = static_cast<int16_t>(std::clamp(rec.radius_km, -1, 30000));
  for (const uint16_t g : GroupsOf(rec)) {
    if (buckets_.size() <= g) buckets_.resize(g + 1u);
    buckets_[g].push_back({record, rec.municipality, radius});
  }
}

void CompactProfiles::RemovePostings(uint32_t record) {
  for (const uint16_t g : GroupsOf(records_[record])) {
    std::vector<Posting>& bucket = buckets_[g];
    for (std::size_t i = 0; i < bucket.size(); ++i) {
      if (bucket[i].record == record) {
        bucket[i] = bucket.back();
        bucket.pop_back();
        break;
      }
    }
  }
}

uint32_t CompactProfiles::Find(absl::string_view person_id) const {
  const auto it = id_set_.find(person_id);
  return it == id_set_.end() ? kNone : *it;
}

bool CompactProfiles::Upsert(const CandidateProfile& profile) {
  const uint32_t existing = Find(profile.person_id);
  std::vector<uint32_t> words;
  words.reserve(32);
  ProfileRecord rec;
  Encode(profile, rec, words);
  if (existing != kNone) {
    RemovePostings(existing);
    ProfileRecord& old = records_[existing];
    const uint32_t old_words = old.SideWords();
    if (words.size() <= old_words) {
      rec.side_offset = old.side_offset;
      std::copy(words.begin(), words.end(), side_.begin() + old.side_offset);
      side_garbage_ += old_words - words.size();
    } else {
      rec.side_offset = static_cast<uint32_t>(side_.size());
      side_.insert(side_.end(), words.begin(), words.end());
      side_garbage_ += old_words;
    }
    rec.id_offset = old.id_offset;
    rec.id_length = old.id_length;
    old = rec;
    AddPostings(existing);
    MaybeCompactSide();
    return true;
  }
  rec.id_offset = static_cast<uint32_t>(arena_.size());
  rec.id_length = static_cast<uint16_t>(profile.person_id.size());
  arena_.insert(arena_.end(), profile.person_id.begin(), profile.person_id.end());
  rec.side_offset = static_cast<uint32_t>(side_.size());
  side_.insert(side_.end(), words.begin(), words.end());
  uint32_t r;
  if (!free_records_.empty()) {
    r = free_records_.back();
    free_records_.pop_back();
    records_[r] = rec;
  } else {
    r = static_cast<uint32_t>(records_.size());
    records_.push_back(rec);
  }
  id_set_.insert(r);
  AddPostings(r);
  return false;
}

bool CompactProfiles::Remove(absl::string_view person_id) {
  const uint32_t r = Find(person_id);
  if (r == kNone) return false;
  RemovePostings(r);
  id_set_.erase(r);
  ProfileRecord& rec = records_[r];
  side_garbage_ += rec.SideWords();
  arena_garbage_ += rec.id_length;
  rec.alive = 0;
  free_records_.push_back(r);
  MaybeCompactSide();
  return true;
}

void CompactProfiles::MaybeCompactSide() {
  constexpr std::size_t kMinGarbage = 1 << 20;
  if ((side_garbage_ > kMinGarbage && 2 * side_garbage_ > side_.size()) ||
      (arena_garbage_ > kMinGarbage && 2 * arena_garbage_ > arena_.size())) {
    Compact();
  }
}

void CompactProfiles::Reserve(std::size_t profiles) {
  records_.reserve(profiles);
  side_.reserve(profiles * 16);
  arena_.reserve(profiles * 12);
  id_set_.reserve(profiles);
}

void CompactProfiles::Compact() {
  std::vector<uint32_t> order;
  std::vector<uint64_t> keys(records_.size());
  order.reserve(id_set_.size());
  std::size_t side_words = 0, arena_bytes = 0;
  for (uint32_t r = 0; r < records_.size(); ++r) {
    const ProfileRecord& rec = records_[r];
    if (!rec.alive) continue;
    order.push_back(r);
    side_words += rec.SideWords();
    arena_bytes += rec.id_length;
    const std::vector<uint16_t> groups = GroupsOf(rec);
    const uint64_t first = groups.empty() ? 0xFFFF : groups.front();
    keys[r] = (first << 48) | (uint64_t{rec.municipality} << 32) | r;
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  std::vector<ProfileRecord> records;
  std::vector<uint32_t> side;
  std::vector<char> arena;
  records.reserve(order.size());
  side.reserve(side_words);
  arena.reserve(arena_bytes);
  for (const uint32_t r : order) {
    ProfileRecord rec = records_[r];
    const uint32_t words = rec.SideWords();
    const uint32_t side_offset = static_cast<uint32_t>(side.size());
    side.insert(side.end(), side_.begin() + rec.side_offset,
                side_.begin() + rec.side_offset + words);
    const uint32_t id_offset = static_cast<uint32_t>(arena.size());
    arena.insert(arena.end(), arena_.begin() + rec.id_offset,
                 arena_.begin() + rec.id_offset + rec.id_length);
    rec.side_offset = side_offset;
    rec.id_offset = id_offset;
    records.push_back(rec);
  }
  records_ = std::move(records);
  side_ = std::move(side);
  arena_ = std::move(arena);
  free_records_.clear();
  free_records_.shrink_to_fit();
  side_garbage_ = arena_garbage_ = 0;

  id_set_ = decltype(id_set_)(records_.size(), IdHash{this}, IdEq{this});
  std::vector<std::size_t> counts(buckets_.size(), 0);
  for (uint32_t r = 0; r < records_.size(); ++r) {
    id_set_.insert(r);
    for (const uint16_t g : GroupsOf(records_[r])) ++counts[g];
  }
  for (std::size_t g = 0; g < buckets_.size(); ++g) {
    std::vector<Posting>().swap(buckets_[g]);
    buckets_[g].reserve(counts[g]);
  }
  for (uint32_t r = 0; r < records_.size(); ++r) AddPostings(r);
}

CompactMemory CompactProfiles::Memory() const {
  CompactMemory m;
  m.records = VectorBytes(records_) + VectorBytes(free_records_);
  m.side = VectorBytes(side_);
  m.arena = VectorBytes(arena_);
  // absl's Swiss table: a slot and a control byte per capacity.
  m.id_set = id_set_.capacity() * (sizeof(uint32_t) + 1);
  m.postings = VectorBytes(buckets_);
  for (const auto& b : buckets_) m.postings += VectorBytes(b);
  m.dictionaries = codes_.MemoryBytes() + contracts_.MemoryBytes() + languages_.MemoryBytes() +
                   skills_.MemoryBytes() + licences_.MemoryBytes() + registers_.MemoryBytes() +
                   municipality_codes_.MemoryBytes() + VectorBytes(locations_) +
                   VectorBytes(contract_sets_) +
                   code_cache_.capacity() * (sizeof(std::string) + sizeof(Code) + 1) +
                   contract_set_ids_.capacity() * (sizeof(std::string) + 5);
  for (const auto& s : contract_sets_) m.dictionaries += VectorBytes(s);
  return m;
}

PreparedProfile CompactProfiles::Materialize(uint32_t record) const {
  const ProfileRecord& rec = records_[record];
  PreparedProfile out;
  CandidateProfile& p = out.profile;
  p.person_id = std::string(PersonId(record));
  p.mobility_radius_km = rec.radius_km;
  p.education = static_cast<EducationLevel>(rec.education);
  p.availability = static_cast<Availability>(rec.availability);
  p.visibility = static_cast<Visibility>(rec.visibility);
  p.l68 = static_cast<L68Category>(rec.l68);
  if (rec.validated_on != kNoDay) p.validated_on = DayOf(rec.validated_on);
  if (rec.unemployed_since != kNoDay) p.unemployed_since = DayOf(rec.unemployed_since);
  if (rec.municipality != 0) out.location = locations_[rec.municipality];

  const uint32_t* w = side_.data() + rec.side_offset;
  for (uint32_t i = 0; i < rec.n_desired; ++i, w += 2) {
    PreparedDesired d;
    d.unit = codes_.Name(w[0] & 0xFFFF);
    d.group = codes_.Name(w[0] >> 16);
    for (const uint32_t c : contract_sets_[w[1] & 0xFFFFFF]) {
      d.contract_types.push_back(contracts_.Name(c));
    }
    const uint32_t modes = w[1] >> 24;
    if ((modes & kAnyMode) == 0) {
      for (int m = 0; m < 7; ++m) {
        if (modes & (1u << m)) d.working_modes.push_back(static_cast<WorkingMode>(m));
      }
    }
    if (!d.group.empty()) out.groups.push_back(d.group);
    out.desired.push_back(std::move(d));
  }
  std::sort(out.groups.begin(), out.groups.end());
  out.groups.erase(std::unique(out.groups.begin(), out.groups.end()), out.groups.end());
  for (uint32_t i = 0; i < rec.n_experiences; ++i, w += 3) {
    const auto to = static_cast<int32_t>(w[2]);
    out.experiences.push_back({codes_.Name(w[0]), DayOf(static_cast<int32_t>(w[1])),
                               to == kNoDay ? std::nullopt : std::optional(DayOf(to))});
  }
  for (uint32_t i = 0; i < rec.n_languages; ++i, ++w) {
    p.languages.push_back({languages_.Name(*w & 0xFFFFFF), static_cast<CefrLevel>(*w >> 24)});
  }
  const auto tags = [&](uint32_t n, const Interner& dict, std::vector<std::string>& into) {
    for (uint32_t i = 0; i < n; ++i, ++w) into.push_back(dict.Name(*w));
    std::sort(into.begin(), into.end());
  };
  tags(rec.n_skills, skills_, out.skills);
  tags(rec.n_licences, licences_, out.licences);
  tags(rec.n_registers, registers_, out.registers);
  return out;
}

}  // namespace sisl::matching::internal
