#ifndef SISL_OBSERVATORY_DOMAIN_SUPPRESSION_H_
#define SISL_OBSERVATORY_DOMAIN_SUPPRESSION_H_

// Statistical disclosure control of the published 2-D tables: small counts of people are hidden
// (primary suppression) and enough other values with them (secondary suppression) that no hidden
// value can be recomputed exactly from the published cells and totals.

#include <cstdint>
#include <vector>

namespace sisl::observatory {

// A published table: values[row][col] plus the totals published with it. Totals are computed by
// the caller (sums of the row/column) and passed so that tables whose totals are not plain sums
// are impossible to confuse.
struct Table {
  std::vector<std::vector<int64_t>> values;  // rows x columns, every row the same length
  std::vector<int64_t> row_totals;           // one per row
  std::vector<int64_t> column_totals;        // one per column
  int64_t grand_total = 0;
};
// Table with totals computed as sums.
Table WithTotals(std::vector<std::vector<int64_t>> values);

struct SuppressionMask {
  std::vector<std::vector<bool>> cells;  // same shape as values
  std::vector<bool> row_totals;
  std::vector<bool> column_totals;
  bool grand_total = false;
  int Count() const;  // suppressed values, cells and totals
};

// Primary suppression of a table of counts of people: every value (cell or total) with
// 0 < value < threshold. Zeros are published (they are structural, and never chosen as
// complements). threshold <= 1 suppresses nothing.
SuppressionMask PrimaryMask(const Table& people, int threshold);

// Secondary suppression: extends `primary` (which must have the table's shape) so that no
// suppressed value is determined by the published ones through the table's additive relations
// (each row sums to its row total, each column to its column total, totals to the grand total).
// Values may be negative (e.g. a net change); complements are chosen among non-zero unsuppressed
// values, preferring the smallest absolute values, so that as little as possible is hidden.
//
// The one value that cannot be protected is a zero that `primary` suppresses and that only
// published zeros connect to the rest of the table: the relations then force it to be zero
// whatever else is hidden. PrimaryMask never suppresses zeros, so Suppress never meets it.
SuppressionMask Protect(const Table& table, SuppressionMask primary);

// PrimaryMask then Protect.
SuppressionMask Suppress(const Table& people, int threshold);

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_DOMAIN_SUPPRESSION_H_
