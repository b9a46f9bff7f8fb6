#!/usr/bin/env bash
# Rate-limiter benchmark: what the gateway's in-memory limiter (RateLimitPolicy's buckets for a
# read with a session, taken with MemoryRateLimiter::TakeAll) costs per request, on one thread and
# on several at once. The figure the unit tests used to assert against the wall clock; here it is
# measured, printed and written to the rate-limiter section of docs/performance.md (other
# sections are kept).
#
#   tests/bench/run_ratelimit_bench.sh [--requests N] [--threads T] [--no-doc]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
REQUESTS=2000000 THREADS=4 WRITE_DOC=1
while (($#)); do
  case $1 in
    --requests) REQUESTS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "usage: $0 [--requests N] [--threads T] [--no-doc]" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d /tmp/sisl-ratelimit-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
trap 'rm -rf "$WORK"' EXIT

say "building ratelimit_bench"
[[ -f $BUILD/build.ninja ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
cmake -S "$ROOT" -B "$BUILD" >/dev/null
ninja -C "$BUILD" -j"${SISL_JOBS:-2}" ratelimit_bench >&2
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")

quiet="once the machine had been idle (below 10% busy) for 2 s"
wait_idle 2>"$WORK/idle.log"
grep -q busy "$WORK/idle.log" && quiet="on a busy machine (it did not go idle within 180 s)"
"$BUILD/tests/bench/ratelimit_bench" "--requests=$REQUESTS" "--threads=$THREADS" >"$WORK/rows.tsv"

section="$WORK/section.md"
{
  echo "<!-- ratelimit-bench:begin (written by tests/bench/run_ratelimit_bench.sh) -->"
  echo "## Gateway: the rate limiter per request"
  echo
  echo "$(uname -sr); build \`$build_type\`; measured $quiet."
  echo "What is measured: \`RateLimitPolicy::BucketsFor\` for a read with a session (the per-IP and"
  echo "per-session buckets, 250 client addresses per thread) and \`MemoryRateLimiter::TakeAll\`"
  echo "(the all-in-one's limiter), every request allowed, on one thread and on $THREADS threads"
  echo "sharing one limiter. The Redis limiter of a standalone gateway adds one round trip."
  echo "Run it with \`tests/bench/run_ratelimit_bench.sh [--requests N] [--threads T] [--no-doc]\`."
  echo
  echo "| threads | requests | ns per request (one thread) | requests/s (all threads) |"
  echo "|---:|---:|---:|---:|"
  awk -F'\t' '$1 == "ROW" { printf "| %s | %d | %d | %d |\n", $3, $4, $5, $6 }' "$WORK/rows.tsv"
  echo
  echo "<!-- ratelimit-bench:end -->"
} >"$section"
cat "$section"
((WRITE_DOC)) && write_doc_section ratelimit-bench "$section"
exit 0
