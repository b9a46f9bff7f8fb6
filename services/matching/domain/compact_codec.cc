// The codec of the compact profiles: the CP2011 codes and municipalities interned on the way
// in, a CandidateProfile encoded into its ProfileRecord and side-pool words (Encode), and a
// record decoded back into the PreparedProfile of the reference filters and score
// (Materialize). The storage of the records is in compact_profiles.cc.
#include "services/matching/domain/compact_profiles.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/matching/domain/profession.h"
#include "services/matching/domain/types.h"

namespace sisl::matching::internal {
namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

}  // namespace

int32_t DayNumber(absl::CivilDay day) { return static_cast<int32_t>(day - kEpoch); }
absl::CivilDay DayOf(int32_t number) { return kEpoch + number; }

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
