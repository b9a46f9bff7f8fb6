#!/usr/bin/env bash
# Gateway benchmark: the cached availability search (GET /api/v1/availability/month) through the
# gateway's REST/JSON against the same GetMonthAvailability call made directly over gRPC, in one
# run, with the same client threads (one connection each) and the same queries, on fresh
# sisl-allinone processes (fresh data dir, demo calendars):
#   (1) as shipped: response cache on, access log on, log level info; both paths, plus a sweep of
#       client thread counts;
#   (2) the response cache off (SISL_GATEWAY_RESPONSE_CACHE=false): every request transcoded and
#       sent to the service;
#   (3) the access log off (SISL_GATEWAY_ACCESS_LOG=false), cache on.
# Per-IP rate limits are raised (all clients come from 127.0.0.1); the limiter still runs on
# every request. Writes the gateway section of docs/performance.md (other sections are kept).
#
#   tests/bench/run_gateway_bench.sh [--threads N] [--seconds S] [--sweep 4,8,16,32|none] [--no-doc]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
THREADS=4 SECS=10 SWEEP="2,4,8,16,32" WRITE_DOC=1
while (($#)); do
  case $1 in
    --threads) THREADS=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --sweep) SWEEP=$2; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "usage: $0 [--threads N] [--seconds S] [--sweep LIST|none] [--no-doc]" >&2; exit 2 ;;
  esac
done
((SECS >= 1 && SECS <= 60)) || { echo "--seconds must be 1..60" >&2; exit 2; }
[[ $SWEEP == none ]] && SWEEP=""

