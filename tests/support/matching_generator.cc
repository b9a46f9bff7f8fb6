#include "tests/support/matching_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "services/matching/domain/checks.h"
#include "services/reference/code_lists.h"
#include "services/reference/cpi_areas.h"
#include "services/reference/municipalities.h"

namespace sisl::testing {

using matching::Availability;
using matching::CandidateProfile;
using matching::CefrLevel;
using matching::EducationLevel;
using matching::L68Category;
using matching::Visibility;
using matching::WorkingMode;

namespace {

// The reference data lacks what the generator needs: a broken build, not a test failure.
void Require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "matching_generator: %s\n", what.c_str());
  std::abort();
}

// SplitMix64: a small, fast, well-mixed generator whose stream depends only on its seed.
class Rng final {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  int Int(int lo, int hi) {                                                   // [lo, hi]
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double percent) { return Uniform() * 100 < percent; }
  // An index drawn from cumulative weights.
  std::size_t Weighted(const std::vector<double>& cumulative) {
    const double x = Uniform() * cumulative.back();
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) -
                                    cumulative.begin());
  }

 private:
  uint64_t state_;
};

std::vector<double> Cumulative(const std::vector<double>& weights) {
  std::vector<double> out;
  double sum = 0;
  for (const double w : weights) out.push_back(sum += w);
  return out;
}

// A value with its weight.
template <typename T>
struct Share {
  T value;
  double weight;
};

template <typename T>
class Picker final {
 public:
  Picker() = default;
  explicit Picker(std::vector<Share<T>> shares) {
    std::vector<double> w;
    for (auto& s : shares) {
      values_.push_back(std::move(s.value));
      w.push_back(s.weight);
    }
    cumulative_ = Cumulative(w);
  }
  const T& operator()(Rng& rng) const { return values_[rng.Weighted(cumulative_)]; }
  const std::vector<T>& values() const { return values_; }

 private:
  std::vector<T> values_;
  std::vector<double> cumulative_;
};

uint64_t Mix(uint64_t seed, uint64_t kind, int64_t i) {
  Rng r(seed * 0x100000001B3ull ^ (kind << 56) ^ static_cast<uint64_t>(i));
  r.Next();
  return r.Next();
}

// Shares of the CP2011 major groups (index = first digit), as tests/support/co_generator_tables.cc
// weights the professions of its hires.
constexpr double kMajorGroupShares[10] = {0, 0, 6, 12, 12, 22, 16, 14, 18, 0};

}  // namespace

struct MatchingGenerator::Tables {
  std::vector<std::string> units;                  // CP2011 level 5 valid today
  std::vector<double> unit_cumulative;             // by major group share and Zipf within it
  std::vector<std::vector<std::string>> children;  // per unit: its valid 6th-level codes
  std::vector<std::vector<std::size_t>> siblings;  // per unit: units of the same category
  std::vector<std::string> piedmont, italy;        // ISTAT codes
  std::vector<double> piedmont_cumulative, italy_cumulative;  // by population
  std::vector<std::string> cpis;
  std::vector<double> cpi_cumulative;  // by the population of their centre's municipality
  Picker<std::string> profile_contracts, vacancy_contracts, skills, registers;
  Picker<int> radius, area;
};

