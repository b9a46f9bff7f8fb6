#!/usr/bin/env bash
# Communications benchmark (issue 12), in one run:
#   (1) bulk throughput: a 100,000-record upload (generator seed fixed, 10% invalid, a ZIP of
#       batch documents) through sisl-communications over gRPC (CreateBulkUpload as a labour
#       consultant holding a delegation for every company of the file, polled with GetBulkUpload
#       until DONE), checked to be validated (report counts equal to the generator's), stored
#       and published (outbox rows sent to Kafka);
#   (2) its baseline: a COPY of the same 100,000 rows, as the communications table keeps them,
#       into a plain table of the same shape through libpq; the ratio, and the issue's targets
#       (at least 30,000 records/s; within 3x of the COPY) printed PASS or MISS;
#   (3) single filings: FileCommunication of valid hires (each a new worker) through the gateway
#       (REST, sessions of the development IdP's consultant logged in by the SAML flow) beside the
#       same over gRPC with a minted token: p50/p99, mean, count.
# sisl-communications, sisl-enterprise (the consultant's delegation for the gateway session is
# made there, as tests/integration/communications_test.cc makes it) and sisl-gateway run as
# processes on the PostgreSQL, Kafka and Redis of deploy/infra.sh (started if down, never
# stopped) in a database of the bench's own (sisl_bench_communications, recreated each run
# through the server's `postgres` superuser, trusted on loopback; dropped at the end unless
# --keep-db). One run at a time. Writes the communications section of docs/performance.md
# (other sections are kept).
#
#   tests/bench/run_communications_bench.sh [--records N] [--hires N] [--threads N]
#       [--sessions N] [--bulk-timeout S] [--idle-wait S] [--profile] [--keep-db] [--no-build]
#       [--no-doc]
# --idle-wait S: before each measure, wait at most S s (default 60) for the heavy integration test
#   communications_bulk_integration_test to end, and as long for the machine to be idle.
# --profile: perf record of sisl-communications for 20 s of the bulk processing (the report's
#   top functions in $PROFILE_OUT; perf's sampling costs the service a few per cent).
# --bulk-timeout S (default 400): an upload not done by then is counted as far as it got, and
#   sisl-communications is stopped so that it does not go on under the COPY.
# --no-build: use the binaries already built (e.g. while someone's half-done change keeps the
#   tree from building).
# The whole script is one brace group, read before it runs: editing the file (or checking out
# another version) while a run goes on does not change that run.
{
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
PROFILE_OUT="${PROFILE_OUT:-${TMPDIR:-/tmp}/sisl-communications-bench-profile.txt}"
LOCK=/tmp/sisl-build.lock
RECORDS=100000 SEED=12 HIRES=2000 THREADS=3 SESSIONS=32 BULK_TIMEOUT=400 IDLE_WAIT=60
WRITE_DOC=1 KEEP_DB=0 BUILD_IT=1 PROFILE=0
usage="usage: $0 [--records N] [--hires N] [--threads N] [--sessions N] [--bulk-timeout S]"
usage+=" [--idle-wait S] [--profile] [--keep-db] [--no-build] [--no-doc]"
while (($#)); do
  case $1 in
    --records) RECORDS=$2; shift 2 ;;
    --hires) HIRES=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --sessions) SESSIONS=$2; shift 2 ;;
    --bulk-timeout) BULK_TIMEOUT=$2; shift 2 ;;
    --idle-wait) IDLE_WAIT=$2; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    --keep-db) KEEP_DB=1; shift ;;
    --no-build) BUILD_IT=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
((RECORDS >= 100 && RECORDS <= 200000 && HIRES >= 10 && THREADS >= 1 && THREADS <= 8 &&
  SESSIONS >= 1)) ||
  { echo "--records 100..200000, --hires >= 10, --threads 1..8, --sessions >= 1" >&2; exit 2; }

# One run at a time: runs share the database name, and two runs would measure each other.
exec 9>/tmp/sisl-communications-bench.lock
if ! flock -n 9; then
  echo "== another run_communications_bench.sh is running; waiting for it" >&2
  flock 9
