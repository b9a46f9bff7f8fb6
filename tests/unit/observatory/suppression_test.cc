// Statistical disclosure control of published tables: primary and secondary suppression, with
// the protection checked by exact linear algebra independently of the bridge logic.

#include "services/observatory/domain/suppression.h"

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace sisl::observatory {
namespace {

using Grid = std::vector<std::vector<int64_t>>;

// One published or suppressed value of a table: a cell, a total or the grand total.
struct Value {
  int64_t actual = 0;
  bool suppressed = false;
};

// Every value of `table` with its suppression flag, and the additive relations between them as
// lists of (coefficient, value index).
struct Relations {
  std::vector<Value> values;
  std::vector<std::vector<std::pair<int64_t, size_t>>> equations;
};

Relations BuildRelations(const Table& table, const SuppressionMask& mask) {
  Relations r;
  const size_t rows = table.values.size();
  const size_t cols = table.column_totals.size();
  auto add = [&r](int64_t v, bool s) {
    r.values.push_back({v, s});
    return r.values.size() - 1;
  };
  std::vector<std::vector<size_t>> cell(rows, std::vector<size_t>(cols));
  std::vector<size_t> row_total(rows), column_total(cols);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) cell[i][j] = add(table.values[i][j], mask.cells[i][j]);
    row_total[i] = add(table.row_totals[i], mask.row_totals[i]);
  }
  for (size_t j = 0; j < cols; ++j)
    column_total[j] = add(table.column_totals[j], mask.column_totals[j]);
  const size_t grand = add(table.grand_total, mask.grand_total);
  for (size_t i = 0; i < rows; ++i) {
    r.equations.push_back({{-1, row_total[i]}});
    for (size_t j = 0; j < cols; ++j) r.equations.back().push_back({1, cell[i][j]});
  }
  for (size_t j = 0; j < cols; ++j) {
    r.equations.push_back({{-1, column_total[j]}});
    for (size_t i = 0; i < rows; ++i) r.equations.back().push_back({1, cell[i][j]});
  }
  r.equations.push_back({{-1, grand}});
  for (size_t i = 0; i < rows; ++i) r.equations.back().push_back({1, row_total[i]});
  r.equations.push_back({{-1, grand}});
  for (size_t j = 0; j < cols; ++j) r.equations.back().push_back({1, column_total[j]});
  return r;
}

// A row space over GF(p). The constraint matrix, with or without an extra unit row, is totally
// unimodular (a bipartite incidence matrix up to signs), so its minors are 0 or +-1 and its rank
// over GF(p) equals its rank over the rationals.
class RowSpace final {
 public:
  static constexpr int64_t kPrime = 2147483647;  // 2^31 - 1: products fit in int64

  explicit RowSpace(size_t columns) : columns_(columns) {}

  void Add(std::vector<int64_t> row) {
    for (size_t b = 0; b < basis_.size(); ++b) {
      const int64_t factor = row[pivots_[b]];
      for (size_t c = 0; factor != 0 && c < columns_; ++c) {
        row[c] = ((row[c] - factor * basis_[b][c]) % kPrime + kPrime) % kPrime;
      }
    }
    for (size_t c = 0; c < columns_; ++c) {
      if (row[c] == 0) continue;
      const int64_t inverse = Power(row[c], kPrime - 2);
      for (int64_t& x : row) x = x * inverse % kPrime;
      basis_.push_back(std::move(row));
      pivots_.push_back(c);
      return;
    }
  }
  size_t rank() const { return basis_.size(); }

 private:
  static int64_t Power(int64_t base, int64_t exp) {
    int64_t result = 1;
    for (base %= kPrime; exp > 0; exp >>= 1, base = base * base % kPrime) {
      if (exp & 1) result = result * base % kPrime;
    }
    return result;
  }

  size_t columns_;
  std::vector<std::vector<int64_t>> basis_;  // basis_[b][pivots_[b]] == 1
  std::vector<size_t> pivots_;
};

