// The synthetic communication generator (tests/support/co_generator.h): determinism, the share
// of invalid records, coherent identifiers and codes, the mix of forms and events, the stream's
// relationships, speed, and its contract with the rule catalogue (valid records pass with no
// ERROR, every fault is refused).
#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/communications/domain/rules.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"
#include "services/reference/vat_number.h"
#include "tests/support/co_generator.h"

namespace sisl::communications {
namespace {

using ::sisl::communications::testing::CommunicationGenerator;
using ::sisl::communications::testing::ContextFor;
using ::sisl::communications::testing::ExpectedCounts;
using ::sisl::communications::testing::FaultNames;
using ::sisl::communications::testing::GeneratedRecord;
using ::sisl::communications::testing::GeneratorOptions;

constexpr absl::CivilDay kToday(2025, 3, 10);

GeneratorOptions Options(uint64_t seed, double invalid_share = 0.1) {
  GeneratorOptions o;
  o.seed = seed;
  o.invalid_share = invalid_share;
  o.today = kToday;
  return o;
}

std::vector<GeneratedRecord> Generate(const GeneratorOptions& options, int n) {
  CommunicationGenerator gen(options);
  std::vector<GeneratedRecord> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back(gen.Next());
  return out;
}

std::string Describe(const GeneratedRecord& r) {
  const Communication& c = r.communication;
  return absl::StrCat("#", r.index, " ", FormCode(c.form), "/", EventCode(c.event), " ",
                      c.contract.contract_type, " ", c.worker.fiscal_code, " employer ",
                      c.employer.fiscal_code, r.valid ? "" : " fault " + r.fault);
}

std::string Key(const GeneratedRecord& r) {
  const Communication& c = r.communication;
  return absl::StrCat(r.valid, r.fault, FormCode(c.form), EventCode(c.event), c.worker.fiscal_code,
                      c.worker.surname, c.employer.fiscal_code, c.employer.ateco,
                      absl::FormatCivilTime(c.contract.start), c.contract.contract_type,
                      c.contract.profession, c.contract.weekly_hours);
}

TEST(GeneratorTest, SameSeedSameStream) {
  const std::vector<GeneratedRecord> a = Generate(Options(42), 3000);
  const std::vector<GeneratedRecord> b = Generate(Options(42), 3000);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(Key(a[i]), Key(b[i])) << i;
  const std::vector<GeneratedRecord> c = Generate(Options(43), 100);
  int same = 0;
  for (size_t i = 0; i < c.size(); ++i) same += Key(a[i]) == Key(c[i]);
  EXPECT_LT(same, 5);
}

TEST(GeneratorTest, InvalidShareWithinTolerance) {
  const std::vector<GeneratedRecord> records = Generate(Options(7, 0.1), 10000);
  absl::flat_hash_set<std::string> faults;
  int invalid = 0;
  for (const GeneratedRecord& r : records) {
    if (r.valid) {
      EXPECT_EQ(r.fault, "") << Describe(r);
      continue;
    }
    ++invalid;
    EXPECT_NE(std::find(FaultNames().begin(), FaultNames().end(), r.fault), FaultNames().end())
        << Describe(r);
    faults.insert(r.fault);
  }
  EXPECT_NEAR(invalid, 1000, 120);
  EXPECT_EQ(faults.size(), FaultNames().size()) << "every fault shows up in 10,000 records";

  EXPECT_EQ(ExpectedCounts(Options(7, 0.1), 10000).refused, invalid);
  EXPECT_EQ(ExpectedCounts(Options(7, 0.0), 2000).refused, 0);
  EXPECT_EQ(ExpectedCounts(Options(7, 1.0), 2000).accepted, 0);
  const auto totals = ExpectedCounts(Options(8, 0.25), 4000);
  EXPECT_EQ(totals.accepted + totals.refused, 4000);
  int64_t by_fault = 0;
  for (const auto& [fault, n] : totals.by_fault) by_fault += n;
  EXPECT_EQ(by_fault, totals.refused);
}

TEST(GeneratorTest, ValidRecordsHaveCoherentIdentifiers) {
  absl::flat_hash_set<std::string> hired;
  for (const GeneratedRecord& r : Generate(Options(11), 10000)) {
    if (!r.valid) continue;
    const Communication& c = r.communication;
    const Worker& w = c.worker;
    const reference::FiscalCodePerson person{w.surname, w.name, w.sex, w.birth_date,
                                             w.birth_place_code};
    auto coherence = reference::CheckFiscalCodeCoherence(w.fiscal_code, person, kToday);
    ASSERT_TRUE(coherence.ok()) << Describe(r) << ": " << coherence.status();
    EXPECT_TRUE(coherence->coherent()) << Describe(r) << ": " << coherence->mismatches[0].reason;
    EXPECT_TRUE(
        reference::Municipalities::Default().BirthPlaceKnown(w.birth_place_code, w.birth_date))
        << Describe(r);
    EXPECT_TRUE(reference::ValidateVatNumber(c.employer.fiscal_code).ok()) << Describe(r);
    if (c.mission) {
      EXPECT_TRUE(reference::ValidateVatNumber(c.mission->user_fiscal_code).ok()) << Describe(r);
    }
    if (c.event == EventKind::kHire || c.event == EventKind::kMissionStart) {
      EXPECT_TRUE(hired.insert(w.fiscal_code).second) << "fiscal code reused: " << Describe(r);
    }
  }
}

TEST(GeneratorTest, ValidRecordsUseCodesInForce) {
  const auto& registry = reference::Municipalities::Default();
  for (const GeneratedRecord& r : Generate(Options(12), 10000)) {
    if (!r.valid) continue;
    const Communication& c = r.communication;
    const absl::CivilDay day = EventDate(c);
    const Contract& k = c.contract;
    EXPECT_TRUE(reference::AtecoInForce(day).IsValidOn(c.employer.ateco, day)) << Describe(r);
    EXPECT_TRUE(reference::Cp2011Professions().IsValidOn(k.profession, day)) << Describe(r);
    EXPECT_TRUE(reference::CoContractTypes().IsValidOn(k.contract_type, k.start)) << Describe(r);
    EXPECT_TRUE(reference::Ccnl().IsValidOn(k.ccnl, k.start)) << Describe(r);
    EXPECT_TRUE(reference::CoCitizenship().IsValidOn(c.worker.citizenship, day)) << Describe(r);
    EXPECT_TRUE(reference::CoEducationLevels().IsValidOn(c.worker.education_level, day));
    EXPECT_TRUE(reference::CoWorkingTime().IsValidOn(k.working_time, day)) << Describe(r);
    const reference::Municipality* workplace =
        registry.ByBelfiore(c.mission ? c.mission->workplace.municipality_code
                                      : c.employer.workplace.municipality_code);
    ASSERT_NE(workplace, nullptr) << Describe(r);
    EXPECT_EQ(workplace->region, reference::kPiedmont) << Describe(r);
    EXPECT_TRUE(workplace->current());
    if (c.termination) {
      EXPECT_TRUE(reference::CoTerminationCauses().IsValidOn(c.termination->cause, day));
    }
  }
}

TEST(GeneratorTest, ValidRecordsAreCoherent) {
  for (const GeneratedRecord& r : Generate(Options(13), 10000)) {
    if (!r.valid) continue;
    const Communication& c = r.communication;
    const Contract& k = c.contract;
    EXPECT_GE(k.start, kToday + 1) << Describe(r);
    if (k.end) {
      EXPECT_GT(*k.end, k.start) << Describe(r);
    }
    if (k.contract_type == "A.02.00" || k.contract_type == "A.02.01" ||
        k.contract_type == "C.01.00") {
      EXPECT_TRUE(k.end.has_value()) << Describe(r);
    }
    if (k.working_time == "P" || k.working_time == "V" || k.working_time == "M") {
      EXPECT_GT(k.weekly_hours, 0) << Describe(r);
      EXPECT_LT(k.weekly_hours, 40) << Describe(r);
    }
    const int age = reference::AgeOn(c.worker.birth_date, k.start);
    EXPECT_GE(age, 16) << Describe(r);
    EXPECT_LE(age, 66) << Describe(r);
    if (k.contract_type == "A.03.09") {
      EXPECT_GE(age, 18) << Describe(r);
      EXPECT_LE(age, 29) << Describe(r);
    }
    const bool free_movement = reference::IsFreeMovementCitizenship(c.worker.citizenship, k.start);
    EXPECT_EQ(c.worker.permit.has_value(), !free_movement) << Describe(r);
    if (c.worker.permit) {
      ASSERT_TRUE(c.worker.permit->expiry.has_value()) << Describe(r);
      EXPECT_GT(*c.worker.permit->expiry, EventDate(c)) << Describe(r);
    }
    if (c.extension) {
      EXPECT_GT(c.extension->new_end, *k.end) << Describe(r);
    }
    if (c.transformation) {
      EXPECT_GT(c.transformation->date, k.start) << Describe(r);
    }
    if (c.termination) {
      EXPECT_GE(c.termination->date, k.start) << Describe(r);
    }
  }
}

// Extensions, transformations and terminations act on a relationship an earlier valid UNILAV
// hire of the stream opened: same employer and worker, as a consumer filing in order has it.
TEST(GeneratorTest, EventsFollowTheirHireInTheStream) {
  const std::vector<GeneratedRecord> records = Generate(Options(14), 20000);
  absl::flat_hash_set<int64_t> closed;
  int events = 0;
  for (const GeneratedRecord& r : records) {
    const EventKind e = r.communication.event;
    const bool on_relationship = e == EventKind::kExtension || e == EventKind::kTransformation ||
                                 e == EventKind::kTermination;
    ASSERT_EQ(r.relationship.has_value(), on_relationship) << Describe(r);
    ASSERT_EQ(r.hire_index.has_value(), on_relationship) << Describe(r);
    if (!on_relationship) continue;
    ++events;
    ASSERT_LT(*r.hire_index, r.index);
    const GeneratedRecord& hire = records[*r.hire_index];
    EXPECT_TRUE(hire.valid) << Describe(r);
    EXPECT_EQ(hire.communication.form, Form::kUnilav);
    EXPECT_EQ(hire.communication.event, EventKind::kHire);
    EXPECT_EQ(hire.communication.contract.start, r.relationship->start);
    if (r.valid) {
      EXPECT_EQ(hire.communication.worker.fiscal_code, r.communication.worker.fiscal_code);
      EXPECT_EQ(hire.communication.employer.fiscal_code, r.communication.employer.fiscal_code);
    }
    EXPECT_FALSE(closed.contains(*r.hire_index)) << "event after the termination: " << Describe(r);
    if (r.valid && e == EventKind::kTermination) closed.insert(*r.hire_index);
  }
  EXPECT_GT(events, 5000);
}

TEST(GeneratorTest, RealisticMix) {
  constexpr int kN = 20000;
  std::map<std::string, int> forms, contracts;
  int italian = 0, non_eu = 0, part_time = 0, hires = 0;
  for (const GeneratedRecord& r : Generate(Options(15), kN)) {
    const Communication& c = r.communication;
    ++forms[absl::StrCat(FormCode(c.form), "/", EventCode(c.event))];
    if (c.event != EventKind::kHire && c.event != EventKind::kMissionStart) continue;
    ++hires;
    ++contracts[c.contract.contract_type];
    italian += c.worker.citizenship == "000";
    non_eu += !reference::IsFreeMovementCitizenship(c.worker.citizenship, c.contract.start);
    part_time += c.contract.working_time != "F" && c.contract.working_time != "N";
  }
  const auto share = [](int n, int of) { return 100.0 * n / of; };
  for (const auto& [k, n] : forms) std::printf("  %-24s %5.1f%%\n", k.c_str(), share(n, kN));
  EXPECT_NEAR(share(forms["UL/hire"], kN), 53, 5);
  EXPECT_NEAR(share(forms["UL/termination"], kN), 17, 3);
  EXPECT_NEAR(share(forms["UL/extension"], kN), 9, 3);
  EXPECT_NEAR(share(forms["UL/transformation"], kN), 7, 2);
  EXPECT_NEAR(share(forms["US/mission_start"], kN), 11, 2);
  EXPECT_NEAR(share(forms["UG/hire"], kN), 2, 1);
  EXPECT_EQ(forms.size(), 6u);

  EXPECT_NEAR(share(italian, hires), 74, 4);
  EXPECT_NEAR(share(non_eu, hires), 17, 3);
  EXPECT_NEAR(share(part_time, hires), 25, 5);
  EXPECT_GT(contracts["A.02.00"], contracts["A.01.00"]);
  EXPECT_GT(contracts["A.01.00"], contracts["A.03.09"]);
  for (const char* type : {"A.03.09", "A.05.02", "C.01.00", "A.02.01", "B.03.00", "A.03.08"}) {
    EXPECT_GT(contracts[type], 0) << type;
  }
}

TEST(GeneratorTest, OneHundredThousandRecordsQuickly) {
  const auto start = std::chrono::steady_clock::now();
  CommunicationGenerator gen(Options(16));
  int64_t valid = 0;
  for (int i = 0; i < 100000; ++i) valid += gen.Next().valid;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("  100,000 records in %.2f s (%lld valid)\n", seconds, static_cast<long long>(valid));
  EXPECT_LT(seconds, 5.0);
}

// The contract with the rule catalogue: no ERROR on a valid record, at least one on a faulty one;
// the warnings valid records get are listed (no deadline warning: nothing is late).
void CheckAgainstCatalogue(const GeneratorOptions& options, int n, bool print_warnings) {
  SCOPED_TRACE(
      absl::StrCat("seed ", options.seed, ", today ", absl::FormatCivilTime(options.today)));
  std::map<std::string, int> wrong_errors;  // rule -> valid records it refused
  std::map<std::string, int> warnings;      // rule -> valid records it warned
  std::map<std::string, std::string> example;
  std::map<std::string, int> missed;  // fault -> invalid records with no ERROR
  int valid = 0, invalid = 0;
  for (const GeneratedRecord& r : Generate(options, n)) {
    const std::vector<Finding> findings = Validate(r.communication, ContextFor(r, options.today));
    if (r.valid) {
      ++valid;
      for (const Finding& f : findings) {
        std::map<std::string, int>& tally =
            f.severity == Severity::kError ? wrong_errors : warnings;
        if (tally[f.rule]++ == 0) {
          example[f.rule] = absl::StrCat(Describe(r), ": ", f.field, ": ", f.message_en);
        }
        EXPECT_FALSE(absl::StartsWith(f.rule, "DLN-")) << Describe(r) << ": " << f.message_en;
      }
    } else {
      ++invalid;
      if (!HasErrors(findings) && missed[r.fault]++ == 0) example[r.fault] = Describe(r);
    }
  }
  for (const auto& [rule, count] : warnings) {
    if (!print_warnings) break;
    std::printf("  warning %s on %d of %d valid records, e.g. %s\n", rule.c_str(), count, valid,
                example[rule].c_str());
  }
  for (const auto& [rule, count] : wrong_errors) {
    ADD_FAILURE() << rule << " refused " << count << " of " << valid << " valid records, e.g. "
                  << example[rule];
  }
  for (const auto& [fault, count] : missed) {
    ADD_FAILURE() << "fault " << fault << ": " << count << " records with no ERROR, e.g. "
                  << example[fault];
  }
  EXPECT_GT(invalid, n * options.invalid_share * 0.8);
}

TEST(GeneratorTest, RuleCatalogueAcceptsValidAndRefusesFaultyRecords) {
  CheckAgainstCatalogue(Options(17, 0.2), 5000, /*print_warnings=*/true);
}

// Other filing days: across the ATECO editions (2024-12-20), a year end, a leap day.
TEST(GeneratorTest, RuleCatalogueContractHoldsOnOtherDays) {
  for (const absl::CivilDay today :
       {absl::CivilDay(2024, 12, 20), absl::CivilDay(2025, 12, 30), absl::CivilDay(2028, 2, 29)}) {
    GeneratorOptions options = Options(19, 0.2);
    options.today = today;
    CheckAgainstCatalogue(options, 3000, /*print_warnings=*/false);
  }
}

// Late records (late_share) are valid: accepted with a deadline warning, and only they get one.
TEST(GeneratorTest, LateRecordsGetADeadlineWarning) {
  GeneratorOptions options = Options(18, 0.1);
  options.late_share = 0.2;
  int late = 0;
  for (const GeneratedRecord& r : Generate(options, 3000)) {
    if (!r.valid) {
      EXPECT_FALSE(r.late);
      continue;
    }
    const std::vector<Finding> findings = Validate(r.communication, ContextFor(r, kToday));
    for (const Finding& f : findings) {
      EXPECT_NE(f.severity, Severity::kError)
          << Describe(r) << ": " << f.rule << " " << f.message_en;
    }
    const bool deadline_warning =
        std::any_of(findings.begin(), findings.end(),
                    [](const Finding& f) { return absl::StartsWith(f.rule, "DLN-"); });
    EXPECT_EQ(deadline_warning, r.late) << Describe(r);
    if (r.late) {
      ++late;
      EXPECT_LT(r.communication.contract.start, kToday) << Describe(r);
    }
  }
  EXPECT_NEAR(late, 0.2 * 0.9 * 0.65 * 3000, 80);  // starts are ~65% of the records
  // A late share of 0 draws nothing: the default stream is unchanged.
  GeneratorOptions zero = Options(18, 0.1);
  zero.late_share = 0;
  const std::vector<GeneratedRecord> a = Generate(zero, 200);
  const std::vector<GeneratedRecord> b = Generate(Options(18, 0.1), 200);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(Key(a[i]), Key(b[i])) << i;
}

}  // namespace
}  // namespace sisl::communications