fi
STARTED=$EPOCHREALTIME
WORK="$(mktemp -d /tmp/sisl-communications-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
DB=sisl_bench_communications
ADMIN=""
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    if kill "$p" 2>/dev/null; then wait "$p" 2>/dev/null || true; fi
  done
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
  say "building communications_bench, sisl-communications, sisl-enterprise, sisl-gateway, sisl-allinone"
  flock "$LOCK" bash -c '
    [[ -f $1/build.ninja ]] || cmake -S "$2" -B "$1" -G Ninja >/dev/null
    ninja -C "$1" -j"$3" communications_bench sisl-communications sisl-enterprise sisl-gateway \
      sisl-allinone' _ "$BUILD" "$ROOT" "${SISL_JOBS:-2}" >&2
  say "built in $(since "$t") s"
fi
for b in tests/bench/communications_bench services/communications/sisl-communications \
  services/enterprise/sisl-enterprise gateway/sisl-gateway apps/sisl-allinone; do
  [[ -x $BUILD/$b ]] || { say "$BUILD/$b is missing: build it (drop --no-build)"; exit 1; }
done
if ((PROFILE)) && ! command -v perf >/dev/null; then say "--profile needs perf"; exit 1; fi

# ---- not beside the heavy integration test (it would measure it, and disturb it) ---------------
T_WAIT=$EPOCHREALTIME
for ((i = 0; i < 90; i++)); do
  heavy=$(pgrep -af communications_bulk_integration_test | head -1) || break
  ((i % 6 == 0)) && say "waiting for the heavy integration test to end (at most 15 min): $heavy"
  sleep 10
done
WAITED=$(since "$T_WAIT")
T_RUN=$EPOCHREALTIME

# ---- infrastructure and a fresh database ------------------------------------------------------
T_SETUP=$EPOCHREALTIME
ENV_FILE="$ROOT/.run/infra/env"
infra_answers() {  # the servers of $ENV_FILE answer on their ports (whoever started them)
  [[ -f $ENV_FILE ]] || return 1
  (
    # shellcheck source=/dev/null
    . "$ENV_FILE"
    port_open "$(sed -E 's#.*:([0-9]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")" &&
      port_open "${SISL_TEST_KAFKA##*:}" && port_open "${SISL_TEST_REDIS##*:}"
  )
}
# Started from another checkout on the same ports: used as it is, never restarted. While
# someone else's is going down, `up` finds its ports taken: tried again a little later.
for ((try = 1; ; try++)); do
  "$ROOT/deploy/infra.sh" status >/dev/null 2>&1 && break
  if infra_answers; then
    say "the infrastructure answers on its ports (not started from this checkout): using it"
    break
  fi
  "$ROOT/deploy/infra.sh" up >&2 && break
  ((try < 4)) || { say "cannot start the infrastructure (deploy/infra.sh up)"; exit 1; }
  say "deploy/infra.sh up failed; trying again in 15 s"
  sleep 15
