// Internals of the communication generator (co_generator.h): the random source, the tables it
// draws from (built once per process from services/reference) and the per-stream state shared
// by co_generator.cc (valid records) and co_generator_faults.cc (the faults).
#ifndef SISL_TESTS_SUPPORT_CO_GENERATOR_INTERNAL_H_
#define SISL_TESTS_SUPPORT_CO_GENERATOR_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"
#include "services/reference/municipalities.h"
#include "tests/support/co_generator.h"

namespace sisl::communications::testing::internal {

// SplitMix64: tiny, fast and the same on every platform (the standard distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  bool Chance(double p) { return Unit() < p; }
  int Uniform(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  size_t Index(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Index(v.size())];
  }
  // An index drawn by weight, given the running sums of the weights.
  size_t Weighted(const std::vector<double>& cumulative);

 private:
  uint64_t state_;
};

std::vector<double> Cumulative(const std::vector<double>& weights);

// `day` plus `months` calendar months, the day clamped to the month's end; the last day of a
// period of `months` months from `start`.
absl::CivilDay AddMonths(absl::CivilDay day, int months);
absl::CivilDay PeriodEnd(absl::CivilDay start, int months);

struct NameList {
  std::vector<absl::string_view> surnames;
  std::vector<absl::string_view> male;
  std::vector<absl::string_view> female;
};

struct Country {
  absl::string_view citizenship;  // CO code, "000" Italian
  absl::string_view z_code;       // Belfiore code of the country; "" for Italy
  size_t names;                   // index in Tables::names
  double weight;                  // share of workers, percent
};

// A place with a postcode (current municipalities only).
struct Place {
  const reference::Municipality* municipality = nullptr;
  std::string postcode;
};

// The name lists (index 0: Italian) and the citizenships (co_generator_names.cc).
std::vector<NameList> BuildNames();
std::vector<Country> BuildCountries();

struct Tables {
  const reference::Municipalities* registry = nullptr;
  std::vector<Place> piedmont;                        // every current Piedmont municipality
  std::vector<double> piedmont_cum;                   // by population
  std::vector<const reference::Municipality*> italy;  // current ones, for birth places
  std::vector<double> italy_cum;
  std::vector<Place> other_offices;         // registered offices outside Piedmont (Milano, Roma...)
  std::vector<std::string> police_offices;  // Belfiore codes of Piedmont's province towns
  std::vector<NameList> names;
  std::vector<Country> countries;
  std::vector<double> country_cum;
  std::vector<size_t> non_eu;  // indexes of countries whose citizens need a permit
  // ATECO subcategories (level 6) by section letter: [0] 2007, [1] 2025.
  std::array<absl::flat_hash_map<char, std::vector<std::string>>, 2> ateco;
  std::vector<char> sections;  // employers' sections, with weights
  std::vector<double> section_cum;
  absl::flat_hash_map<char, std::vector<std::string>> ccnl_by_section;
  std::array<std::vector<std::string>, 10> professions;  // CP2011 level 6 by major group
  std::vector<double> profession_group_cum;              // over groups 0..9
  std::vector<absl::string_view> streets;
  absl::flat_hash_map<char, std::vector<absl::string_view>> words_by_section;  // company names
  std::vector<absl::string_view> place_words;
  std::vector<absl::string_view> urgency_reasons;
  // Codes that exist in no list, for the faults (checked when the tables are built).
  std::string unknown_municipality;
  std::string unknown_ateco;
  std::string unknown_profession;
};

// Built on first use (thread-safe), shared by every generator.
const Tables& GetTables();

// A company of the stream's population.
struct EmployerProfile {
  Employer employer;  // `ateco` set per record from the two editions below
  std::string ateco2007;
  std::string ateco2025;
  char section = 'C';
  std::string ccnl;
  std::string inail_pat;
  std::optional<Agency> agency;  // temporary-work agencies only
};

// The relationship opened by a valid hire of the stream, as later valid events changed it.
struct OpenRelationship {
  Communication hire;  // contract as it stands now
  RelationshipFacts facts;
  int64_t hire_index = 0;
  size_t employer = 0;  // index in State::employers
};

enum class Kind { kHire, kTermination, kExtension, kTransformation, kMission, kUrgentHire };

// What a hire must look like (the faults ask for particular workers and contracts).
struct HireSpec {
  std::optional<std::string> contract_type;
  std::optional<int> min_age;  // with max_age: the worker's age on the start day
  std::optional<int> max_age;
  bool non_eu = false;
  std::optional<absl::CivilDay> start;  // default: a day after the filing day
};

struct State {
  explicit State(const GeneratorOptions& options);

  // Valid records (co_generator.cc).
  // The employer of the last MakeHire.
  Communication MakeHire(Form form, const HireSpec& spec, size_t* employer = nullptr);
  Communication MakeMission(const HireSpec& spec);
  // The events on an open relationship: false when no relationship fits.
  bool MakeExtension(size_t rel, Communication& c);
  bool MakeTransformation(size_t rel, Communication& c);
  void MakeTermination(size_t rel, Communication& c);
  std::optional<size_t> FindRelationship(Kind kind);
  Worker MakeWorker(absl::CivilDay start, int min_age, int max_age, bool non_eu);
  void FillContract(Contract& contract, const EmployerProfile& employer, absl::CivilDay start,
                    const std::string& type, const Worker& worker);
  std::string Profession(absl::CivilDay day);
  size_t PickEmployer(bool private_only);
  std::string PickContractType(const EmployerProfile& e);
  int PickAge(int min_age, int max_age);
  Communication EventBase(const OpenRelationship& rel, EventKind event, absl::CivilDay day);
  void Commit(size_t rel, const Communication& c);
  // The last day an event may fall on: a year after the filing day (GEN-007).
  absl::CivilDay Limit() const { return AddMonths(options.today, 12); }
  std::string AtecoOn(const EmployerProfile& e, absl::CivilDay day) const;
  Address RandomAddress(const Place& place);
  std::optional<Permit> PermitFor(const Worker& w, absl::CivilDay start);

  // Faults (co_generator_faults.cc): makes `record` invalid with a fault that fits `kind`.
  void ApplyFault(Kind kind, GeneratedRecord& record);

  GeneratorOptions options;
  Rng rng;
  const Tables& tables;
  std::vector<EmployerProfile> employers;
  std::vector<double> employer_cum;
  std::vector<EmployerProfile> agencies;
  std::vector<OpenRelationship> open;
  absl::flat_hash_set<std::string> used_fiscal_codes;
  int64_t index = 0;
  int64_t contract_serial = 0;
};

}  // namespace sisl::communications::testing::internal

#endif  // SISL_TESTS_SUPPORT_CO_GENERATOR_INTERNAL_H_