// The number of suppressed values that the published ones determine exactly: x_k is determined
// iff rank(A) == rank([A; e_k]), A the relations restricted to the suppressed unknowns. Also
// checks that the actual hidden values solve the system with the published values moved to the
// right-hand side, i.e. that the relations were modelled right.
int DeterminedCount(const Table& table, const SuppressionMask& mask) {
  const Relations r = BuildRelations(table, mask);
  std::vector<size_t> unknown(r.values.size(), r.values.size());
  size_t unknowns = 0;
  for (size_t v = 0; v < r.values.size(); ++v) {
    if (r.values[v].suppressed) unknown[v] = unknowns++;
  }
  RowSpace space(unknowns);
  for (const auto& equation : r.equations) {
    std::vector<int64_t> row(unknowns, 0);
    int64_t rhs = 0, lhs = 0;
    for (auto [coefficient, v] : equation) {
      if (r.values[v].suppressed) {
        row[unknown[v]] = (coefficient + RowSpace::kPrime) % RowSpace::kPrime;
        lhs += coefficient * r.values[v].actual;
      } else {
        rhs -= coefficient * r.values[v].actual;
      }
    }
    EXPECT_EQ(lhs, rhs) << "a relation the table does not satisfy";
    space.Add(std::move(row));
  }
  int determined = 0;
  for (size_t k = 0; k < unknowns; ++k) {
    RowSpace with = space;
    std::vector<int64_t> unit(unknowns, 0);
    unit[k] = 1;
    with.Add(std::move(unit));
    if (with.rank() == space.rank()) ++determined;
  }
  return determined;
}

// Mask with only the listed cells set, shaped like `table`.
SuppressionMask CellMask(const Table& table, std::vector<std::pair<size_t, size_t>> cells) {
  SuppressionMask mask = PrimaryMask(table, 0);
  for (auto [i, j] : cells) mask.cells[i][j] = true;
  return mask;
}

// The checker itself must see what primary suppression alone leaves open.
TEST(DeterminedCountTest, SeesUnprotectedValues) {
  const Table t = WithTotals({{2, 50, 60}, {40, 10, 70}, {30, 80, 90}});
  EXPECT_EQ(DeterminedCount(t, PrimaryMask(t, 5)), 1);
  EXPECT_EQ(DeterminedCount(t, CellMask(t, {{0, 0}, {0, 1}, {1, 0}})), 3);
  EXPECT_EQ(DeterminedCount(t, CellMask(t, {{0, 0}, {0, 1}, {1, 0}, {1, 1}})), 0);
}

TEST(PrimaryMaskTest, HidesSmallPositiveValuesIncludingTotals) {
  const Table t = WithTotals({{0, 1, 4}, {5, 0, 10}});  // totals 5, 15 | 5, 1, 14 | 20
  const SuppressionMask m = PrimaryMask(t, 5);
  EXPECT_EQ(m.cells, (std::vector<std::vector<bool>>{{false, true, true}, {false, false, false}}));
  EXPECT_EQ(m.row_totals, (std::vector<bool>{false, false}));
  EXPECT_EQ(m.column_totals, (std::vector<bool>{false, true, false}));
  EXPECT_FALSE(m.grand_total);
  EXPECT_EQ(m.Count(), 3);
  EXPECT_EQ(PrimaryMask(t, 1).Count(), 0);
  EXPECT_EQ(PrimaryMask(t, -3).Count(), 0);
  // 3, its column total 3, and the row and grand totals 1; never the negative -2.
  EXPECT_EQ(PrimaryMask(WithTotals({{-2, 3}}), 5).Count(), 4);
}