done
# shellcheck source=/dev/null
. "$ENV_FILE"
PG_HOSTPORT=$(sed -E 's#^[a-z]+://[^@]*@([^/]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")
ADMIN="postgresql://postgres@$PG_HOSTPORT/postgres"
PG_URL="${SISL_TEST_PG_URL%/*}/$DB"
PG_VERSION=$(psql "$ADMIN" -qAtX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER sisl" \
  -c "SHOW server_version") || { say "cannot create the $DB database"; exit 1; }
PG_SETTINGS=$(psql "$ADMIN" -qAtX -c "SELECT string_agg(name || '=' || setting ||
  coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers',
  'fsync', 'synchronous_commit', 'wal_level', 'max_wal_size')")
# The infrastructure's processes (those listening on its ports), for the CPU each used while
# measured.
listener_pids() {  # port
  ss -ltnpH "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u |
    paste -sd+ || true
}
CPU_GROUPS=""
for c in "postgres=${PG_HOSTPORT##*:}" "kafka=${SISL_TEST_KAFKA##*:}" \
  "redis=${SISL_TEST_REDIS##*:}"; do
  p=$(listener_pids "${c#*=}")
  [[ -n $p ]] && CPU_GROUPS+="${c%%=*}=$p,"
done

# A key set of this run's own; consumer groups of this run only (a killed process of an earlier
# run still holds its groups' partitions until the broker's session timeout).
"$BUILD/apps/sisl-allinone" keys --dir "$WORK/keys" >/dev/null
PERSON_KEY="$(cat "$WORK/keys/person-id.key")"
TRANSPORT=(SISL_DATABASE_URL="$PG_URL" SISL_BUS_BOOTSTRAP_SERVERS="$SISL_TEST_KAFKA"
  SISL_CACHE_ADDRESS="$SISL_TEST_REDIS" SISL_AUTH_PERSON_ID_KEY="$PERSON_KEY"
  SISL_AUTH_TOKEN_PUBLIC_KEY="$WORK/keys/internal-token.pub.pem"
  SISL_BUS_GROUP_PREFIX="$DB.$(date +%s%N).")

start_service() {  # name grpc-address env...: until its gRPC port answers; sets SERVICE_PID
  local name=$1 grpc=$2
  shift 2
  env "${TRANSPORT[@]}" "$@" SISL_SERVICE_GRPC_ADDRESS="$grpc" \
    SISL_SERVICE_HTTP_ADDRESS="127.0.0.1:$(free_port)" \
    "$BUILD/services/$name/sisl-$name" --config "$ROOT/deploy/config/$name.yaml" \
    >"$WORK/$name.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
  if ! wait_port "$SERVICE_PID" "${grpc##*:}"; then
    say "sisl-$name did not start"; tail -20 "$WORK/$name.log" >&2; exit 1
  fi
}
COMMUNICATIONS_GRPC="127.0.0.1:$(free_port)"
mkdir -p "$WORK/spool"
start_service communications "$COMMUNICATIONS_GRPC" SISL_COMMUNICATIONS_SPOOL_DIR="$WORK/spool"
COMMUNICATIONS_PID=$SERVICE_PID
ENTERPRISE_GRPC="127.0.0.1:$(free_port)"
start_service enterprise "$ENTERPRISE_GRPC"
ENTERPRISE_PID=$SERVICE_PID

# The gateway as shipped, but for the per-IP and login limits (every client is 127.0.0.1, and
# the bench logs the consultant in --threads x --sessions times).
HTTP="127.0.0.1:$(free_port)" GATEWAY_GRPC="127.0.0.1:$(free_port)"
mkdir -p "$WORK/spid"
env "${TRANSPORT[@]}" SISL_AUTH_TOKEN_PRIVATE_KEY="$WORK/keys/internal-token.pem" \
  SISL_SERVICE_GRPC_ADDRESS="$GATEWAY_GRPC" SISL_SERVICE_HTTP_ADDRESS="127.0.0.1:$(free_port)" \
  SISL_GATEWAY_HTTP_ADDRESS="$HTTP" SISL_GATEWAY_PUBLIC_URL="http://$HTTP" \
  SISL_GATEWAY_UPSTREAMS="sisl.enterprise.v1=$ENTERPRISE_GRPC,sisl.communications.v1=$COMMUNICATIONS_GRPC,sisl.gateway.v1=$GATEWAY_GRPC" \
  SISL_GATEWAY_UPSTREAM_DEFAULT="$COMMUNICATIONS_GRPC" \
  SISL_GATEWAY_DEV_MODE=true SISL_GATEWAY_ENVIRONMENT=development \
  SISL_SPID_KEY_FILE="$WORK/spid/sp.key" SISL_SPID_CERT_FILE="$WORK/spid/sp.crt" \
  SISL_RATE_LIMITS_PER_IP_RPS=10000000 SISL_RATE_LIMITS_PER_IP_BURST=10000000 \
  SISL_RATE_LIMITS_LOGINS_PER_MINUTE=10000000 SISL_RATE_LIMITS_LOGINS_BURST=10000000 \
  SISL_RATE_LIMITS_SAML_PER_MINUTE=10000000 SISL_RATE_LIMITS_SAML_BURST=10000000 \
  "$BUILD/gateway/sisl-gateway" --config "$ROOT/deploy/config/gateway.yaml" \
  >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=("$GATEWAY_PID")
if ! wait_port "$GATEWAY_PID" "${HTTP##*:}"; then
  say "sisl-gateway did not start"; tail -20 "$WORK/gateway.log" >&2; exit 1
fi
CPU_GROUPS="communications=$COMMUNICATIONS_PID,enterprise=$ENTERPRISE_PID,gateway=$GATEWAY_PID,$CPU_GROUPS"
say "services up in $(since "$T_SETUP") s (sisl-communications pid $COMMUNICATIONS_PID)"

# ---- the measures -----------------------------------------------------------------------------
PERF=()
((PROFILE)) && PERF=("--perf-pid=$COMMUNICATIONS_PID" "--perf-out=$WORK/perf.data")
status=0
"$BUILD/tests/bench/communications_bench" "--db=$PG_URL" "--grpc=$COMMUNICATIONS_GRPC" \
  "--http=$HTTP" "--private-key-file=$WORK/keys/internal-token.pem" \
  "--person-id-key=$PERSON_KEY" "--records=$RECORDS" "--seed=$SEED" "--hires=$HIRES" \
  "--threads=$THREADS" "--sessions=$SESSIONS" "--bulk-timeout=$BULK_TIMEOUT" \
  "--idle-wait=$IDLE_WAIT" "--service-pid=$COMMUNICATIONS_PID" \
  "--cpu-groups=${CPU_GROUPS%,}" "--work-dir=$WORK" "${PERF[@]}" |
  tee "$WORK/bench.out" >&2 || status=$?
if ((PROFILE)) && [[ -s $WORK/perf.data ]]; then
  perf_report() {  # sort-keys: the lines above 0.5%, trailing blanks cut
    perf report -i "$WORK/perf.data" --no-children --sort "$1" --stdio -g none \
      --percent-limit 0.5 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/ *$//' || true
  }
  { echo "# by library"; perf_report dso; echo "# by function"; perf_report dso,symbol; } \
    >"$PROFILE_OUT"
  cp "$WORK/perf.data" "${PROFILE_OUT%.txt}.data"
  say "profile of sisl-communications while processing: $PROFILE_OUT (perf data:" \
    "${PROFILE_OUT%.txt}.data)"
  head -40 "$PROFILE_OUT" >&2
fi
((KEEP_DB)) && say "database kept: psql $PG_URL (SET search_path TO communications)"
if ((status != 0)); then
  # Something was not met or not measured: the services' logs stay for a look.
  LOGS="${TMPDIR:-/tmp}/sisl-communications-bench-logs"
  rm -rf "$LOGS" && mkdir -p "$LOGS" && cp "$WORK"/*.log "$WORK/bench.out" "$LOGS/" 2>/dev/null || true
  say "communications_bench exited with $status (a check failed or a measure is missing): the" \
    "services' logs are in $LOGS"
fi
kv() { awk -F'\t' -v k="$1" '$1 == "KV" && $2 == k {v = $3} END {print v}' "$WORK/bench.out"; }
grep -P '^TARGET\t' "$WORK/bench.out" | awk -F'\t' '{printf "== target %s: %s (target %s): %s\n", $2, $3, $4, $5}' >&2 || true
say "whole run: $(since "$STARTED") s (of which the build and $WAITED s waiting for the heavy" \
  "integration test: $(since "$T_RUN") s without them)"
((WRITE_DOC)) || exit "$status"
[[ -n $(kv bulk_records_per_s) ]] || { say "no bulk figure: docs/performance.md left as it is"; exit 1; }

# ---- docs/performance.md: the communications section between markers ------------------------
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
VERSION="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$ROOT" status --porcelain -- services/communications services/platform gateway \
  2>/dev/null) ]]; then
  VERSION+=" with uncommitted changes in services/communications, services/platform or gateway"
fi
para() { fold -s -w 100 <<<"$*" | sed 's/ *$//'; }
item() { fold -s -w 98 <<<"$*" | sed 's/ *$//; 2,$s/^/  /'; }
cpu_of() {  # phase: "label cores, ..." of the groups that used at least 0.01 cores
  awk -F'\t' -v p="$1" '$1 == "CPU" && $2 == p && $4 + 0 >= 0.01 {
    s = s (s ? ", " : "") $3 " " $4 } END {print s}' "$WORK/bench.out"
}
mark() { [[ $1 == PASS ]] && echo "**met**" || echo "**not met**"; }
target() { awk -F'\t' -v k="$1" '$1 == "TARGET" && $2 == k {print $5}' "$WORK/bench.out"; }
records=$(kv bulk_records) rate=$(kv bulk_records_per_s) copy_rate=$(kv copy_plain_rows_per_s)
elapsed=$(kv bulk_elapsed_s) accepted=$(kv bulk_accepted) refused=$(kv bulk_refused)
per_record() {  # counter: per record of the upload
  awk -v a="$(kv "bulk_db_$1")" -v n="$(kv bulk_records_done)" \
    'BEGIN { if (n > 0) printf "%.1f", a / n }'
}
section="$WORK/section.md"
{
  echo "<!-- communications-bench:begin (written by tests/bench/run_communications_bench.sh) -->"
  echo "## Communications: bulk upload and single filings"
  echo
  para "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU), $MEM of memory," \
    "$(uname -sr); build \`$build_type\`; PostgreSQL $PG_VERSION of \`deploy/infra.sh\`" \
    "($PG_SETTINGS), its Kafka and Redis; services built from $VERSION. Client, gateway," \
    "services and servers share the machine. Connections to PostgreSQL are TLS where libpq's" \
    "default (\`sslmode=prefer\`) makes them so: the services' $(kv db_service_connections_tls)," \
    "the COPY's $(kv db_bench_connection_tls).$( ((PROFILE)) && echo " This run was profiled" \
    "(\`perf record\` of \`sisl-communications\` for 20 s of the bulk processing), which costs" \
    "the service a few per cent.")"
  echo
  para "What is measured, in one run of \`tests/bench/run_communications_bench.sh\`, with" \
    "\`sisl-communications\`, \`sisl-enterprise\` and \`sisl-gateway\` as processes on a database" \
    "of the bench's own (each measure once the machine has been idle for 2 s):"
  echo
  item "- *bulk upload*: $records records of \`tests/support/co_generator.h\` (seed $SEED, 10%" \
    "invalid, filed today), written with \`BatchXmlWriter::AddUnchecked\` into" \
    "$(kv bulk_xml_bytes | awk '{printf "%.0f", $1 / 1048576}') MiB of batch XML in a ZIP of" \
    "$(kv bulk_zip_bytes | awk '{printf "%.1f", $1 / 1048576}') MiB, sent with" \
    "\`CreateBulkUpload\` over gRPC by a labour consultant acting for one of the" \
    "$(kv bulk_companies) companies of the file and holding a delegation for each (written into" \
    "\`delegation_replica\` by SQL), then \`GetBulkUpload\` every 250 ms until DONE;" \
    "throughput = records / (finish_time - create_time) as the service records them, beside the" \
    "processing rate it reports (\`records_per_second\`). \`communications.bulk_batch\` as" \
    "shipped (500)."
  item "- *COPY*: the baseline, the same $records records as the rows the \`communications\`" \
    "table keeps for them (code, relationship_id, filed_for, worker, form, nature, event," \
    "event_date, state, due_date, days_late, warnings, the XML text, filed_by, filed_by_role," \
    "protocol_at, seq; $(kv copy_bytes | awk '{printf "%.0f", $1 / 1048576}') MiB of COPY text" \
    "prepared beforehand) in one \`COPY ... FROM STDIN\` through libpq into \`CREATE TABLE ..." \
    "(LIKE communications)\` (no key, no index); and, for reference, into one with the table's" \
    "key and indexes (\`INCLUDING ALL\`)."
  item "- *single filings*: \`FileCommunication\` of $(kv filing_hires) valid UNILAV hires of one" \
    "company (each a new worker) with $(kv filing_threads) client threads: through the gateway" \
    "(\`POST /api/v1/communications\`, JSON, sessions of the development IdP's consultant logged" \
    "in by the SAML flow and acting for the company through a delegation made in" \
    "\`sisl-enterprise\`, as \`tests/integration/communications_test.cc\` does), and over gRPC" \
    "with a token minted as the gateway mints it (the baseline). The gateway lets a session file" \
    "5 writes a second (burst 20, not configurable), so each thread spreads its filings over" \
    "$SESSIONS sessions and waits when all of them have spent their budget (*paced*); after" \
    "50 unmeasured warm-up filings per path."
  echo
  echo "| path | records | seconds | records/s | |"
  echo "|---|---:|---:|---:|---|"
  queued=$(kv bulk_queue_s)
  printf '| bulk upload through sisl-communications (%s) | %s | %s | **%s** | service reports %s/s processing%s |\n' \
    "$(kv bulk_state)" "$(kv bulk_records_done)" "$elapsed" "$rate" \
    "$(kv bulk_service_records_per_s)" "${queued:+, $queued s queued first}"
  printf '| COPY into a plain table (baseline) | %s | %s | **%s** | %s MiB on disk |\n' \
    "$(kv copy_plain_rows)" "$(kv copy_plain_s)" "$copy_rate" \
    "$(kv copy_plain_bytes | awk '{printf "%.0f", $1 / 1048576}')"
  printf '| COPY into a table with the key and indexes | %s | %s | %s | %s MiB on disk |\n' \
    "$(kv copy_indexed_rows)" "$(kv copy_indexed_s)" "$(kv copy_indexed_rows_per_s)" \
    "$(kv copy_indexed_bytes | awk '{printf "%.0f", $1 / 1048576}')"
  echo
  para "Targets of issue 12: at least 30,000 records/s: $rate records/s," \
    "$(mark "$(target bulk_records_per_s)"); within 3x of the COPY: the COPY is" \
    "$(kv copy_over_bulk)x faster, $(mark "$(target copy_over_bulk)")."
  echo
  if [[ $(kv bulk_service_stopped) == yes ]]; then
    para "**The upload was not done after $BULK_TIMEOUT s** (--bulk-timeout): \`sisl-communications\`" \
      "was stopped there (SIGTERM), so that it would not go on under the COPY; the figures are" \
      "those of the $(kv bulk_records_done) records it had committed, and the events it had not" \
      "published yet stay unsent."
    echo
  fi
  para "Checked after the upload: the report has $accepted accepted and $refused refused against" \
    "the generator's $(kv bulk_expected_accepted) valid and $(kv bulk_expected_refused) invalid" \
    "among the $(kv bulk_records_done) records done" \
    "($( [[ $(kv bulk_counts_match_generator) == yes ]] && echo "equal" || echo "**different**"))," \
    "$(kv bulk_report_rows) report rows, $(kv bulk_stored) communications stored and" \
    "$(kv bulk_spooled) spooled for the national node (of which the forwarder had sent" \
    "$(awk -v a="$(kv forwarding_sent)" -v b="$(kv forwarding_acknowledged)" \
      'BEGIN {print a + b}') when the service was stopped: it works through them in the" \
    "background, after the upload); the outbox holds" \
    "$(kv bulk_events_communications) communication and $(kv bulk_events_relationships)" \
    "relationship events, $(kv bulk_events_published) of them published to Kafka" \
    "($(kv bulk_events_unsent) unsent)$(lag=$(kv bulk_published_after_finish_s); [[ -n $lag ]] &&
      echo ", the last $lag s after the upload's finish_time")." \
    "Uploading took $(kv bulk_create_call_s) s of the elapsed time (the \`CreateBulkUpload\`" \
    "call). While processing, the upload paused (records_done, polled every 250 ms, did not" \
    "advance for more than 5 s; a batch of 500 records commits at once) $(kv bulk_pauses) times," \
    "$(kv bulk_paused_s) s in all, $(kv bulk_longest_pause_s) s at the longest; outside the" \
    "pauses it went at $(kv bulk_records_per_s_outside_pauses) records/s."
  echo
  para "Where the time goes, during the upload (cores): $(cpu_of bulk). The database per record:" \
    "$(per_record tup_inserted) rows inserted, $(per_record tup_updated) updated," \
    "$(per_record tup_fetched) fetched by index, $(per_record xact_commit) commits" \
    "(\`pg_stat_database\`, the service's other work of the time included). The COPY ran" \
    "with \`sisl-communications\` stopped (its forwarder would still be writing the spool) and" \
    "used: $(cpu_of copy_plain)."
  echo
  echo "What each table of the service saw during the upload (\`pg_stat_user_tables\`; per record"
  echo "of the upload; the relay's and the forwarder's work of the time included):"
  echo
  echo "| table | index scans | rows by index | seq scans | rows by seq scan | inserted | updated (HOT) | deleted |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' -v n="$(kv bulk_records_done)" '$1 == "TABLE" && n > 0 {
      printf "| %s | %.2f | %.2f | %.4f | %.1f | %.2f | %.2f (%.2f) | %.2f |\n", $2, $5 / n,
             $6 / n, $3 / n, $4 / n, $7 / n, $8 / n, $9 / n, $10 / n }' "$WORK/bench.out"
  echo
  para "The sequential scans on relationships are the first batches' reads by worker list: the" \
    "upload starts on an empty database, which the planner takes for nearly empty until the" \
    "processor's first ANALYZE (after 2,000 records, then after 4,000, 8,000 ... more). Each batch" \
    "is written while the next one is filed, its plain inserts as COPY" \
    "(docs/adr/0028-bulk-write-behind.md)."
  if ((PROFILE)) && [[ -s $PROFILE_OUT ]]; then
    echo
    para "Profile of \`sisl-communications\` while it processed (perf, 20 s, share of its" \
      "samples by library): $(awk '/^# by library/ {on = 1; next} /^#/ {on = 0}
        on && NF >= 2 && n++ < 8 {printf "%s%s %s", (n > 1 ? ", " : ""), $2, $1}' \
        "$PROFILE_OUT")."
  fi
  echo
  echo "Single filings (ms):"
  echo
  echo "| path | filings | errors | seconds | filings/s | mean | p50 | p90 | p99 | max | paced s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '$1 == "LAT" {
      name = $2 == "grpc" ? "gRPC, minted token (baseline)" : "gateway, REST + session"
      printf "| %s | %s | %s | %s | %s | %s | **%s** | %s | **%s** | %s | %s |\n",
             name, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$WORK/bench.out"
  echo
  para "CPU while filing over gRPC: $(cpu_of filing-grpc); through the gateway:" \
    "$(cpu_of filing-gateway)."
  neighbours=$(awk -F'\t' '$1 == "NEIGHBOUR" && $3 != "-" {print $2}' "$WORK/bench.out" |
    sort -u | paste -sd, | sed 's/,/, /g')
  busy=$(awk -F'\t' '$1 == "CPU" && $3 == "other" && $4 + 0 > 0.25 {
    s = s (s ? ", " : "") $2 " (" $4 " cores)" } END {print s}' "$WORK/bench.out")
  if [[ -n $busy ]]; then
    echo
    para "**Disturbed**: other processes of the machine (builds, tests) used more than 0.25 cores" \
      "during: $busy. Treat those figures with care, or run the bench again on a quiet machine."
  fi
  if [[ -n $neighbours ]]; then
    echo
    para "**Disturbed**: the heavy integration test \`communications_bulk_integration_test\` ran" \
      "during these measures: $neighbours. Run the bench again when it is not running."
  fi
  echo
  echo "Phases of the run (s):"
  echo
  echo "| phase | seconds |"
  echo "|---|---:|"
  awk -F'\t' '$1 == "PHASE" {printf "| %s | %s |\n", $2, $3}' "$WORK/bench.out"
  echo
  para "Run it with \`tests/bench/run_communications_bench.sh [--records N] [--hires N]" \
    "[--threads N] [--sessions N] [--bulk-timeout S] [--idle-wait S] [--profile] [--keep-db]" \
    "[--no-build] [--no-doc]\` (builds what it needs; this run took $(since "$T_RUN") s without" \
    "the build and the wait for the heavy integration test). Expect run-to-run differences of" \
    "some 30% on a shared two-core machine; compare rows of the same run rather than runs."
  echo "<!-- communications-bench:end -->"
} >"$section"
write_doc_section communications-bench "$section"
exit "$status"
}
