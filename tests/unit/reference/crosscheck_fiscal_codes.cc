// Cross-check of services/reference's fiscal codes against PyPI python-codicefiscale, an
// independent implementation. scripts/reference-data/crosscheck_fiscal_codes.py writes the cases
// with its verdicts; crosscheck_fiscal_codes.sh runs it and then this binary with
// SISL_FISCAL_CODE_CASES pointing at the file. Every case must agree, except the documented
// differences below, which are asserted case by case rather than skipped.
//
// Documented differences, each asserted on the cases where it shows:
//  1. Century of this year's digits (the "century" cases). python-codicefiscale gives a
//     two-digit year the current century unless the year would be after the current year, so a
//     code with this year's digits and a day still to come decodes to a birth in the future;
//     ours takes the previous century for any date after today (BirthDateFromFiscalCode). Both
//     accept the code; our date is theirs less 100 years.
//  2. Century chosen by the birth place (corrupt cases only). When the birth place did not
//     exist on the date of the first century it tries, python-codicefiscale tries the previous
//     century; ours keeps the date-only rule, so the code is not valid for us (its place was
//     not in force on our date). Asserted: their date is ours less 100 years and the place was
//     in force on their date, or their date is before the place's first period: the package
//     also accepts a birth before the creation of its birth place (for codes assigned before
//     the municipality's date in its data), which ours does not.
//  3. Expired birth places (corrupt cases only). For a code with several periods in its data
//     (the package splits a municipality's life at every boundary change; our data joins
//     consecutive periods with the same name and province), python-codicefiscale's fallback
//     accepts a birth date after the municipality ceased to exist: it returns the next period
//     when the date is after one period's end, without checking the next period's end. Ours
//     requires the place to be in force on the birth date. Asserted: same decoded date, after
//     the end of the code's latest period.
// Nothing else may differ, and person and omocode cases may not differ at all.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"

namespace sisl::reference {
namespace {

struct Case {
  std::string kind, code, py_valid, py_sex, py_birth_date, py_place;
  std::string surname, name, sex, birth_date, place, py_encoded;
};

absl::CivilDay Day(const std::string& text) {
  absl::CivilDay day;
  EXPECT_TRUE(absl::ParseCivilTime(text, &day)) << text;
  return day;
}

std::string Iso(absl::CivilDay day) { return absl::FormatCivilTime(day); }

class Checker {
 public:
  explicit Checker(absl::CivilDay today) : today_(today) {}

  // Our verdict in python-codicefiscale's terms: the code is valid and its birth place was a
  // municipality or country on its birth date.
  void Check(const Case& c) {
    ++counts_[c.kind];
    const std::string code = NormalizeFiscalCode(c.code);
    absl::StatusOr<DecodedFiscalCode> d = DecodeFiscalCode(code, today_);
    const bool valid =
        d.ok() && Municipalities::Default().BirthPlaceKnown(d->birth_place_code, d->birth_date);
    if (c.kind == "century") {
      const bool documented = valid && c.py_valid == "1" && Day(c.py_birth_date) > today_ &&
                              d->birth_date <= today_ &&
                              Iso(d->birth_date).substr(4) == c.py_birth_date.substr(4) &&
                              d->birth_date.year() + 100 == Day(c.py_birth_date).year();
      if (documented) {
        ++documented_century_;
      } else {
        Disagree(c, "the century rule differs other than as documented");
      }
      return;
    }
    if (!valid && c.py_valid == "1" && d.ok() && c.kind == "corrupt" && Documented(c, *d)) return;
    if (valid != (c.py_valid == "1")) {
      Disagree(c, absl::StrCat("valid: ours ", valid, ", python ", c.py_valid,
                               d.ok() ? "" : absl::StrCat(" (", d.status().message(), ")")));
      return;
    }
    if (valid) {
      const std::string sex = d->sex == Sex::kFemale ? "F" : "M";
      if (sex != c.py_sex) Disagree(c, "sex " + sex + " vs " + c.py_sex);
      if (Iso(d->birth_date) != c.py_birth_date) {
        Disagree(c, "birth date " + Iso(d->birth_date) + " vs " + c.py_birth_date);
      }
      if (d->birth_place_code != c.py_place) {
        Disagree(c, "birth place " + d->birth_place_code + " vs " + c.py_place);
      }
    }
    if (c.kind == "person") CheckPerson(c);
  }

