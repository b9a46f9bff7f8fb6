#!/usr/bin/env bash
# Observatory benchmark (issue 15: "the whole state can be rebuilt by replaying the topics from
# the start: measure how long for a million events"; "latency from a communication accepted to
# the indicator updated, p99 under one second"), in one run of tests/bench/observatory_bench:
#   (1) replay: N synthetic events (half CommunicationAccepted, half RelationshipChanged) produced
#       to topics of the run's own, then sisl-observatory started with a fresh generation: from
#       its start until observatory.inbox holds all N; events/s, cells, peak RSS;
#   (2) its baseline in the same run: the same events' cell deltas (the domain's FlowDeltas /
#       StockDeltas, computed in the bench) COPYed into an UNLOGGED table and summed by
#       INSERT ... SELECT ... GROUP BY ... ON CONFLICT into a table shaped like observatory.cells;
#       its cells must equal the service's;
#   (3) latency: M valid hires filed one at a time through sisl-communications (running beside
#       it); from FileCommunication's return to the staff table "hires" counting it (polled every
#       2 ms): p50, p95, p99, max.
# sisl-observatory and sisl-communications run as processes of the bench on the PostgreSQL,
# Kafka and Redis of `./sisl infra up` (needed, never started or stopped here), in a database of
# the bench's own (sisl_bench_observatory, made through the server's `postgres` superuser,
# dropped at the end unless --keep-db); the run's topics are deleted at the end. One run at a
# time. Writes the observatory section of docs/performance.md (other sections are kept).
#
#   tests/bench/run_observatory_bench.sh [--events N] [--latency M] [--idle-wait S] [--keep-db]
#       [--no-build] [--no-doc]
# --idle-wait S: before each measure, wait at most S s (default 60) for the machine to be idle.
# The whole script is one brace group, read before it runs.
{
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
LOCK=/tmp/sisl-build.lock
EVENTS=1000000 LATENCY=200 IDLE_WAIT=60
WRITE_DOC=1 KEEP_DB=0 BUILD_IT=1
usage="usage: $0 [--events N] [--latency M] [--idle-wait S] [--keep-db] [--no-build] [--no-doc]"
while (($#)); do
  case $1 in
    --events) EVENTS=$2; shift 2 ;;
    --latency) LATENCY=$2; shift 2 ;;
    --idle-wait) IDLE_WAIT=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    --no-build) BUILD_IT=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ $EVENTS =~ ^[0-9]+$ && $LATENCY =~ ^[0-9]+$ && $IDLE_WAIT =~ ^[0-9]+$ ]] &&
  ((EVENTS >= 1000 && EVENTS <= 10000000 && LATENCY >= 10 && LATENCY <= 5000)) ||
  { echo "--events 1000..10000000, --latency 10..5000" >&2; exit 2; }

exec 9>/tmp/sisl-observatory-bench.lock
if ! flock -n 9; then
  echo "== another run_observatory_bench.sh is running; waiting for it" >&2
  flock 9
