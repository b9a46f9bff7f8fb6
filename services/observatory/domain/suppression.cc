#include "services/observatory/domain/suppression.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace sisl::observatory {
namespace {

constexpr int64_t kMaxCost = std::numeric_limits<int64_t>::max();

// |v|, saturated: INT64_MIN has no positive counterpart.
int64_t Magnitude(int64_t v) {
  if (v == std::numeric_limits<int64_t>::min()) return kMaxCost;
  return v < 0 ? -v : v;
}

// a + b for a, b >= 0, saturated so that paths through huge values still compare sensibly.
int64_t SaturatingAdd(int64_t a, int64_t b) { return a > kMaxCost - b ? kMaxCost : a + b; }

// The table augmented with its totals as one (R+1) x (C+1) grid: the last row holds the column
// totals, the last column the row totals, the corner the grand total. Each value is an edge
// between its row node and its column node (R+1 row nodes, C+1 column nodes), and each node has
// one relation: its values, with the total negated, sum to zero. Negating the values of the
// totals' row and column turns that system into the incidence matrix of a bipartite graph, whose
// column matroid is the graphic one: a set of suppressed values leaves one of them determined
// exactly when that value is a bridge of the graph of the suppressed edges. Cycles (always even)
// let the hidden values move along them by +d/-d, which is what protects them.
class Grid final {
 public:
  explicit Grid(const Table& table)
      : rows_(table.values.size()),
        cols_(table.values.empty() ? table.column_totals.size() : table.values[0].size()),
        values_((rows_ + 1) * (cols_ + 1), 0) {
    for (size_t i = 0; i < rows_; ++i) {
      for (size_t j = 0; j < cols_ && j < table.values[i].size(); ++j) {
        values_[Edge(i, j)] = table.values[i][j];
      }
      if (i < table.row_totals.size()) values_[Edge(i, cols_)] = table.row_totals[i];
    }
    for (size_t j = 0; j < cols_ && j < table.column_totals.size(); ++j) {
      values_[Edge(rows_, j)] = table.column_totals[j];
    }
    values_[Edge(rows_, cols_)] = table.grand_total;
  }

  // Nodes: row nodes 0..R, then column nodes R+1..R+C+1 (R and C+R+1 are the totals' ones).
  size_t nodes() const { return height() + width(); }
  size_t edges() const { return values_.size(); }
  size_t height() const { return rows_ + 1; }
  size_t width() const { return cols_ + 1; }
  size_t Edge(size_t i, size_t j) const { return i * width() + j; }
  int64_t value(size_t edge) const { return values_[edge]; }
  bool IsRowNode(size_t node) const { return node < height(); }
  // The node at the other end of `edge` from `node`.
  size_t Other(size_t edge, size_t node) const {
    return IsRowNode(node) ? height() + edge % width() : edge / width();
  }
  // The edges incident to `node`, in grid order.
  template <typename F>
  void ForEachEdge(size_t node, F f) const {
    if (IsRowNode(node)) {
      for (size_t j = 0; j < width(); ++j) f(Edge(node, j));
    } else {
      for (size_t i = 0; i < height(); ++i) f(Edge(i, node - height()));
    }
  }

  std::vector<bool> Flatten(const SuppressionMask& mask) const {
    std::vector<bool> flat(edges(), false);
    auto at = [](const std::vector<bool>& v, size_t k) { return k < v.size() && v[k]; };
    for (size_t i = 0; i < rows_ && i < mask.cells.size(); ++i) {
      for (size_t j = 0; j < cols_; ++j) flat[Edge(i, j)] = at(mask.cells[i], j);
      flat[Edge(i, cols_)] = at(mask.row_totals, i);
    }
    for (size_t j = 0; j < cols_; ++j) flat[Edge(rows_, j)] = at(mask.column_totals, j);
    flat[Edge(rows_, cols_)] = mask.grand_total;
    return flat;
  }

  SuppressionMask Unflatten(const std::vector<bool>& flat) const {
    SuppressionMask mask;
    mask.cells.assign(rows_, std::vector<bool>(cols_, false));
    mask.row_totals.assign(rows_, false);
    mask.column_totals.assign(cols_, false);
    for (size_t i = 0; i < rows_; ++i) {
      for (size_t j = 0; j < cols_; ++j) mask.cells[i][j] = flat[Edge(i, j)];
      mask.row_totals[i] = flat[Edge(i, cols_)];
    }
    for (size_t j = 0; j < cols_; ++j) mask.column_totals[j] = flat[Edge(rows_, j)];
    mask.grand_total = flat[Edge(rows_, cols_)];
    return mask;
  }

 private:
  size_t rows_;
  size_t cols_;
  std::vector<int64_t> values_;  // row-major, width() per row
};

// Tarjan's bridges of the graph whose edges are the suppressed values. The grid has no parallel
// edges, so skipping the edge we came by is enough.
class BridgeFinder final {
 public:
  BridgeFinder(const Grid& grid, const std::vector<bool>& suppressed)
      : grid_(grid), suppressed_(suppressed), order_(grid.nodes(), 0), low_(grid.nodes(), 0) {}

  std::vector<size_t> Bridges() {
    for (size_t node = 0; node < grid_.nodes(); ++node) {
      if (order_[node] == 0) Visit(node, grid_.edges());
    }
    return std::move(bridges_);
  }

