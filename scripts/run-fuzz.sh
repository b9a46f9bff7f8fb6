#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan) into build-fuzz/ and runs each
# for N seconds (default 30) over a copy of its seed corpus tests/fuzz/corpus/<name>/.
#   scripts/run-fuzz.sh [seconds]
# Fails on any crash, leak, timeout or out-of-memory; the reproducer is kept in
# build-fuzz/artifacts/<name>/ (replay: build-fuzz/<name> <file>). Prints execs/s per fuzzer.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-30}"
[[ $secs =~ ^[0-9]+$ ]] || { echo "usage: $0 [seconds]" >&2; exit 2; }
BUILD="$REPO/build-fuzz"
FUZZERS=(transcoding_fuzz spid_acs_fuzz communications_xml_fuzz)

if ! command -v clang++ >/dev/null; then
  echo "run-fuzz: clang++ missing (scripts/install-deps.sh test installs it)" >&2
  exit 1
fi
mkdir -p "$BUILD"
cmake -S "$REPO/tests/fuzz" -B "$BUILD" -G Ninja -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ >"$BUILD/configure.log" 2>&1 \
  || { cat "$BUILD/configure.log" >&2; exit 1; }

targets=("${FUZZERS[@]}")
ninja -C "$BUILD" -j2 "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Harnesses that need test keys and certificates find them like the unit tests do.
export SISL_SOURCE_DIR="$REPO" SISL_SPID_TESTDATA="$REPO/tests/unit/spid/testdata"

failed=()
summary=()
for name in "${targets[@]}"; do
  corpus="$BUILD/corpus/$name" artifacts="$BUILD/artifacts/$name/" log="$BUILD/logs/$name.log"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  seeds="$REPO/tests/fuzz/corpus/$name"
  [[ -d $seeds ]] && cp -r "$seeds"/. "$corpus"/
  echo "run-fuzz: $name for ${secs}s ($(find "$corpus" -type f | wc -l) seeds)"
  rc=0
  (cd "$BUILD" && "./$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus") >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
  files=$(find "$corpus" -type f | wc -l)
  line="$name: ${runs:-?} runs, ${rate:-?} execs/s, ${cov:-cov: ?}, corpus $files files"
  if ((rc != 0)); then
    echo "run-fuzz: FAIL $line (exit $rc); last lines of $log:" >&2
    tail -n 60 "$log" >&2
    echo "run-fuzz: reproducers in $artifacts: $(ls "$artifacts" | tr '\n' ' ')" >&2
    failed+=("$name")
  fi
  summary+=("$line")
done

printf 'run-fuzz: %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "run-fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzz: all fuzzers ran ${secs}s without a crash"
