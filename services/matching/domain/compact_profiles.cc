// The storage of the compact profiles: the interned dictionaries, the records, side pool and
// person-id arena with their upsert, removal and compaction, the postings by CP2011 group, and
// the memory they hold. How a profile is encoded into a record is in compact_codec.cc; the
// ranking scan over the records is in compact_scan.cc.
#include "services/matching/domain/compact_profiles.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"

namespace sisl::matching::internal {
namespace {

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t StringBytes(const std::string& s) {
  // Short strings live in the object (libstdc++: 15 characters).
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

}  // namespace

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

}  // namespace sisl::matching::internal
