#!/usr/bin/env bash
# Notifications benchmark (issue 14: "messages/s sent to the local SMTP server; end-to-end latency
# from booking to the confirmation received"), in one run of tests/bench/notifications_bench:
#   (1) throughput: N appointments booked over gRPC before sisl-notifications starts (at the
#       appointment topic's end), then N reminder jobs due now inserted through the store; from
#       the insert to the last message accepted by mailpit: messages/s, and the ledger's delivery
#       time (outgoing_messages.created_at -> sent_at) p50/p99;
#   (2) its baseline in the same run: the same N rendered e-mails sent straight through
#       SmtpMailer from the bench to the same mailpit (one connection, no ledger, no contact
#       read): messages/s, and the ratio;
#   (3) latency: M bookings one at a time with sisl-notifications running, each with an address
#       of its own; from BookAppointment's return to the confirmation in mailpit's API (searched
#       every 20 ms): p50, p95, p99, max, split into booking's outbox, Kafka and the consumer, the
#       sender, and mailpit.
# A mailpit of the bench's own (free ports, STARTTLS with the test certificate, AUTH accepting
# anyone, its database in a temporary directory), sisl-booking and sisl-notifications run as
# processes of the bench on the PostgreSQL, Kafka and Redis of `./sisl infra up` (needed, never
# started or stopped here), in a database of the bench's own (sisl_bench_notifications, made
# through the server's `postgres` superuser as tests/integration/test_databases.cc does, dropped
# at the end unless --keep-db). One run at a time. Writes the notifications section of
# docs/performance.md (other sections are kept).
#
#   tests/bench/run_notifications_bench.sh [--messages N] [--latency-bookings M]
#       [--send-interval D] [--idle-wait S] [--keep-db] [--no-build] [--no-doc]
# --send-interval D: notifications.send_interval of sisl-notifications (default 100ms, as shipped)
#   how often its sender looks for due messages when it found none.
# --idle-wait S: before each measure, wait at most S s (default 60) for the machine to be idle.
# The whole script is one brace group, read before it runs: editing the file while a run goes on
# does not change that run.
{
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
LOCK=/tmp/sisl-build.lock
MESSAGES=5000 LATENCY=200 SEND_INTERVAL=100ms IDLE_WAIT=60
WRITE_DOC=1 KEEP_DB=0 BUILD_IT=1
usage="usage: $0 [--messages N] [--latency-bookings M] [--send-interval D] [--idle-wait S]"
usage+=" [--keep-db] [--no-build] [--no-doc]"
while (($#)); do
  case $1 in
    --messages) MESSAGES=$2; shift 2 ;;
    --latency-bookings) LATENCY=$2; shift 2 ;;
    --send-interval) SEND_INTERVAL=$2; shift 2 ;;
    --idle-wait) IDLE_WAIT=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    --no-build) BUILD_IT=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ $MESSAGES =~ ^[0-9]+$ && $LATENCY =~ ^[0-9]+$ && $IDLE_WAIT =~ ^[0-9]+$ ]] &&
  ((MESSAGES >= 10 && MESSAGES <= 30000 && LATENCY >= 10 && LATENCY <= 5000)) &&
  [[ $SEND_INTERVAL =~ ^[0-9]+(ms|s)$ ]] ||
  { echo "--messages 10..30000, --latency-bookings 10..5000, --send-interval like 100ms" >&2; exit 2; }

# One run at a time: runs share the database name, and two runs would measure each other.
exec 9>/tmp/sisl-notifications-bench.lock
if ! flock -n 9; then
  echo "== another run_notifications_bench.sh is running; waiting for it" >&2
  flock 9