 private:
  // Recursion depth is at most the number of nodes, R + C + 2.
  void Visit(size_t node, size_t via) {
    order_[node] = low_[node] = ++counter_;
    grid_.ForEachEdge(node, [&](size_t edge) {
      if (!suppressed_[edge] || edge == via) return;
      size_t next = grid_.Other(edge, node);
      if (order_[next] == 0) {
        Visit(next, edge);
        low_[node] = std::min(low_[node], low_[next]);
        if (low_[next] > order_[node]) bridges_.push_back(edge);
      } else {
        low_[node] = std::min(low_[node], order_[next]);
      }
    });
  }

  const Grid& grid_;
  const std::vector<bool>& suppressed_;
  std::vector<size_t> order_;  // DFS discovery order, 0 = unvisited
  std::vector<size_t> low_;
  size_t counter_ = 0;
  std::vector<size_t> bridges_;
};

// The cheapest way to put the suppressed `bridge` on a cycle: the cheapest path between its ends
// that avoids it, where suppressed values are free and an unsuppressed non-zero value costs its
// magnitude (then one more value hidden breaks ties). Published zeros are not usable. Returns the
// values to suppress, or nullopt when no such path exists. This generalises the usual rectangle
// (i,j),(i,j'),(i',j),(i',j') of the augmented grid to longer cycles, which e.g. signed tables
// with a zero grand total need.
std::optional<std::vector<size_t>> CheapestComplement(const Grid& grid,
                                                      const std::vector<bool>& suppressed,
                                                      size_t bridge) {
  using Cost = std::pair<int64_t, size_t>;  // hidden magnitude, values hidden
  const size_t from = bridge / grid.width();
  const size_t to = grid.height() + bridge % grid.width();
  std::vector<std::optional<Cost>> cost(grid.nodes());
  std::vector<size_t> via(grid.nodes(), grid.edges());
  std::vector<bool> done(grid.nodes(), false);
  cost[from] = Cost{0, 0};
  // Dense Dijkstra: the graph is complete bipartite, so a heap would not pay off.
  for (;;) {
    std::optional<size_t> node;
    for (size_t n = 0; n < grid.nodes(); ++n) {
      if (!done[n] && cost[n] && (!node || *cost[n] < *cost[*node])) node = n;
    }
    if (!node) return std::nullopt;
    if (*node == to) break;
    done[*node] = true;
    grid.ForEachEdge(*node, [&](size_t edge) {
      if (edge == bridge || (!suppressed[edge] && grid.value(edge) == 0)) return;
      size_t next = grid.Other(edge, *node);
      if (done[next]) return;
      Cost step = suppressed[edge] ? Cost{0, 0} : Cost{Magnitude(grid.value(edge)), 1};
      Cost total{SaturatingAdd(cost[*node]->first, step.first), cost[*node]->second + step.second};
      if (!cost[next] || total < *cost[next]) {
        cost[next] = total;
        via[next] = edge;
      }
    });
  }
  std::vector<size_t> complement;
  for (size_t node = to; node != from; node = grid.Other(via[node], node)) {
    if (!suppressed[via[node]]) complement.push_back(via[node]);
  }
  return complement;
}

}  // namespace

Table WithTotals(std::vector<std::vector<int64_t>> values) {
  Table table;
  const size_t cols = values.empty() ? 0 : values[0].size();
  table.row_totals.assign(values.size(), 0);
  table.column_totals.assign(cols, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    for (size_t j = 0; j < cols && j < values[i].size(); ++j) {
      table.row_totals[i] += values[i][j];
      table.column_totals[j] += values[i][j];
    }
    table.grand_total += table.row_totals[i];
  }
  table.values = std::move(values);
  return table;
}

int SuppressionMask::Count() const {
  int count = grand_total ? 1 : 0;
  for (const std::vector<bool>& row : cells) count += std::count(row.begin(), row.end(), true);
  count += std::count(row_totals.begin(), row_totals.end(), true);
  count += std::count(column_totals.begin(), column_totals.end(), true);
  return count;
}

SuppressionMask PrimaryMask(const Table& people, int threshold) {
  const Grid grid(people);
  std::vector<bool> flat(grid.edges(), false);
  for (size_t edge = 0; edge < grid.edges(); ++edge) {
    flat[edge] = grid.value(edge) > 0 && grid.value(edge) < threshold;
  }
  return grid.Unflatten(flat);
}

SuppressionMask Protect(const Table& table, SuppressionMask primary) {
  const Grid grid(table);
  std::vector<bool> suppressed = grid.Flatten(primary);
  // Bridges no path can close. By the cut argument (sum the relations of one side of the cut)
  // such a value equals a sum of published zeros, so it is a suppressed zero: nothing helps.
  std::vector<bool> hopeless(grid.edges(), false);
  // Each round either marks a hopeless bridge or puts a bridge on a cycle: the new values lie on
  // that cycle and adding edges never creates a bridge, so the bridges strictly decrease.
  for (;;) {
    std::optional<size_t> target;
    for (size_t edge : BridgeFinder(grid, suppressed).Bridges()) {
      if (!hopeless[edge]) {
        target = edge;
        break;
      }
    }
    if (!target) break;
    std::optional<std::vector<size_t>> complement = CheapestComplement(grid, suppressed, *target);
    if (!complement) {
      hopeless[*target] = true;
      continue;
    }
    for (size_t edge : *complement) suppressed[edge] = true;
  }
  return grid.Unflatten(suppressed);
}

SuppressionMask Suppress(const Table& people, int threshold) {
  return Protect(people, PrimaryMask(people, threshold));
}

}  // namespace sisl::observatory