MatchingGenerator::MatchingGenerator(uint64_t seed, absl::CivilDay today)
    : seed_(seed), today_(today) {
  auto t = std::make_unique<Tables>();
  const reference::CodeList& cp = reference::Cp2011Professions();
  std::vector<std::size_t> by_major[10];
  for (const reference::CodeEntry& e : cp.entries()) {
    if (e.level != 5 || !e.IsValidOn(today)) continue;
    const int major = e.code[0] - '0';
    if (major < 0 || major > 9 || kMajorGroupShares[major] <= 0) continue;
    by_major[major].push_back(t->units.size());
    t->units.push_back(e.code);
    std::vector<std::string> kids;
    for (const reference::CodeEntry* c : cp.Children(e.code)) {
      if (c->IsValidOn(today)) kids.push_back(c->code);
    }
    t->children.push_back(std::move(kids));
  }
  Require(!t->units.empty(), "no CP2011 unit valid on " + absl::FormatCivilTime(today));
  // Zipf within each major group over an order shuffled once (constant seed: the same
  // popularity in every run, whatever the generator's seed).
  std::vector<double> weights(t->units.size(), 0);
  Rng order_rng(20110101);
  for (int major = 0; major < 10; ++major) {
    std::vector<std::size_t>& members = by_major[major];
    for (std::size_t k = members.size(); k > 1; --k) {
      std::swap(members[k - 1], members[order_rng.Next() % k]);
    }
    double harmonic = 0;
    for (std::size_t k = 0; k < members.size(); ++k) harmonic += 1.0 / static_cast<double>(k + 1);
    for (std::size_t k = 0; k < members.size(); ++k) {
      weights[members[k]] = kMajorGroupShares[major] / static_cast<double>(k + 1) / harmonic;
    }
  }
  t->unit_cumulative = Cumulative(weights);
  t->siblings.resize(t->units.size());
  for (std::size_t u = 0; u < t->units.size(); ++u) {
    const std::string parent = cp.Find(t->units[u])->parent;
    for (std::size_t v = 0; v < t->units.size(); ++v) {
      if (v != u && cp.Find(t->units[v])->parent == parent) t->siblings[u].push_back(v);
    }
  }

  std::vector<double> pw, iw;
  for (const reference::Municipality& m : reference::Municipalities::Default().all()) {
    if (!m.current() || m.istat_code.empty() || !m.location.has_value() || !m.population) {
      continue;
    }
    t->italy.push_back(m.istat_code);
    iw.push_back(static_cast<double>(*m.population));
    if (m.region == reference::kPiedmont) {
      t->piedmont.push_back(m.istat_code);
      pw.push_back(static_cast<double>(*m.population));
    }
  }
  Require(!t->piedmont.empty(), "no Piedmont municipality");
  t->piedmont_cumulative = Cumulative(pw);
  t->italy_cumulative = Cumulative(iw);
  std::vector<double> cw;
  for (const reference::CpiSite& s : reference::CpiSites()) {
    if (s.kind != reference::CpiSiteKind::kCentre) continue;
    const reference::Municipality* m =
        reference::Municipalities::Default().ByIstatCode(s.municipality_istat_code);
    t->cpis.push_back(s.cpi_code);
    cw.push_back(static_cast<double>(m != nullptr ? m->population.value_or(10000) : 10000));
  }
  t->cpi_cumulative = Cumulative(cw);

  // Contract types: shares of the common ones, kept when the reference has them valid today.
  const auto contracts = [&](std::vector<Share<std::string>> shares) {
    std::vector<Share<std::string>> kept;
    for (auto& s : shares) {
      if (reference::CoContractTypes().IsValidOn(s.value, today)) kept.push_back(std::move(s));
    }
    Require(!kept.empty(), "no common contract type is valid on " + absl::FormatCivilTime(today));
    return Picker<std::string>(std::move(kept));
  };
  // Fixed-term, open-ended, apprenticeship, intermittent, traineeship, substitution, domestic.
  t->profile_contracts = contracts({{"A.02.00", 30},
                                    {"A.01.00", 40},
                                    {"A.03.09", 8},
                                    {"A.05.02", 6},
                                    {"C.01.00", 8},
                                    {"A.02.01", 4},
                                    {"A.04.02", 4}});
  t->vacancy_contracts = contracts({{"A.02.00", 48},
                                    {"A.01.00", 24},
                                    {"A.03.09", 9},
                                    {"A.05.02", 5},
                                    {"C.01.00", 6},
                                    {"A.02.01", 5},
                                    {"A.04.02", 3}});
  // IT skills and registers are free text in the model: a vocabulary, Zipf-like shares.
  const char* skill_names[] = {"Microsoft Office",
                               "Excel",
                               "Word",
                               "Posta elettronica",
                               "Gestionali",
                               "SAP",
                               "AutoCAD",
                               "SQL",
                               "Java",
                               "Python",
                               "JavaScript",
                               "C++",
                               "Photoshop",
                               "CAD CAM",
                               "PLC",
                               "Linux",
                               "Reti",
                               "WordPress",
                               "Power BI",
                               "Contabilita"};
  std::vector<Share<std::string>> skill_shares;
  for (std::size_t k = 0; k < std::size(skill_names); ++k) {
    skill_shares.push_back({skill_names[k], 1.0 / static_cast<double>(k + 1)});
  }
  t->skills = Picker<std::string>(std::move(skill_shares));
  t->registers = Picker<std::string>({{"Albo degli ingegneri", 3},
                                      {"Albo dei periti industriali", 2},
                                      {"Albo degli infermieri", 4},
                                      {"Albo dei geometri", 2},
                                      {"Registro degli operatori socio sanitari", 5},
                                      {"Ordine degli avvocati", 1}});
  t->radius = Picker<int>({{0, 2},
                           {5, 6},
                           {10, 16},
                           {15, 12},
                           {20, 18},
                           {25, 6},
                           {30, 16},
                           {40, 8},
                           {50, 10},
                           {80, 3},
                           {100, 2},
                           {300, 1}});
  t->area =
      Picker<int>({{10, 8}, {15, 8}, {20, 20}, {30, 28}, {40, 12}, {50, 16}, {80, 5}, {100, 3}});
  for (const char* l : {"B", "A", "AM", "C", "CE", "D", "CQC", "KB"}) {
    Require(matching::internal::IsDrivingLicence(l), std::string("not a licence: ") + l);
  }
  tables_ = std::move(t);
}