fi
WORK="$(mktemp -d /tmp/sisl-observatory-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
DB=sisl_bench_observatory
ADMIN=""
cleanup() {
  if [[ -n $ADMIN ]] && ((!KEEP_DB)); then
    psql "$ADMIN" -qAtX -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

if ((BUILD_IT)); then
  t=$EPOCHREALTIME
  say "building observatory_bench, sisl-observatory, sisl-communications"
  flock "$LOCK" ninja -C "$BUILD" -j"${SISL_JOBS:-2}" observatory_bench sisl-observatory \
    sisl-communications >&2
  say "built in $(since "$t") s"
fi
for b in tests/bench/observatory_bench services/observatory/sisl-observatory \
  services/communications/sisl-communications; do
  [[ -x $BUILD/$b ]] || { say "$BUILD/$b is missing: build it (drop --no-build)"; exit 1; }
done

# ---- the infrastructure of ./sisl infra up (needed; never started or stopped here) -------------
ENV_FILE="$ROOT/.run/infra/env"
[[ -f $ENV_FILE ]] || { say "the infrastructure is not up (no $ENV_FILE): run ./sisl infra up"; exit 1; }
# shellcheck source=/dev/null
. "$ENV_FILE"
PG_HOSTPORT=$(sed -E 's#^[a-z]+://[^@]*@([^/]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")
for hp in "$PG_HOSTPORT" "$SISL_TEST_KAFKA" "$SISL_TEST_REDIS"; do
  port_open "${hp##*:}" || { say "nothing answers on $hp: run ./sisl infra up"; exit 1; }
done
ADMIN="postgresql://postgres@$PG_HOSTPORT/postgres"
PG_URL="${SISL_TEST_PG_URL%/*}/$DB"
PG_VERSION=$(psql "$ADMIN" -qAtX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER sisl" \
  -c "SHOW server_version") || { say "cannot create the $DB database"; exit 1; }
PG_SETTINGS=$(psql "$ADMIN" -qAtX -c "SELECT string_agg(name || '=' || setting ||
  coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync',
  'synchronous_commit', 'shared_buffers')")

# ---- the run ----------------------------------------------------------------------------------
wait_idle
T_RUN=$EPOCHREALTIME
status=0
"$BUILD/tests/bench/observatory_bench" "--db=$PG_URL" "--kafka=$SISL_TEST_KAFKA" \
  "--redis=$SISL_TEST_REDIS" "--root=$ROOT" "--build=$BUILD" "--work-dir=$WORK" \
  "--events=$EVENTS" "--latency=$LATENCY" "--idle-wait=$IDLE_WAIT" |
  tee "$WORK/bench.out" >&2 || status=$?
RUN_S=$(since "$T_RUN")
if ((status != 0)); then
  LOGS="${TMPDIR:-/tmp}/sisl-observatory-bench-logs"
  rm -rf "$LOGS" && mkdir -p "$LOGS" && cp "$WORK"/*.log "$WORK/bench.out" "$LOGS/" 2>/dev/null || true
  say "observatory_bench exited with $status: the servers' logs are in $LOGS"
fi
kv() { awk -F'\t' -v k="$1" '$1 == "KV" && $2 == k {v = $3} END {print v}' "$WORK/bench.out"; }
f0() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
big() {  # 1234567 -> 1,234,567
  awk -v x="$1" 'BEGIN { n = sprintf("%.0f", x); out = ""
    while (length(n) > 3) { out = "," substr(n, length(n) - 2) out; n = substr(n, 1, length(n) - 3) }
    print n out }'
}
RATIO=$(awk -v a="$(kv replay_seconds)" -v b="$(kv bl_seconds)" 'BEGIN { if (b > 0) printf "%.1f", a / b }')
say "replay: $(kv replay_rate) events/s, $(kv replay_seconds) s for $(kv events) events," \
  "$(kv replay_cells) cells, peak RSS $(kv replay_rss_peak_mb) MB; baseline COPY + GROUP BY" \
  "$(kv bl_seconds) s ($(kv bl_cells) cells); ratio ${RATIO:-?}x"
say "latency hire filed -> indicator: p50 $(kv lat_p50) ms, p95 $(kv lat_p95) ms, p99" \
  "$(kv lat_p99) ms, max $(kv lat_max) ms (p99 under 1 s: $(kv lat_p99_under_1s))"
((WRITE_DOC)) || exit "$status"
[[ -n $(kv replay_seconds) && -n $(kv bl_seconds) && -n $(kv lat_p50) ]] ||
  { say "a figure is missing: docs/performance.md left as it is"; exit 1; }
((status == 0)) || say "a check failed (see above); the figures are written anyway"

CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
VERSION="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$ROOT" status --porcelain -- services/observatory services/communications \
  services/platform 2>/dev/null) ]]; then
  VERSION+=" with uncommitted changes in services/"
fi
busy=""
for p in replay baseline latency; do [[ $(kv "idle_$p") == no ]] && busy+="${busy:+, }$p"; done
quiet="Each measure started once the machine had been idle (below 10% busy) for 2 s."
[[ -n $busy ]] && quiet="**Disturbed measures: $busy** (the machine was not idle before them: others' builds or tests on its cores); treat those figures with care."
p99_verdict="under one second"
[[ $(kv lat_p99_under_1s) == yes ]] || p99_verdict="**over one second: the target is missed**"
para() { fold -s -w 100 <<<"$*" | sed 's/ *$//'; }
ms_row() {  # label prefix
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(f0 "$(kv "$2_p50")")" \
    "$(f0 "$(kv "$2_p95")")" "$(f0 "$(kv "$2_p99")")" "$(f0 "$(kv "$2_max")")" \
    "$(f0 "$(kv "$2_mean")")"
}
section="$WORK/section.md"
{
  echo "<!-- observatory-bench:begin (written by tests/bench/run_observatory_bench.sh) -->"
  echo "## Observatory: rebuilding from the topics, and from a hire to the indicator"
  echo
  para "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU_MODEL), $MEM of memory," \
    "$(uname -sr); build \`$build_type\`, $VERSION; PostgreSQL $PG_VERSION of \`deploy/infra.sh\`" \
    "($PG_SETTINGS), its Kafka. sisl-observatory as shipped (\`observatory.batch\` 500)." \
    "Bench, services and stores share the machine. $quiet"
  echo
  para "What is measured, with the services as processes on a database of the bench's own." \
    "*Replay*: N = $(big "$(kv events)") synthetic events produced beforehand to topics of the" \
    "run's own (half \`CommunicationAccepted\` of hires, terminations, extensions and" \
    "transformations, half \`RelationshipChanged\` \"open\", $(big "$(kv open_ended_relationships)")" \
    "of them open-ended; months from $(kv first_month) over two years, Piedmont workplaces drawn" \
    "by population among $(kv places) municipalities, level-6 ATECO codes, CO contract types," \
    "sex, age band and citizenship group; producing them took $(kv produce_seconds) s," \
    "$(kv produce_mb) MB of envelopes, not part of any figure); then sisl-observatory started" \
    "with a fresh generation, so its consumer groups read the topics from offset 0: from its" \
    "start until \`observatory.inbox\` holds all N (it was ready to serve after" \
    "$(kv replay_ready_seconds) s). *Baseline*: the same events' cell deltas" \
    "($(big "$(kv bl_delta_rows)") rows, computed beforehand with the domain's" \
    "\`FlowDeltas\`/\`StockDeltas\`) COPYed into an UNLOGGED staging table and summed by one" \
    "\`INSERT ... SELECT ... SUM(n), SUM(total) ... GROUP BY ... ON CONFLICT DO UPDATE\` into" \
    "a table shaped like \`observatory.cells\`; its non-zero cells are checked equal to the" \
    "service's ($(kv bl_cells_differing) differ)."
  echo
  echo "| path | events | seconds | events/s | cells | peak RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '| sisl-observatory: replay from offset 0, start -> inbox complete | %s | **%s** | **%s** | %s | %s MB |\n' \
    "$(big "$(kv events)")" "$(kv replay_seconds)" "$(big "$(kv replay_rate)")" \
    "$(big "$(kv replay_cells)")" "$(kv replay_rss_peak_mb)"
  printf '| baseline: COPY %s s + GROUP BY %s s in PostgreSQL | %s | **%s** | **%s** | %s | |\n' \
    "$(kv bl_copy_seconds)" "$(kv bl_aggregate_seconds)" "$(big "$(kv events)")" \
    "$(kv bl_seconds)" "$(big "$(kv bl_rate)")" "$(big "$(kv bl_cells)")"
  echo
  para "The service takes ${RATIO}x the baseline's time: per event it parses the envelope," \
    "records the event in its inbox and adds its deltas in transactions of 500 events, where" \
    "the baseline only sums rows already made. The cells and the inbox take" \
    "$(kv replay_tables_mb) MB in PostgreSQL."
  echo
  para "*Latency*: M = $(kv lat_count) valid UNILAV hires of the communications generator (after" \
    "$(kv warmup) unmeasured), filed one at a time over gRPC to sisl-communications (running" \
    "beside sisl-observatory on the same database and topics, after the replay; a consultant" \
    "delegated by their $(kv lat_companies) companies); from \`FileCommunication\`'s return" \
    "(p50 $(f0 "$(kv lat_filing_p50)") ms) until \`GetStaffIndicatorTable\` \"hires\" of the" \
    "hire's month counts it, polled every 2 ms (a poll call took $(f0 "$(kv lat_poll_call_mean)")" \
    "ms on average, over the replayed cells). p99 is $p99_verdict."
  echo
  echo "| latency (ms), $(kv lat_count) hires | p50 | p95 | p99 | max | mean |"
  echo "|---|---:|---:|---:|---:|---:|"
  ms_row "**hire filed -> counted by the staff table**" lat
  echo
  para "Run it with \`tests/bench/run_observatory_bench.sh [--events N] [--latency M]" \
    "[--idle-wait S] [--keep-db] [--no-build] [--no-doc]\` (needs \`./sisl infra up\`; this" \
    "run took $RUN_S s without the build)."
  echo "<!-- observatory-bench:end -->"
} >"$section"
write_doc_section observatory-bench "$section"
exit "$status"
}
