#ifndef SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_
#define SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_

// enterprise_bench (run_enterprise_bench.sh): what the loader (enterprise_bench_load.cc) and the
// measures (enterprise_bench.cc) share: the words the generated vacancies are written with, so
// that the text queries find what the loader wrote (the libpq connection is bench_pg.h's).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tests/bench/bench_pg.h"

namespace sisl::bench {

// The Italian words of the generated descriptions, most frequent first (drawn with Zipf weights
// 1/(rank+1)^1.1, so "esperienza" is in most vacancies and "vendemmia" in few).
const std::vector<absl::string_view>& DescriptionWords();

struct LoadOptions {
  std::string db_url;
  int vacancies = 50000;
  int companies = 2000;
  uint64_t seed = 11;
};

// Fills the (empty, migrated) enterprise schema with companies and published vacancies and
// prints LOAD lines (generation, copy, vacuum-analyze seconds). Returns a process exit code.
int Load(const LoadOptions& options);

}  // namespace sisl::bench

#endif  // SISL_TESTS_BENCH_ENTERPRISE_BENCH_H_