MatchingGenerator::~MatchingGenerator() = default;

namespace {

std::size_t PickUnit(Rng& rng, const MatchingGenerator::Tables& t) {
  return rng.Weighted(t.unit_cumulative);
}

// The code of a unit, or one of its 6th-level children (the CO's) some of the time.
std::string CodeOf(Rng& rng, const MatchingGenerator::Tables& t, std::size_t unit, double six) {
  const auto& kids = t.children[unit];
  if (!kids.empty() && rng.Chance(six)) {
    return kids[static_cast<std::size_t>(rng.Int(0, static_cast<int>(kids.size()) - 1))];
  }
  return t.units[unit];
}

std::string Municipality(Rng& rng, const MatchingGenerator::Tables& t, double piedmont) {
  return rng.Chance(piedmont) ? t.piedmont[rng.Weighted(t.piedmont_cumulative)]
                              : t.italy[rng.Weighted(t.italy_cumulative)];
}

std::string CpiOf(Rng& rng, const MatchingGenerator::Tables& t, const std::string& istat) {
  std::optional<std::string> cpi = reference::CompetentCpi(istat);
  return cpi.has_value() ? *cpi : t.cpis[rng.Weighted(t.cpi_cumulative)];
}

CefrLevel Level(Rng& rng, const Picker<CefrLevel>& levels) { return levels(rng); }

}  // namespace

