// The profiles of the matching index in compact form (internal to the domain, used by
// MatchingIndex): codes interned into small integer ids shared by every profile, each profile a
// fixed 44-byte record plus a few 32-bit words in one side pool, person ids in one string arena,
// and per CP2011 group a vector of 8-byte postings (record, municipality, radius) so that a
// vacancy's query scans one group sequentially and drops the people out of reach before it
// touches their records. The ranking of a vacancy (filters and score) is computed on the compact
// form with the semantics of filters.h and scoring.h, which stay the reference: a profile turns
// back into the PreparedProfile they take (Materialize) for explanations and "why not".
//
// Not thread-safe: MatchingIndex guards it with its mutex.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_COMPACT_PROFILES_H_
#define SISL_SERVICES_MATCHING_DOMAIN_COMPACT_PROFILES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/filters.h"
#include "services/matching/domain/prepared.h"
#include "services/matching/domain/profile.h"
#include "services/matching/domain/weights.h"
#include "services/reference/municipalities.h"

namespace sisl::matching::internal {

// Strings to dense ids (0, 1, ...) and back. Ids are never reused.
class Interner final {
 public:
  static constexpr uint32_t kAbsent = 0xFFFFFFFFu;
  uint32_t Intern(absl::string_view s);
  uint32_t Find(absl::string_view s) const;  // kAbsent when never interned
  const std::string& Name(uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }
  std::size_t MemoryBytes() const;

 private:
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
};

// One profile's fixed part. Dates are days since 1970-01-01, kNoDay when absent.
struct ProfileRecord {
  uint32_t id_offset = 0;    // person id in the arena
  uint32_t side_offset = 0;  // first word in the side pool
  int32_t radius_km = 0;
  int32_t validated_on = 0;
  int32_t unemployed_since = 0;
  uint16_t id_length = 0;
  uint16_t municipality = 0;  // 0: no known location
  uint8_t education = 0, availability = 0, visibility = 0, l68 = 0;
  uint8_t alive = 0, spare = 0;
  uint16_t n_desired = 0, n_experiences = 0, n_languages = 0;
  uint16_t n_skills = 0, n_licences = 0, n_registers = 0;

  // Words in the side pool: 2 per desired profession, 3 per experience, 1 per language, skill,
  // licence and register.
  uint32_t SideWords() const {
    return 2u * n_desired + 3u * n_experiences + n_languages + n_skills + n_licences + n_registers;
  }
};
static_assert(sizeof(ProfileRecord) == 44);

// An entry of a group's bucket: enough to drop the people out of reach without their record.
struct Posting {
  uint32_t record;
  uint16_t municipality;
  int16_t radius_km;  // clamped to [-1, 30000]: the same outcome of `distance > radius`
};
static_assert(sizeof(Posting) == 8);

// Memory held, by part (capacities, so what the allocator gave).
struct CompactMemory {
  std::size_t records = 0, side = 0, arena = 0, id_set = 0, postings = 0, dictionaries = 0;
  std::size_t Total() const { return records + side + arena + id_set + postings + dictionaries; }
};

class CompactProfiles final {
 public:
  explicit CompactProfiles(int group_level);
  CompactProfiles(const CompactProfiles&) = delete;
  CompactProfiles& operator=(const CompactProfiles&) = delete;

  // Inserts or replaces by person id; returns true when it replaced one.
  bool Upsert(const CandidateProfile& profile);
  bool Remove(absl::string_view person_id);
  std::size_t size() const { return id_set_.size(); }
  // The record of a person, or kNone.
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  uint32_t Find(absl::string_view person_id) const;

  absl::string_view PersonId(uint32_t record) const {
    const ProfileRecord& r = records_[record];
    return absl::string_view(arena_.data() + r.id_offset, r.id_length);
  }
  // The profile as PrepareProfile would have made it, for the reference filters and score.
  PreparedProfile Materialize(uint32_t record) const;

  // Every profile passing the filters of `vacancy` (which must be open) with its score, in no
  // particular order: `emit(record, score)`. The same outcome as FirstExclusion and ScoreMatch
  // on every profile.
  void ScanCandidates(const PreparedVacancy& vacancy, const Weights& weights,
                      const MatchQuery& query,
                      absl::FunctionRef<void(uint32_t record, int score)> emit) const;

  void Reserve(std::size_t profiles);
  // Rewrites the storage without garbage, records ordered by first group and municipality (so
  // a group's scan reads memory mostly in order), capacities trimmed.
  void Compact();
  CompactMemory Memory() const;

 private:
  struct IdHash {
    using is_transparent = void;
    const CompactProfiles* self;
    std::size_t operator()(uint32_t r) const;
    std::size_t operator()(absl::string_view s) const;
  };
  struct IdEq {
    using is_transparent = void;
    const CompactProfiles* self;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, absl::string_view b) const { return self->PersonId(a) == b; }
    bool operator()(absl::string_view a, uint32_t b) const { return a == self->PersonId(b); }
  };
  struct Code {
    uint16_t unit, group;
  };

  Code CodeOf(const std::string& code);
  uint16_t MunicipalityOf(const std::string& istat_code);
  // Encodes the profile's variable part at the end of `side` and fills `rec` (not its id).
  void Encode(const CandidateProfile& p, ProfileRecord& rec, std::vector<uint32_t>& side);
  std::vector<uint16_t> GroupsOf(const ProfileRecord& rec) const;  // distinct, non-empty
  void AddPostings(uint32_t record);
  void RemovePostings(uint32_t record);
  void MaybeCompactSide();

  const int group_level_;
  std::vector<ProfileRecord> records_;
  std::vector<uint32_t> side_;
  std::vector<char> arena_;
  std::vector<uint32_t> free_records_;
  std::size_t side_garbage_ = 0, arena_garbage_ = 0;
  absl::flat_hash_set<uint32_t, IdHash, IdEq> id_set_;
  std::vector<std::vector<Posting>> buckets_;  // by group code id

  Interner codes_;  // CP2011 units and groups; id 0 is ""
  absl::flat_hash_map<std::string, Code> code_cache_;
  Interner contracts_, languages_, skills_, licences_, registers_;
  std::vector<std::vector<uint32_t>> contract_sets_;  // id 0: the empty set (any)
  absl::flat_hash_map<std::string, uint32_t> contract_set_ids_;
  Interner municipality_codes_;                 // id + 1 is the municipality id
  std::vector<reference::GeoPoint> locations_;  // by municipality id; [0] unused
};

int32_t DayNumber(absl::CivilDay day);
absl::CivilDay DayOf(int32_t number);
inline constexpr int32_t kNoDay = INT32_MIN;
// A desired profession's working-mode bits: any mode accepted.
inline constexpr uint8_t kAnyMode = 0x80;

}  // namespace sisl::matching::internal

#endif  // SISL_SERVICES_MATCHING_DOMAIN_COMPACT_PROFILES_H_