fi
WORK="$(mktemp -d /tmp/sisl-notifications-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
DB=sisl_bench_notifications
ADMIN=""
cleanup() {
  if [[ -n $ADMIN ]] && ((!KEEP_DB)); then
    psql "$ADMIN" -qAtX -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# ---- build (through the shared build lock: other people build in this tree) -------------------
if ((BUILD_IT)); then
  t=$EPOCHREALTIME
  say "building notifications_bench, sisl-booking, sisl-notifications"
  flock "$LOCK" ninja -C "$BUILD" -j"${SISL_JOBS:-2}" notifications_bench sisl-booking \
    sisl-notifications >&2
  say "built in $(since "$t") s"
fi
for b in tests/bench/notifications_bench services/booking/sisl-booking \
  services/notifications/sisl-notifications; do
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
[[ -n ${SISL_TEST_TLS_DIR:-} && -f $SISL_TEST_TLS_DIR/server.crt ]] ||
  { say "no test certificate in \$SISL_TEST_TLS_DIR: run ./sisl infra up"; exit 1; }
[[ -x $ROOT/.run/bin/mailpit ]] ||
  { say "no .run/bin/mailpit: run scripts/install-deps.sh test (or ./sisl infra up)"; exit 1; }
ADMIN="postgresql://postgres@$PG_HOSTPORT/postgres"
PG_URL="${SISL_TEST_PG_URL%/*}/$DB"
PG_VERSION=$(psql "$ADMIN" -qAtX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER sisl" \
  -c "SHOW server_version") || { say "cannot create the $DB database"; exit 1; }
PG_SETTINGS=$(psql "$ADMIN" -qAtX -c "SELECT string_agg(name || '=' || setting ||
  coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync',
  'synchronous_commit', 'shared_buffers')")
# The infrastructure's processes (those listening on its ports), for the CPU each used.
listener_pids() {  # port
  ss -ltnpH "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u |
    paste -sd+ || true
}
CPU_GROUPS=""
for c in "postgres=${PG_HOSTPORT##*:}" "kafka=${SISL_TEST_KAFKA##*:}"; do
  p=$(listener_pids "${c#*=}")
  [[ -n $p ]] && CPU_GROUPS+="${c%%=*}=$p,"
done

# ---- the run ----------------------------------------------------------------------------------
T_RUN=$EPOCHREALTIME
LOAD_AT_START=$(cut -d' ' -f1 /proc/loadavg)
status=0
"$BUILD/tests/bench/notifications_bench" "--db=$PG_URL" "--kafka=$SISL_TEST_KAFKA" \
  "--redis=$SISL_TEST_REDIS" "--tls-dir=$SISL_TEST_TLS_DIR" "--root=$ROOT" "--build=$BUILD" \
  "--work-dir=$WORK" "--messages=$MESSAGES" "--latency-bookings=$LATENCY" \
  "--send-interval=$SEND_INTERVAL" "--idle-wait=$IDLE_WAIT" "--cpu-groups=${CPU_GROUPS%,}" |
  tee "$WORK/bench.out" >&2 || status=$?
RUN_S=$(since "$T_RUN")
if ((status != 0)); then
  LOGS="${TMPDIR:-/tmp}/sisl-notifications-bench-logs"
  rm -rf "$LOGS" && mkdir -p "$LOGS" && cp "$WORK"/*.log "$WORK/bench.out" "$LOGS/" 2>/dev/null || true
  say "notifications_bench exited with $status: the servers' logs are in $LOGS"
fi
kv() { awk -F'\t' -v k="$1" '$1 == "KV" && $2 == k {v = $3} END {print v}' "$WORK/bench.out"; }
cpu() { awk -F'\t' -v p="$1" -v g="$2" '$1 == "CPU" && $2 == p && $3 == g {v = $4} END {print v}' \
  "$WORK/bench.out"; }
f0() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
f1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
RATIO=$(awk -v a="$(kv bl_rate)" -v b="$(kv tp_rate)" 'BEGIN { if (b > 0) printf "%.1f", a / b }')
say "throughput: sisl-notifications $(kv tp_rate) messages/s (ledger created->sent p50" \
  "$(kv tp_ledger_p50) ms, p99 $(kv tp_ledger_p99) ms); SmtpMailer alone $(kv bl_rate)" \
  "messages/s; ratio ${RATIO:-?}x"
say "latency booking -> confirmation in mailpit (send_interval $SEND_INTERVAL): p50" \
  "$(kv lat_total_p50) ms, p95 $(kv lat_total_p95) ms, p99 $(kv lat_total_p99) ms, max" \
  "$(kv lat_total_max) ms"
((WRITE_DOC)) || exit "$status"
[[ -n $(kv tp_rate) && -n $(kv bl_rate) && -n $(kv lat_total_p50) ]] ||
  { say "a figure is missing: docs/performance.md left as it is"; exit 1; }
((status == 0)) || say "a check failed (see above); the figures are written anyway"

CPU_MODEL=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
VERSION="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$ROOT" status --porcelain -- services/notifications services/booking \
  services/platform 2>/dev/null) ]]; then
  VERSION+=" with uncommitted changes in services/"
fi
# A measure is disturbed when the machine did not go idle before it, or when other processes
# used more than a quarter of a core during it.
busy=""
for p in latency throughput baseline; do
  if [[ $(kv "idle_$p") == no ]] || awk -v o="$(cpu "$p" other)" 'BEGIN { exit !(o > 0.25) }'; then
    busy+="${busy:+, }$p"
  fi
done
quiet="Each measure started once the machine had been idle (below 10% busy) for 2 s, and other"
quiet+=" processes used at most a quarter of a core during it."
[[ -n $busy ]] && quiet="**Disturbed measures: $busy** (the machine was not idle before, or other processes took more than a quarter of a core during it: others' builds or tests on its 2 cores, see the *other* column); treat those figures with care."
para() { fold -s -w 100 <<<"$*" | sed 's/ *$//'; }
ms_row() {  # label prefix
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(f0 "$(kv "$2_p50")")" \
    "$(f0 "$(kv "$2_p95")")" "$(f0 "$(kv "$2_p99")")" "$(f0 "$(kv "$2_max")")" \
    "$(f0 "$(kv "$2_mean")")"
}
section="$WORK/section.md"
{
  echo "<!-- notifications-bench:begin (written by tests/bench/run_notifications_bench.sh) -->"
  echo "## Notifications: messages/s to the SMTP server, and from booking to confirmation"
  echo
  para "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU_MODEL), $MEM of memory," \
    "$(uname -sr); build \`$build_type\`, $VERSION; PostgreSQL $PG_VERSION of \`deploy/infra.sh\`" \
    "($PG_SETTINGS), its Kafka; a mailpit of the bench's own (\`.run/bin/mailpit\`, STARTTLS," \
    "AUTH, SQLite store in a temporary directory). N = $(kv messages) messages, M =" \
    "$(kv latency_bookings) latency bookings; sisl-notifications with" \
    "\`notifications.send_interval\` $(kv send_interval) (shipped: 100ms;" \
    "\`SISL_NOTIFICATIONS_SEND_INTERVAL\`), \`batch\` $(kv batch) as shipped. Bench, services," \
    "stores and mailpit share the machine. $quiet"
  echo
  para "What is measured, with sisl-booking and sisl-notifications as processes on a database of" \
    "the bench's own. *sisl-notifications*: N reminder jobs due now, written through the store" \
    "as the intake writes them (for N appointments booked over gRPC before the service started" \
    "at the topic's end), until mailpit holds all N; *delivery* is each message's" \
    "\`created_at\` -> \`sent_at\` in the ledger. *Baseline*: the same N e-mails, rendered" \
    "beforehand, sent by the bench straight through \`SmtpMailer\` (one connection, STARTTLS +" \
    "AUTH as the service; no ledger, no contact read) to the same mailpit until it holds them" \
    "all. *Latency*: M bookings one at a time (after $(kv warmup) unmeasured; a random pause" \
    "under the send interval before each), each by a new citizen with an address of its own," \
    "from \`BookAppointment\`'s return to the confirmation (with its .ics) found by mailpit's" \
    "search, polled every 20 ms; the rows under the total split it with the stores' own" \
    "timestamps, each a distribution of its own (they do not add up)."
  echo
  echo "| path | messages | seconds | messages/s | delivery p50 ms | delivery p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '| sisl-notifications: reminders due -> in mailpit | %s | %s | **%s** | %s | %s |\n' \
    "$(kv tp_arrived)" "$(kv tp_seconds)" "$(kv tp_rate)" "$(f0 "$(kv tp_ledger_p50)")" \
    "$(f0 "$(kv tp_ledger_p99)")"
  printf '| baseline: SmtpMailer alone, one connection | %s | %s | **%s** | | |\n' \
    "$(kv bl_arrived)" "$(kv bl_seconds)" "$(kv bl_rate)"
  echo
  para "SMTP alone sends ${RATIO}x as many messages a second as the service:" \
    "$(awk -v r="$(kv bl_rate)" 'BEGIN { printf "%.1f", 1000 / r }') ms a message against" \
    "$(awk -v r="$(kv tp_rate)" 'BEGIN { printf "%.1f", 1000 / r }') ms. Measured apart in the" \
    "same run, one call at a time: booking's \`GetAppointmentContact\` as the service makes it" \
    "before each message (its service token; a transaction with an audit row, then the .ics)" \
    "p50 $(f1 "$(kv contact_p50)") ms, p99 $(f1 "$(kv contact_p99)") ms; rendering a reminder" \
    "$(kv bl_render_us) µs. All N jobs were due at once: from due to sent p50" \
    "$(f1 "$(awk -v x="$(kv tp_due_p50)" 'BEGIN { print x / 1000 }')") s, p99" \
    "$(f1 "$(awk -v x="$(kv tp_due_p99)" 'BEGIN { print x / 1000 }')") s."
  echo
  echo "| latency (ms), $(kv lat_count) bookings | p50 | p95 | p99 | max | mean |"
  echo "|---|---:|---:|---:|---:|---:|"
  ms_row "**BookAppointment returned -> confirmation found in mailpit**" lat_total
  ms_row "booking's outbox: created -> published to Kafka" lat_relay
  ms_row "Kafka + consumer: published -> in the ledger" lat_bus
  ms_row "sender: in the ledger -> accepted by mailpit" lat_sender
  ms_row "mailpit: accepted -> found by the search" lat_visible
  echo
  echo "CPU used during each measure, in cores (*other*: the rest of the machine):"
  echo
  echo "| measure | sisl-notifications | sisl-booking | mailpit | PostgreSQL | Kafka | bench | other |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for p in latency throughput baseline; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$p" "$(cpu "$p" notifications)" \
      "$(cpu "$p" booking)" "$(cpu "$p" mailpit)" "$(cpu "$p" postgres)" "$(cpu "$p" kafka)" \
      "$(cpu "$p" bench)" "$(cpu "$p" other)"
  done
  echo
  para "Run it with \`tests/bench/run_notifications_bench.sh [--messages N] [--latency-bookings M]" \
    "[--send-interval D] [--idle-wait S] [--keep-db] [--no-build] [--no-doc]\` (needs" \
    "\`./sisl infra up\`; this run took $RUN_S s without the build). Expect run-to-run" \
    "differences of some 30% on a shared two-core machine."
  echo "<!-- notifications-bench:end -->"
} >"$section"
write_doc_section notifications-bench "$section"
exit "$status"
}