CandidateProfile MatchingGenerator::Profile(int64_t i) const {
  const Tables& t = *tables_;
  Rng rng(Mix(seed_, 1, i));
  CandidateProfile p;
  p.person_id = absl::StrFormat("MP%08d", i);

  static const Picker<int> desired_count({{1, 55}, {2, 30}, {3, 15}});
  const int n = desired_count(rng);
  std::vector<std::size_t> units;
  for (int k = 0; k < n * 4 && static_cast<int>(units.size()) < n; ++k) {
    std::size_t u = PickUnit(rng, t);
    if (!units.empty() && !t.siblings[units.front()].empty() && rng.Chance(50)) {
      const auto& sib = t.siblings[units.front()];
      u = sib[static_cast<std::size_t>(rng.Int(0, static_cast<int>(sib.size()) - 1))];
    }
    if (std::find(units.begin(), units.end(), u) != units.end()) continue;
    units.push_back(u);
    matching::DesiredProfession d;
    d.profession_code = CodeOf(rng, t, u, 15);
    if (rng.Chance(35)) {
      d.contract_types.push_back(t.profile_contracts(rng));
      if (rng.Chance(40)) {
        std::string other = t.profile_contracts(rng);
        if (other != d.contract_types[0]) d.contract_types.push_back(std::move(other));
      }
    }
    if (rng.Chance(25)) {
      static const Picker<WorkingMode> modes(
          {{WorkingMode::kOnSite, 60}, {WorkingMode::kHybrid, 28}, {WorkingMode::kRemote, 12}});
      d.working_modes.push_back(modes(rng));
      if (rng.Chance(30) && d.working_modes[0] != WorkingMode::kHybrid) {
        d.working_modes.push_back(WorkingMode::kHybrid);
      }
    }
    p.desired_professions.push_back(std::move(d));
  }

  static const Picker<int> experience_count(
      {{0, 22}, {1, 28}, {2, 22}, {3, 14}, {4, 8}, {5, 4}, {6, 2}});
  for (int k = experience_count(rng); k > 0; --k) {
    matching::Experience e;
    const std::size_t u =
        rng.Chance(55)
            ? units[static_cast<std::size_t>(rng.Int(0, static_cast<int>(units.size()) - 1))]
            : PickUnit(rng, t);
    e.profession_code = CodeOf(rng, t, u, 20);
    e.employer_name = absl::StrFormat("Azienda %d", rng.Int(1, 50000));
    e.from = today_ - rng.Int(20, 7300);
    const double r = rng.Uniform();
    const absl::CivilDay to = e.from + static_cast<int>(30 + r * r * 2400);
    if (rng.Chance(10) || to >= today_) {
      if (rng.Chance(50)) e.to = today_ - 1 >= e.from ? today_ - 1 : e.from;
    } else {
      e.to = to;
    }
    p.experiences.push_back(std::move(e));
  }

  static const Picker<EducationLevel> education({{EducationLevel::kNone, 1},
                                                 {EducationLevel::kPrimary, 3},
                                                 {EducationLevel::kLowerSecondary, 33},
                                                 {EducationLevel::kVocationalSecondary, 11},
                                                 {EducationLevel::kUpperSecondary, 32},
                                                 {EducationLevel::kPostSecondary, 2},
                                                 {EducationLevel::kUniversityDiploma, 1},
                                                 {EducationLevel::kDegree, 13},
                                                 {EducationLevel::kPostGraduate, 3},
                                                 {EducationLevel::kDoctorate, 1}});
  p.education = education(rng);

  static const Picker<CefrLevel> learnt({{CefrLevel::kA1, 10},
                                         {CefrLevel::kA2, 25},
                                         {CefrLevel::kB1, 30},
                                         {CefrLevel::kB2, 22},
                                         {CefrLevel::kC1, 10},
                                         {CefrLevel::kC2, 3}});
  static const Picker<CefrLevel> native({{CefrLevel::kC1, 20}, {CefrLevel::kC2, 80}});
  if (rng.Chance(48)) p.languages.push_back({"en", Level(rng, learnt)});
  if (rng.Chance(16)) p.languages.push_back({"fr", Level(rng, learnt)});
  if (rng.Chance(8)) p.languages.push_back({"es", Level(rng, learnt)});
  if (rng.Chance(6)) p.languages.push_back({"de", Level(rng, learnt)});
  if (rng.Chance(5)) p.languages.push_back({"ro", Level(rng, native)});
  if (rng.Chance(4)) p.languages.push_back({"ar", Level(rng, native)});
  if (rng.Chance(2)) p.languages.push_back({"sq", Level(rng, native)});
  if (rng.Chance(1)) p.languages.push_back({"zh", Level(rng, native)});

  static const Picker<int> skill_count({{0, 30}, {1, 20}, {2, 20}, {3, 15}, {4, 10}, {5, 5}});
  for (int k = skill_count(rng), tries = 0; k > 0 && tries < 20; ++tries) {
    const std::string& s = t.skills(rng);
    if (std::find(p.it_skills.begin(), p.it_skills.end(), s) != p.it_skills.end()) continue;
    p.it_skills.push_back(s);
    --k;
  }

  if (rng.Chance(68)) p.driving_licences.push_back("B");
  if (rng.Chance(12)) p.driving_licences.push_back("A");
  if (rng.Chance(4)) p.driving_licences.push_back("AM");
  if (rng.Chance(6)) {
    p.driving_licences.push_back("C");
    if (rng.Chance(50)) p.driving_licences.push_back("CE");
    if (rng.Chance(15)) p.driving_licences.push_back("D");
    if (rng.Chance(70)) p.driving_licences.push_back("CQC");
  }
  if (rng.Chance(0.5)) p.driving_licences.push_back("KB");
  if (rng.Chance(4)) p.professional_registers.push_back(t.registers(rng));

  p.domicile_istat_code = Municipality(rng, t, 93);
  p.cpi_code = CpiOf(rng, t, p.domicile_istat_code);
  p.mobility_radius_km = t.radius(rng);
  static const Picker<Availability> availability({{Availability::kAvailable, 86},
                                                  {Availability::kNotAvailable, 5},
                                                  {Availability::kEmployed, 9}});
  p.availability = availability(rng);
  static const Picker<L68Category> l68(
      {{L68Category::kNone, 94.5}, {L68Category::kDisabled, 4.5}, {L68Category::kProtected, 1}});
  p.l68 = l68(rng);
  if (p.availability != Availability::kEmployed && rng.Chance(80)) {
    const int days = std::min(3650, static_cast<int>(-420 * std::log(1 - rng.Uniform())));
    p.unemployed_since = today_ - days;
  }
  static const Picker<Visibility> visibility({{Visibility::kVisibleToCompanies, 58},
                                              {Visibility::kAnonymous, 27},
                                              {Visibility::kCpiOnly, 15}});
  p.visibility = visibility(rng);
  if (rng.Chance(93)) p.validated_on = today_ - rng.Int(0, 420);
  return p;
}

