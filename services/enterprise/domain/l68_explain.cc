// Explanation steps and the apportionment of national figures to provinces.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/domain/l68_internal.h"

namespace sisl::enterprise::l68 {

L68Value Num(std::string name, int64_t value) { return {std::move(name), absl::StrCat(value)}; }

L68Value Num(std::string name, const Fraction& value) {
  return {std::move(name), value.ToString()};
}

L68Value Text(std::string name, std::string value) { return {std::move(name), std::move(value)}; }

L68Step MakeStep(std::string code, std::string text_it, std::string text_en,
                 std::vector<L68Value> values) {
  return {std::move(code), std::move(text_it), std::move(text_en), std::move(values)};
}

void AddRounding(L68Figure& figure, const Fraction& exact, int64_t rounded) {
  if (exact.is_integer()) return;
  const std::string x = exact.ToString();
  const std::string r = absl::StrCat(rounded);
  const bool up = exact.FractionAboveHalf();
  figure.steps.push_back(MakeStep(
      "ROUNDING",
      up ? absl::StrCat("Arrotondamento: la parte decimale di ", x,
                        " supera 0,50, quindi si arrotonda per eccesso a ", r, ".")
         : absl::StrCat("Arrotondamento: la parte decimale di ", x,
                        " non supera 0,50, quindi si arrotonda per difetto a ", r, "."),
      up ? absl::StrCat("Rounding: the fraction of ", x, " is above 0.50, so it rounds up to ", r,
                        ".")
         : absl::StrCat("Rounding: the fraction of ", x,
                        " is not above 0.50, so it rounds down to ", r, "."),
      {Num("exact", exact), Num("rounded", rounded), Text("rule", "fraction > 0.50 rounds up")}));
}

void AddApportioned(L68Figure& figure, int adjustment, int64_t national) {
  if (adjustment == 0) return;
  const std::string a = absl::StrCat(adjustment > 0 ? "+" : "", adjustment);
  figure.steps.push_back(MakeStep(
      "APPORTIONED",
      absl::StrCat("Ripartizione tra le province: ", a,
                   " rispetto all'arrotondamento provinciale, perché le province sommino il "
                   "valore nazionale (",
                   national, ")."),
      absl::StrCat("Apportionment among provinces: ", a,
                   " against the provincial rounding, so the provinces add up to the national "
                   "figure (",
                   national, ")."),
      {Num("adjustment", adjustment), Num("national", national)}));
}

L68Figure NationalSum(const Work& w, const L68Figure L68Figures::*pick, const std::string& what_it,
                      const std::string& what_en) {
  L68Figure f;
  std::vector<std::string> terms;
  std::vector<L68Value> values;
  for (const L68ProvinceResult& p : w.out.provinces) {
    const int64_t v = (p.figures.*pick).value;
    f.value += v;
    terms.push_back(absl::StrCat(p.province, " ", v));
    values.push_back(Num(p.province, v));
  }
  values.push_back(Num("total", f.value));
  const std::string sum = absl::StrJoin(terms, " + ");
  f.steps.push_back(MakeStep(
      "NATIONAL_SUM", absl::StrCat(what_it, ": somma delle province, ", sum, " = ", f.value, "."),
      absl::StrCat(what_en, ": sum of the provinces, ", sum, " = ", f.value, "."),
      std::move(values)));
  return f;
}

void AppendSteps(L68Figure& to, const L68Figure& from) {
  to.steps.insert(to.steps.end(), from.steps.begin(), from.steps.end());
}

Apportionment Apportion(const std::vector<Fraction>& exact, int64_t total, size_t first) {
  const size_t n = exact.size();
  Apportionment a{std::vector<int64_t>(n, 0), std::vector<int>(n, 0)};
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    a.shares[i] = exact[i].RoundAboveHalf();
    sum += a.shares[i];
  }
  // Province order with the registered office first; removing walks candidates in reverse rank.
  auto rank = [first](size_t i) { return i == first ? size_t{0} : i + 1; };
  std::vector<size_t> candidates;
  if (sum > total) {
    for (size_t i = 0; i < n; ++i) {
      if (exact[i].FractionAboveHalf()) candidates.push_back(i);
    }
    // Smallest fraction first (closest to 0.50, the least distortion); the office last on ties.
    std::sort(candidates.begin(), candidates.end(), [&](size_t x, size_t y) {
      const Fraction fx = exact[x].FractionalPart();
      const Fraction fy = exact[y].FractionalPart();
      if (!(fx == fy)) return fx < fy;
      return rank(x) > rank(y);
    });
    for (size_t i : candidates) {
      if (sum == total) break;
      --a.shares[i];
      a.adjustments[i] = -1;
      --sum;
    }
  } else if (sum < total) {
    for (size_t i = 0; i < n; ++i) {
      if (!exact[i].is_integer() && !exact[i].FractionAboveHalf()) candidates.push_back(i);
    }
    // Largest fraction first; the office first on ties.
    std::sort(candidates.begin(), candidates.end(), [&](size_t x, size_t y) {
      const Fraction fx = exact[x].FractionalPart();
      const Fraction fy = exact[y].FractionalPart();
      if (!(fx == fy)) return fy < fx;
      return rank(x) < rank(y);
    });
    for (size_t i : candidates) {
      if (sum == total) break;
      ++a.shares[i];
      a.adjustments[i] = +1;
      ++sum;
    }
  }
  return a;
}

}  // namespace sisl::enterprise::l68