WORK="$(mktemp -d /tmp/sisl-gateway-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
PID=""
cleanup() {
  if [[ -n $PID ]] && kill "$PID" 2>/dev/null; then wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say "building gateway_bench and sisl-allinone"
[[ -f $BUILD/build.ninja ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
cmake -S "$ROOT" -B "$BUILD" >/dev/null
ninja -C "$BUILD" -j"${SISL_JOBS:-2}" gateway_bench sisl-allinone >&2
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# run label bench-args... -- env...: a fresh all-in-one with the env, measured, then stopped.
run() {
  local label=$1 grpc_port http_port
  shift
  local args=()
  while [[ $1 != -- ]]; do args+=("$1"); shift; done
  shift
  grpc_port=$(free_port) http_port=$(free_port)
  env "$@" SISL_DATA_DIR="$WORK/data-$label" SISL_GRPC_ADDRESS="127.0.0.1:$grpc_port" \
    SISL_HTTP_ADDRESS="127.0.0.1:$(free_port)" SISL_GATEWAY_HTTP_ADDRESS="127.0.0.1:$http_port" \
    SISL_RATE_LIMITS_PER_IP_RPS=10000000 SISL_RATE_LIMITS_PER_IP_BURST=10000000 \
    "$BUILD/apps/sisl-allinone" >"$WORK/$label.log" 2>&1 &
  PID=$!
  if ! wait_port "$PID" "$grpc_port" || ! wait_port "$PID" "$http_port"; then
    say "$label: sisl-allinone did not start"
    tail -20 "$WORK/$label.log" >&2
    exit 1
  fi
  say "$label is up; waiting for the machine to be idle"
  wait_idle
  say "measuring $label"
  "$BUILD/tests/bench/gateway_bench" "--label=$label" "--grpc=127.0.0.1:$grpc_port" \
    "--http=127.0.0.1:$http_port" "--server-pid=$PID" "--threads=$THREADS" "--seconds=$SECS" \
    "${args[@]}" | tee -a "$WORK/bench.out" | awk -F'\t' '$1 == "ROW" || $1 == "SWEEP"' \
    >>"$RESULTS"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
}

run shipped --paths=grpc,gateway "--sweep=$SWEEP" --
ACCESS_LINES=$(grep -c '"message":"http"' "$WORK/shipped.log" || true)
run nocache --paths=gateway -- SISL_GATEWAY_RESPONSE_CACHE=false
run nolog --paths=gateway -- SISL_GATEWAY_ACCESS_LOG=false
cat "$RESULTS" >&2
awk -F'\t' '$1 == "ROW" && $2 == "shipped" && $3 == "gateway" {
  printf "gateway %s/s (p50 %s ms) against gRPC ", $7, $8 }
  $1 == "ROW" && $2 == "shipped" && $3 == "gRPC" { g = $7; p = $8 }
  END { printf "%s/s (p50 %s ms)\n", g, p }' "$RESULTS" >&2
((WRITE_DOC)) || exit 0

# ---- docs/performance.md: the gateway section between markers, rewritten on every run --------
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
section="$WORK/section.md"
{
  echo "<!-- gateway-bench:begin (written by tests/bench/run_gateway_bench.sh) -->"
  echo "## Gateway: availability search through REST/JSON against direct gRPC"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU), $MEM of memory,"
  echo "$(uname -sr); build \`$build_type\`. Clients and server share the machine; each server is"
  echo "measured once the machine has been idle (below 10% busy) for 2 s."
  echo
  echo "What is measured: the month availability search through the gateway (HTTP/1.1 keep-alive,"
  echo "one connection per client thread),"
  echo
  echo '```'
  printf '%s%s\n' "GET /api/v1/availability/month?serviceCode=DID_PATTO&month=M" \
    "&scope.scope=SEARCH_SCOPE_PROVINCE&scope.province=P"
  echo '```'
  echo
  echo "against the same \`AvailabilityService/GetMonthAvailability\` request made directly over"
  echo "gRPC (generated stub, one channel per client thread), with the same $THREADS client"
  echo "threads, for ${SECS} s per row, over the same queries: the 8 provinces x the current and"
  echo "next two months with free seats in the demo calendars. Before measuring, each query's JSON"
  echo "is checked to say what the gRPC answer says; while measuring, a gateway call counts as an"
  echo "error unless it is a 200 with the expected JSON, a gRPC call unless it is OK with at least"
  echo "one day. One fresh \`sisl-allinone\` (SQLite, demo calendars) per server configuration,"
  echo "otherwise as shipped (\`gateway.http_threads\` 2, log level info):"
  echo
  echo "- *as shipped*: response cache on (the route's \`cache_seconds: 2\`: repeated queries are"
  echo "  answered from it) and the access log on (one JSON line per request; $ACCESS_LINES lines"
  echo "  written in this run, to a file);"
  echo "- *cache off*: \`SISL_GATEWAY_RESPONSE_CACHE=false\`: every request is transcoded and sent"
  echo "  to the service, the honest cost of REST/JSON over gRPC;"
  echo "- *access log off*: \`SISL_GATEWAY_ACCESS_LOG=false\`, cache on."
  echo
  echo "Per-IP rate limits are raised (\`SISL_RATE_LIMITS_PER_IP_RPS\` and \`_BURST\` 10000000)"
  echo "because every client comes from 127.0.0.1; the limiter still runs on every request."
  echo "Server and client CPU are the processes' user + system time over the row, in cores;"
  echo "*other* is what the rest of the machine used meanwhile (near 0 on a quiet machine); a"
  echo "row during which it passed 0.25 cores is measured again, at most 3 times, and the quietest"
  echo "attempt is kept."
  echo
  echo "Run it with \`tests/bench/run_gateway_bench.sh [--threads N] [--seconds S]"
  echo "[--sweep LIST|none] [--no-doc]\` (builds what it needs; about $((SECS * 4 + 60)) s)."
  echo
  printf '%s\n' "| server | path | threads | calls | calls/s | p50 ms | p99 ms | errors |" \
    " server CPU | server µs/call | client CPU | other CPU | cache hits |" | paste -sd ''
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '$1 == "ROW" {
    name = $2 == "shipped" ? "as shipped" : $2 == "nocache" ? "cache off" : "access log off"
    other = $13 - $11 - $12; if (other < 0) other = 0
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.0f | %.2f | %.2f | %s |\n",
           name, $3, $4, $5, $7, $8, $9, $10, $11, ($7 > 0 ? $11 * 1e6 / $7 : 0), $12, other,
           ($14 == "-" ? "-" : $14 "%") }' "$RESULTS"
  echo
  awk -F'\t' '
    $1 == "ROW" { rate[$2 "|" $3] = $7; p50[$2 "|" $3] = $8; ccpu[$2 "|" $3] = $12; errors += $10 }
    END {
      g = "shipped|gateway"; d = "shipped|gRPC"; u = "nocache|gateway"
      printf "Targets (as shipped, cache on): at least 10,000 requests/s through the gateway " \
             "on 2 cores: %s/s, %s. p50 latency at most twice the direct gRPC call: %s ms " \
             "against %s ms, ratio %.2f, %s.",
             rate[g], (rate[g] >= 10000 ? "**met**" : "**not met**"), p50[g], p50[d],
             (p50[d] > 0 ? p50[g] / p50[d] : 0),
             (p50[d] > 0 && p50[g] <= 2 * p50[d] ? "**met**" : "**not met**")
      if (u in rate)
        printf " With the cache off the gateway serves %s/s at p50 %s ms (ratio to gRPC %.2f).",
               rate[u], p50[u], (p50[d] > 0 ? p50[u] / p50[d] : 0)
      printf " The clients share the 2 cores with the server: the gRPC client used %s cores, the" \
             " HTTP client %s (cache on).", ccpu[d], ccpu[g]
      printf " Errors in all rows: %d.\n", errors
    }' "$RESULTS" | fold -s -w 100 | sed 's/ *$//'
  if grep -q '^SWEEP' "$RESULTS"; then
    echo
    echo "Client threads, as shipped (3 s each, same server; the table above uses $THREADS):"
    echo
    echo "| threads | gRPC calls/s | gRPC p50 ms | gateway calls/s | gateway p50 ms |"
    echo "|---:|---:|---:|---:|---:|"
    awk -F'\t' '$1 == "SWEEP" { n[$4] = 1; r[$4 "|" $3] = $7; p[$4 "|" $3] = $8 }
      END { for (t in n) printf "%d\t| %s | %s | %s | %s | %s |\n", t, t, r[t "|gRPC"],
                                p[t "|gRPC"], r[t "|gateway"], p[t "|gateway"] }' "$RESULTS" |
      sort -n | cut -f2-
  fi
  echo
  echo "Expect run-to-run differences of some 30% on a shared two-core machine; compare rows of"
  echo "the same run rather than runs."
  echo "<!-- gateway-bench:end -->"
} >"$section"

write_doc_section gateway-bench "$section"