matching::Vacancy MatchingGenerator::Vacancy(int64_t i) const {
  const Tables& t = *tables_;
  Rng rng(Mix(seed_, 2, i));
  matching::Vacancy v;
  v.id = absl::StrFormat("MV%06d", i);
  v.company_id = absl::StrFormat("MC%05d", (i * 7919) % 20000);
  v.profession_code = CodeOf(rng, t, PickUnit(rng, t), 20);
  v.contract_type = t.vacancy_contracts(rng);
  static const Picker<WorkingMode> modes(
      {{WorkingMode::kOnSite, 82}, {WorkingMode::kHybrid, 13}, {WorkingMode::kRemote, 5}});
  v.working_mode = modes(rng);
  v.workplace_istat_code = Municipality(rng, t, 97);
  v.cpi_code = CpiOf(rng, t, v.workplace_istat_code);
  v.area_radius_km = t.area(rng);
  if (rng.Chance(12)) v.required_licences = {"B"};
  if (rng.Chance(3)) v.required_licences = {"C", "CQC"};
  if (rng.Chance(1)) v.required_licences = {"CE", "CQC"};
  static const Picker<CefrLevel> asked(
      {{CefrLevel::kB1, 55}, {CefrLevel::kB2, 35}, {CefrLevel::kC1, 10}});
  if (rng.Chance(22)) v.languages.push_back({"en", asked(rng), rng.Chance(40)});
  if (rng.Chance(5)) v.languages.push_back({"fr", asked(rng), rng.Chance(40)});
  if (rng.Chance(3)) v.languages.push_back({"de", asked(rng), rng.Chance(40)});
  if (rng.Chance(2)) v.required_registers = {t.registers(rng)};
  for (int k = rng.Int(0, 3), tries = 0; k > 0 && tries < 20; ++tries) {
    const std::string& s = t.skills(rng);
    if (std::find(v.desired_skills.begin(), v.desired_skills.end(), s) != v.desired_skills.end()) {
      continue;
    }
    v.desired_skills.push_back(s);
    --k;
  }
  static const Picker<int> months({{0, 45}, {6, 14}, {12, 19}, {24, 14}, {36, 5}, {60, 3}});
  v.min_experience_months = months(rng);
  static const Picker<EducationLevel> education({{EducationLevel::kUnspecified, 40},
                                                 {EducationLevel::kLowerSecondary, 21},
                                                 {EducationLevel::kVocationalSecondary, 6},
                                                 {EducationLevel::kUpperSecondary, 24},
                                                 {EducationLevel::kDegree, 9}});
  v.min_education = education(rng);
  if (rng.Chance(3)) {
    v.l68_reservation = rng.Chance(80) ? L68Category::kDisabled : L68Category::kProtected;
  }
  v.positions = rng.Int(1, 3);
  v.positions_filled = 0;
  v.state = matching::VacancyState::kPublished;
  return v;
}

}  // namespace sisl::testing