  int total() const {
    int n = 0;
    for (const auto& [kind, count] : counts_) n += count;
    return n;
  }
  const std::map<std::string, int>& counts() const { return counts_; }
  int documented_century() const { return documented_century_; }
  int documented_place_century() const { return documented_place_century_; }
  int documented_place_century_before() const { return documented_place_century_before_; }
  int documented_expired_place() const { return documented_expired_place_; }
  const std::vector<std::string>& disagreements() const { return disagreements_; }

 private:
  // Differences 2 and 3 above: python-codicefiscale accepts a code whose birth place was not in
  // force on our birth date.
  bool Documented(const Case& c, const DecodedFiscalCode& d) {
    const Municipalities& registry = Municipalities::Default();
    if (registry.BirthPlaceKnown(d.birth_place_code, d.birth_date) ||
        c.py_place != d.birth_place_code) {
      return false;
    }
    const absl::CivilDay theirs = Day(c.py_birth_date);
    if (theirs.year() + 100 == d.birth_date.year() && theirs.month() == d.birth_date.month() &&
        theirs.day() == d.birth_date.day()) {
      if (registry.BirthPlaceKnown(d.birth_place_code, theirs)) {
        ++documented_place_century_;
        return true;
      }
      for (const Municipality& m : registry.all()) {  // the first period of the code
        if (m.belfiore_code != d.birth_place_code) continue;
        if (theirs >= m.valid_from) return false;
        ++documented_place_century_before_;
        return true;
      }
    }
    const Municipality* latest = registry.ByBelfiore(d.birth_place_code);
    if (theirs == d.birth_date && latest != nullptr && latest->valid_to.has_value() &&
        *latest->valid_to < d.birth_date) {
      ++documented_expired_place_;
      return true;
    }
    return false;
  }

  void CheckPerson(const Case& c) {
    const FiscalCodePerson person{.surname = c.surname,
                                  .name = c.name,
                                  .sex = c.sex == "F" ? Sex::kFemale : Sex::kMale,
                                  .birth_date = Day(c.birth_date),
                                  .birth_place_code = c.place};
    absl::StatusOr<std::string> encoded = EncodeFiscalCode(person);
    if (!encoded.ok() || *encoded != c.py_encoded) {
      Disagree(c, absl::StrCat("encoded ", encoded.ok() ? *encoded : encoded.status().ToString(),
                               " vs ", c.py_encoded, " for ", c.surname, " / ", c.name));
    }
    absl::StatusOr<FiscalCodeCoherence> coherence =
        CheckFiscalCodeCoherence(c.py_encoded, person, today_);
    if (!coherence.ok() || !coherence->coherent()) Disagree(c, "not coherent with its person");
  }

  void Disagree(const Case& c, const std::string& what) {
    disagreements_.push_back(c.kind + " " + c.code + ": " + what);
  }

  absl::CivilDay today_;
  std::map<std::string, int> counts_;
  int documented_century_ = 0;
  int documented_place_century_ = 0;
  int documented_place_century_before_ = 0;
  int documented_expired_place_ = 0;
  std::vector<std::string> disagreements_;
};

TEST(FiscalCodeCrossCheckTest, AgreesWithPythonCodicefiscaleOnEveryCase) {
  const char* path = std::getenv("SISL_FISCAL_CODE_CASES");
  ASSERT_NE(path, nullptr) << "run through tests/unit/reference/crosscheck_fiscal_codes.sh";
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << path;
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  ASSERT_EQ(line.rfind("# today=", 0), 0u) << line;
  Checker checker(Day(line.substr(8, 10)));
  ASSERT_TRUE(std::getline(in, line));  // column names
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    ASSERT_EQ(f.size(), 12u) << line;
    checker.Check({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]});
  }
  std::cout << "fiscal-code cross-check: " << checker.total() << " cases";
  for (const auto& [kind, count] : checker.counts()) std::cout << ", " << kind << " " << count;
  std::cout << "; documented differences: century of this year " << checker.documented_century()
            << ", century by birth place " << checker.documented_place_century() << " (+"
            << checker.documented_place_century_before() << " born before the place existed)"
            << ", expired birth place " << checker.documented_expired_place() << "; disagreements "
            << checker.disagreements().size() << "\n";
  EXPECT_GE(checker.total(), 10000);
  EXPECT_GT(checker.documented_century(), 0);
  for (size_t i = 0; i < checker.disagreements().size() && i < 20; ++i) {
    ADD_FAILURE() << checker.disagreements()[i];
  }
  EXPECT_TRUE(checker.disagreements().empty()) << checker.disagreements().size() << " in all";
}

}  // namespace
}  // namespace sisl::reference
