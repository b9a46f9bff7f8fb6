#!/usr/bin/env bash
# Booking benchmark: availability searches and bookings over gRPC against
#   (a) sisl-allinone (SQLite, in-process bus, memory cache), fresh data dir, demo calendars;
#   (b) sisl-booking on the real PostgreSQL, Kafka and Redis (deploy/infra.sh), demo calendars,
#       in a database of its own (sisl_bench, recreated each run through the server's `postgres`
#       superuser, trusted on loopback by deploy/infra.sh) so that the shared `sisl` database of
#       the integration tests gets no demo calendars;
# next to the same availability queries in plain SQL on each store. Writes the booking section
# of docs/performance.md (other sections are kept).
#
#   tests/bench/run_booking_bench.sh [--threads N] [--seconds S] [--no-doc]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
THREADS=16 SECS=10 WRITE_DOC=1
while (($#)); do
  case $1 in
    --threads) THREADS=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "usage: $0 [--threads N] [--seconds S] [--no-doc]" >&2; exit 2 ;;
  esac
done
((SECS >= 1 && SECS <= 60)) || { echo "--seconds must be 1..60" >&2; exit 2; }

WORK="$(mktemp -d /tmp/sisl-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do
    if kill "$p" 2>/dev/null; then wait "$p" 2>/dev/null || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

say "building booking_bench, sisl-allinone, sisl-booking"
[[ -f $BUILD/build.ninja ]] || cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null
cmake -S "$ROOT" -B "$BUILD" >/dev/null
ninja -C "$BUILD" -j"${SISL_JOBS:-2}" booking_bench sisl-allinone sisl-booking >&2
BENCH=("$BUILD/tests/bench/booking_bench" "--threads=$THREADS" "--seconds=$SECS")
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

run_target() {  # label pid grpc-port bench-args...
  local label=$1 pid=$2 port=$3
  shift 3
  if ! wait_port "$pid" "$port"; then
    say "$label did not start"
    tail -20 "$WORK/$label.log" >&2
    exit 1
  fi
  say "$label is up; waiting for start-up work to settle"
  wait_idle
  say "measuring $label: $THREADS client threads, ${SECS} s per measure"
  "${BENCH[@]}" "--label=$label" "--grpc=127.0.0.1:$port" "$@" | tee -a "$WORK/bench.out" |
    awk -F'\t' '$1 == "ROW"' >>"$RESULTS"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# (a) the all-in-one on a fresh data dir
port=$(free_port)
SISL_DATA_DIR="$WORK/data" SISL_GRPC_ADDRESS="127.0.0.1:$port" \
  SISL_HTTP_ADDRESS="127.0.0.1:$(free_port)" SISL_LOG_LEVEL=warn \
  SISL_GATEWAY_HTTP_ADDRESS="127.0.0.1:$(free_port)" \
  "$BUILD/apps/sisl-allinone" >"$WORK/allinone.log" 2>&1 &
PIDS+=($!)
run_target allinone "$!" "$port" "--db=sqlite:$WORK/data/booking.db" \
  "--private-key-file=$WORK/data/internal-token-ed25519.pem"

# (b) sisl-booking on the real infrastructure
"$ROOT/deploy/infra.sh" status >/dev/null 2>&1 || "$ROOT/deploy/infra.sh" up >&2
# shellcheck source=/dev/null
. "$ROOT/.run/infra/env"
PG_HOSTPORT=$(sed -E 's#^[a-z]+://[^@]*@([^/]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")
PG_URL="${SISL_TEST_PG_URL%/*}/sisl_bench"
PG_VERSION=$(psql "postgresql://postgres@$PG_HOSTPORT/postgres" -qAtX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS sisl_bench WITH (FORCE)" -c "CREATE DATABASE sisl_bench OWNER sisl" \
  -c "SHOW server_version") || { say "cannot create the sisl_bench database"; exit 1; }
# A key set of this run's own (the gateway's private key signs the bench's tokens).
"$BUILD/apps/sisl-allinone" keys --dir "$WORK/keys" >/dev/null
port=$(free_port)
SISL_DATABASE_URL="$PG_URL" SISL_BUS_BOOTSTRAP_SERVERS="$SISL_TEST_KAFKA" \
  SISL_CACHE_ADDRESS="$SISL_TEST_REDIS" SISL_LOG_LEVEL=warn \
  SISL_AUTH_TOKEN_PUBLIC_KEY="$WORK/keys/internal-token.pub.pem" \
  SISL_AUTH_PERSON_ID_KEY="$(cat "$WORK/keys/person-id.key")" \
  SISL_SERVICE_GRPC_ADDRESS="127.0.0.1:$port" SISL_SERVICE_HTTP_ADDRESS="127.0.0.1:$(free_port)" \
  SISL_BOOKING_SEED_DEMO_CALENDARS=true \
  "$BUILD/services/booking/sisl-booking" --config "$ROOT/deploy/config/booking.yaml" \
  >"$WORK/postgres.log" 2>&1 &
PIDS+=($!)
run_target postgres "$!" "$port" "--db=$PG_URL" \
  "--private-key-file=$WORK/keys/internal-token.pem"
psql "postgresql://postgres@$PG_HOSTPORT/postgres" -qAtX \
  -c "DROP DATABASE IF EXISTS sisl_bench WITH (FORCE)" >/dev/null || true

cat "$RESULTS" >&2
((WRITE_DOC)) || exit 0

# ---- docs/performance.md: the booking section between markers, rewritten on every run --------
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
section="$WORK/section.md"
{
  echo "<!-- booking-bench:begin (written by tests/bench/run_booking_bench.sh) -->"
  echo "## Booking: availability search and booking"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU), $MEM of memory,"
  build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
  echo "$(uname -sr); build \`$build_type\`;"
  echo "PostgreSQL $PG_VERSION of \`deploy/infra.sh\` (test settings: \`fsync=off\`,"
  echo "\`synchronous_commit=off\`). Clients, server and stores share the same machine; each"
  echo "target is measured once the machine has been idle (below 10% busy) for 2 s."
  echo
  echo "What is measured, with $THREADS client threads (one gRPC connection each) for ${SECS} s per"
  echo "row, against a fresh \`sisl-allinone\` (SQLite) and a fresh \`sisl-booking\` (PostgreSQL"
  echo "database \`sisl_bench\`, Kafka, Redis), both seeded with the demo calendars (44 sites, 13"
  echo "weeks):"
  echo
  echo "- *day/month availability, gRPC + index*: \`AvailabilityService/GetDayAvailability\` and"
  echo "  \`GetMonthAvailability\` for \`DID_PATTO\` in the province of Torino (17 sites), over the"
  echo "  days and months that have free seats, answered from the in-memory availability index;"
  echo "- *SQL on the store*: the same questions as one SQL query each on the \`slots\` table"
  echo "  (\`... WHERE service_code = \$1 AND site_code IN (...) AND local_day BETWEEN \$2 AND \$3"
  echo "  AND booked < capacity GROUP BY local_day\`), run through the platform db adapter"
  echo "  (SQLite: its one connection; PostgreSQL: a pool of $THREADS), without gRPC;"
  echo "- *booking*: \`AppointmentsService/BookAppointment\`, each by a new invented citizen, on"
  echo "  the free \`DID_PATTO\` seats of the whole region, earliest first (SLOT_TAKEN counted"
  echo "  apart; it stays near 0 because each seat is handed to one client)."
  echo
  echo "Run it with \`tests/bench/run_booking_bench.sh [--threads N] [--seconds S] [--no-doc]\`"
  echo "(needs \`deploy/infra.sh up\`; builds what it needs; about $((SECS * 10 + 30)) s)."
  echo
  echo "| store | operation | path | calls | calls/s | p50 ms | p99 ms | errors | SLOT_TAKEN |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ store = ($2 == "allinone") ? "SQLite (all-in-one)" : "PostgreSQL (sisl-booking)";
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                       store, $3, $4, $6, $8, $9, $10, $11, $12 }' "$RESULTS"
  echo
  awk -F'\t' '
    { key = $2 "|" $3 "|" $4; rate[key] = $8; p50[key] = $9; p99[key] = $10 }
    function cmp(store, op,   g, q) {
      g = store "|" op "|gRPC + index"; q = store "|" op "|SQL on the store"
      return sprintf("%s/s (p50 %s ms, p99 %s ms) against %s/s (%s ms, %s ms) in SQL, %.1fx",
                     rate[g], p50[g], p99[g], rate[q], p50[q], p99[q], rate[g] / rate[q])
    }
    END {
      for (s = 0; s < 2; s++) {
        store = s ? "postgres" : "allinone"; name = s ? "PostgreSQL" : "SQLite"
        if (!((store "|month availability|SQL on the store") in rate)) continue
        printf "%s, through gRPC and the index against the same query on the store: month view " \
               "%s; day view %s. Bookings: %s/s.\n", name, cmp(store, "month availability"),
               cmp(store, "day availability"), rate[store "|booking|gRPC"]
        if (!s) printf "\n"
      }
    }' "$RESULTS" | fold -s -w 100 | sed 's/ *$//'
  echo
  echo "Expect run-to-run differences of some 30% on a shared two-core machine; compare rows of"
  echo "the same run rather than runs."
  echo "<!-- booking-bench:end -->"
} >"$section"

write_doc_section booking-bench "$section"