TEST(SuppressTest, ThreeByThreeTakesTheCheapestRectangle) {
  const Table t = WithTotals({{2, 50, 60}, {40, 10, 70}, {30, 80, 90}});
  const SuppressionMask m = Suppress(t, 5);
  // 50 + 10 + 40 = 100 is the cheapest cycle through the 2; every total is >= 72.
  EXPECT_EQ(m.cells, (std::vector<std::vector<bool>>{
                         {true, true, false}, {true, true, false}, {false, false, false}}));
  EXPECT_EQ(m.Count(), 4);
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

TEST(SuppressTest, SingleColumnHidesAnotherRowAndItsTotal) {
  const Table t = WithTotals({{3}, {10}, {20}});
  const SuppressionMask m = Suppress(t, 5);
  EXPECT_EQ(m.cells, (std::vector<std::vector<bool>>{{true}, {true}, {false}}));
  EXPECT_EQ(m.row_totals, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(m.column_totals, (std::vector<bool>{false}));
  EXPECT_FALSE(m.grand_total);
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

TEST(SuppressTest, SingleRowHidesAnotherColumnAndItsTotal) {
  const Table t = WithTotals({{3, 10, 20}});
  const SuppressionMask m = Suppress(t, 5);
  EXPECT_EQ(m.cells, (std::vector<std::vector<bool>>{{true, true, false}}));
  EXPECT_EQ(m.column_totals, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(m.row_totals, (std::vector<bool>{false}));
  EXPECT_FALSE(m.grand_total);
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

TEST(SuppressTest, SingleNonZeroCellHidesItsTotals) {
  const Table small = WithTotals({{0, 0}, {0, 3}});
  const SuppressionMask m = Suppress(small, 5);
  EXPECT_EQ(m.Count(), 4);
  EXPECT_TRUE(m.cells[1][1] && m.row_totals[1] && m.column_totals[1] && m.grand_total);

  // A large value hidden for another reason: its totals equal it, so they go too.
  const Table large = WithTotals({{0, 0}, {0, 100}});
  const SuppressionMask p = Protect(large, CellMask(large, {{1, 1}}));
  EXPECT_EQ(p.Count(), 4);
  EXPECT_TRUE(p.row_totals[1] && p.column_totals[1] && p.grand_total);
  EXPECT_EQ(DeterminedCount(large, p), 0);
}

TEST(SuppressTest, AllZeroTableHidesNothing) {
  EXPECT_EQ(Suppress(WithTotals({{0, 0, 0}, {0, 0, 0}}), 5).Count(), 0);
  EXPECT_EQ(Suppress(WithTotals({{0}}), 5).Count(), 0);
}

TEST(ProtectTest, NegativeValuesUseMagnitudes) {
  // Row totals 2, 10, -7; column totals 4, 2, -1; grand total 5.
  const Table t = WithTotals({{-3, 5, 0}, {6, -2, 6}, {1, -1, -7}});
  const SuppressionMask m = Protect(t, CellMask(t, {{0, 0}}));
  // Through row 2: 5 + |-1| + 1 = 7; through row 1: 13; through the totals: 2 + 5 + 4 = 11.
  EXPECT_EQ(m.cells, (std::vector<std::vector<bool>>{
                         {true, true, false}, {false, false, false}, {true, true, false}}));
  EXPECT_EQ(m.Count(), 4);
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

TEST(ProtectTest, ZeroGrandTotalNeedsALongerCycle) {
  const Table t = WithTotals({{3, 0}, {0, -3}});  // grand total 0: no rectangle through it
  const SuppressionMask m = Protect(t, CellMask(t, {{0, 0}}));
  EXPECT_FALSE(m.grand_total);
  EXPECT_EQ(m.Count(), 6);
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

// Checks the properties every protected mask must have; `primary` is the mask given to Protect.
void ExpectProtected(const Table& t, const SuppressionMask& primary, const SuppressionMask& m) {
  const Relations before = BuildRelations(t, primary);
  const Relations after = BuildRelations(t, m);
  ASSERT_EQ(before.values.size(), after.values.size());
  for (size_t v = 0; v < after.values.size(); ++v) {
    if (before.values[v].suppressed) {
      EXPECT_TRUE(after.values[v].suppressed) << "primary value " << v << " published";
    } else if (after.values[v].suppressed) {
      EXPECT_NE(after.values[v].actual, 0) << "zero chosen as complement " << v;
    }
  }
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

TEST(SuppressPropertyTest, NoSuppressedValueIsRecoverable) {
  std::mt19937_64 rng(20260315);
  int hidden = 0, open_after_primary = 0;
  for (int round = 0; round < 400; ++round) {
    const int rows = std::uniform_int_distribution<int>(1, 12)(rng);
    const int cols = std::uniform_int_distribution<int>(1, 10)(rng);
    Grid values(rows, std::vector<int64_t>(cols));
    for (auto& row : values) {
      for (int64_t& v : row) {
        const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
        v = kind < 3   ? 0
            : kind < 7 ? std::uniform_int_distribution<int64_t>(1, 6)(rng)
                       : std::uniform_int_distribution<int64_t>(5, 300)(rng);
      }
    }
    const Table t = WithTotals(values);
    const SuppressionMask primary = PrimaryMask(t, 5);
    const SuppressionMask m = Suppress(t, 5);
    SCOPED_TRACE(testing::Message() << "round " << round << ": " << rows << "x" << cols);
    ASSERT_EQ(m.cells.size(), static_cast<size_t>(rows));
    ASSERT_EQ(m.column_totals.size(), static_cast<size_t>(cols));
    ExpectProtected(t, primary, m);
    hidden += m.Count();
    open_after_primary += DeterminedCount(t, primary);
  }
  // The tables are not trivial: primary suppression alone leaves many values recoverable.
  EXPECT_GT(open_after_primary, 1000);
  EXPECT_GT(hidden, 4000);
}

TEST(ProtectPropertyTest, SignedTablesWithRandomPrimaryMasks) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int rows = std::uniform_int_distribution<int>(1, 8)(rng);
    const int cols = std::uniform_int_distribution<int>(1, 8)(rng);
    Grid values(rows, std::vector<int64_t>(cols));
    for (auto& row : values) {
      for (int64_t& v : row) {
        v = std::uniform_int_distribution<int>(0, 3)(rng) == 0
                ? 0
                : std::uniform_int_distribution<int64_t>(-20, 20)(rng);
      }
    }
    const Table t = WithTotals(values);
    SuppressionMask primary = PrimaryMask(t, 0);
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        // Zeros are never hidden: a zero joined to the rest only by zeros cannot be protected.
        primary.cells[i][j] = values[i][j] != 0 && std::bernoulli_distribution(0.15)(rng);
      }
    }
    SCOPED_TRACE(testing::Message() << "round " << round << ": " << rows << "x" << cols);
    ExpectProtected(t, primary, Protect(t, primary));
  }
}

TEST(SuppressTest, TypicalTableHidesLittle) {
  // 12 months x 8 provinces, counts in the hundreds, four small cells in distinct rows/columns.
  std::mt19937_64 rng(12);
  Grid values(12, std::vector<int64_t>(8));
  for (auto& row : values) {
    for (int64_t& v : row) v = std::uniform_int_distribution<int64_t>(100, 900)(rng);
  }
  values[0][0] = 3;
  values[3][2] = 1;
  values[6][5] = 4;
  values[10][7] = 2;
  const Table t = WithTotals(values);
  const SuppressionMask m = Suppress(t, 5);
  EXPECT_LE(m.Count(), 16);  // at most a rectangle per small cell, out of 117 values
  EXPECT_EQ(m.row_totals, std::vector<bool>(12, false));
  EXPECT_EQ(m.column_totals, std::vector<bool>(8, false));
  EXPECT_EQ(DeterminedCount(t, m), 0);
}

}  // namespace
}  // namespace sisl::observatory
