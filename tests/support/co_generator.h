// A generator of realistic synthetic mandatory communications (DOMAIN.md §6, §11) for tests,
// benchmarks and fault tests: a deterministic stream of UNILAV, UNISOMM and UNIURG filings of
// Piedmont employers, a share of them made invalid on purpose with one named fault each.
//
//   CommunicationGenerator gen({.seed = 7, .invalid_share = 0.1,
//                               .today = absl::CivilDay(2025, 3, 10)});
//   for (int i = 0; i < 100000; ++i) {
//     GeneratedRecord r = gen.Next();  // r.valid: accept expected; else r.fault names why not
//   }
//
// The stream, every record filed on `today` (nothing is late unless `late_share` asks):
//   - UNILAV hires (about 52%), starting between today+1 and today+45 (on time: the deadline is
//     the day before the start), fixed-term (A.02.00, A.02.01), open-ended (A.01.00),
//     apprenticeship (A.03.09 aged 18-29, a few A.03.08 aged 16-24, with the training end),
//     intermittent (A.05.02, aged 18-24 or 56-66, working time N), traineeship (C.01.00, 3-12
//     months, CCNL "ND") and collaboration (B.03.00) contracts; ~28% part-time with hours;
//   - UNILAV terminations (~18%), extensions (~10%: fixed-term only, at most 4, within 24 months)
//     and transformations (~7%: fixed-term to open-ended "DI", full- to part-time "TP", part- to
//     full-time "PP"). EACH IS EMITTED ONLY AFTER THE VALID UNILAV HIRE OF THE SAME WORKER BY THE
//     SAME EMPLOYER, EARLIER IN THE SAME STREAM (`hire_index`), with the contract as hired and as
//     changed by the stream's earlier valid events, never after its termination: a consumer that
//     files the records in order has the relationship in its store. `relationship` gives the
//     facts the store knows before the filing, to validate a record alone (ContextFor). Their
//     dates follow the start, so they too are in the future (filed ahead of the event), within a
//     year of `today`. The first records of a stream are hires until 32 relationships are open,
//     so the shares hold over long streams (thousands of records);
//   - UNISOMM mission starts (~11%): an agency (employer and `agency`) hires a worker (A.02.00
//     ending with the mission, or A.01.00 staff leasing) for a mission at a user company of the
//     population; no later event acts on them;
//   - UNIURG urgent hires (~2%, A.* contracts only), full data and a reason; no UNILAV follows
//     them in the stream and no later event acts on them.
// People: Italian (~74%), EU (~9%, mostly Romanian) and non-EU citizens (~17%, with a residence
// permit valid on the event day), names from per-origin lists (particles, apostrophes, accents),
// birth place a municipality in existence on the birth day (Piedmont, else Italy, by population)
// or the Z code of the country of citizenship (some young foreigners born in Piedmont), fiscal
// code from reference::EncodeFiscalCode, never reused within a stream (nor VAT numbers).
// Employers: 3,000 per stream (150 large ones drawn more often, ~1.5% public administrations,
// Piedmont workplaces with postcodes, valid VAT numbers with the province's office code, ATECO
// of the edition in force on the event day, a CCNL of their sector), six agencies.
//
// Invalid records (`invalid_share` of them, drawn per record): a record of the same mix with one
// fault from FaultNames() that fits its form and event, named in `fault`; every fault makes the
// rule catalogue report at least one ERROR (generator_test checks it). UNIURG, a short form, gets
// no fault on birth data, permit or age; UNISOMM no minimum-age fault (WRK-012 checks UNILAV
// hires only). An invalid record never changes the stream's relationships (the store refuses it).
//
// One generator is not thread-safe; the reference tables it draws from are shared and built once.
#ifndef SISL_TESTS_SUPPORT_CO_GENERATOR_H_
#define SISL_TESTS_SUPPORT_CO_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"

namespace sisl::communications::testing {
namespace internal {
struct State;
}  // namespace internal

struct GeneratorOptions {
  uint64_t seed = 1;
  double invalid_share = 0.1;  // 0..1
  // The filing day of every record: hires start after it, so nothing is late.
  absl::CivilDay today = absl::CivilDay(2025, 3, 10);
  // Share of the valid hires and mission starts filed late on purpose (`late`): they started
  // 62 to 90 days before `today`, past every deadline, so the catalogue accepts them with a
  // DLN warning. No later event of the stream acts on them. 0 draws nothing (same stream).
  double late_share = 0;
};

struct GeneratedRecord {
  Communication communication;
  bool valid = true;
  std::string fault;  // "" when valid, else one of FaultNames()
  bool late = false;  // valid, filed after its deadline (GeneratorOptions::late_share)
  // Extensions, transformations and terminations: the relationship as the store knows it before
  // this filing (opened by the hire `hire_index` of the stream). nullopt for hires and missions.
  std::optional<RelationshipFacts> relationship;
  std::optional<int64_t> hire_index;  // the stream position of that hire
  int64_t index = 0;                  // this record's position in the stream, from 0
};

// The names of the faults an invalid record may carry, sorted.
const std::vector<absl::string_view>& FaultNames();

// The rule context a record is validated in: `today` and the record's relationship.
RuleContext ContextFor(const GeneratedRecord& record, absl::CivilDay today);

class CommunicationGenerator final {
 public:
  explicit CommunicationGenerator(const GeneratorOptions& options);
  ~CommunicationGenerator();
  CommunicationGenerator(const CommunicationGenerator&) = delete;
  CommunicationGenerator& operator=(const CommunicationGenerator&) = delete;

  // The next record of the stream: the same sequence for the same options.
  GeneratedRecord Next();

  const GeneratorOptions& options() const { return options_; }

 private:
  GeneratorOptions options_;
  std::unique_ptr<internal::State> state_;
};

// What a consumer filing the first `n` records of a stream in order should accept and refuse:
// the records' `valid` flags, counted (the generator is run: ~3 µs a record).
struct ExpectedTotals {
  int64_t accepted = 0;
  int64_t refused = 0;
  absl::flat_hash_map<std::string, int64_t> by_fault;
};
ExpectedTotals ExpectedCounts(const GeneratorOptions& options, int64_t n);

}  // namespace sisl::communications::testing

#endif  // SISL_TESTS_SUPPORT_CO_GENERATOR_H_
