#!/usr/bin/env bash
# Enterprise benchmark (issue 11): the public vacancy search (VacanciesService.SearchVacancies,
# GET /api/v1/public/vacancies) on 50,000 published vacancies, in one run, with the same queries
# and the same client threads:
#   (a) through the gateway with its response cache on (as shipped: the route's cache_seconds 30);
#   (b) through the gateway with the cache off (SISL_GATEWAY_RESPONSE_CACHE=false);
#   (c) directly over gRPC to sisl-enterprise;
#   (d) as the two SQL statements VacancyStore::Search and ::Count issue, through libpq on the
#       same database: the baseline.
# sisl-enterprise runs on the PostgreSQL, Kafka and Redis of deploy/infra.sh (started if down)
# in a database of its own (sisl_bench_enterprise, recreated each run through the server's
# `postgres` superuser, trusted on loopback; dropped at the end unless --keep-db; one run at a
# time). It is started once for its migrations and stopped; enterprise_bench --load writes
# companies and vacancies straight into the schema (COPY) and VACUUM ANALYZEs; then it is started
# again on the loaded store, with two sisl-gateway processes (cache on, cache off) in front.
# Writes the enterprise section of docs/performance.md (other sections are kept) and leaves
# EXPLAIN ANALYZE of every query's statements in $EXPLAIN_OUT.
#
#   tests/bench/run_enterprise_bench.sh [--threads N] [--seconds S] [--kind-seconds S]
#                                       [--vacancies N] [--keep-db] [--no-build] [--no-doc]
# (--no-build: use the binaries already in the build directory, e.g. while someone else's
# half-done change keeps the tree from building.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${SISL_BUILD_DIR:-$ROOT/build}"
DOC="$ROOT/docs/performance.md"
EXPLAIN_OUT="${EXPLAIN_OUT:-${TMPDIR:-/tmp}/sisl-enterprise-bench-explain.txt}"
LOCK=/tmp/sisl-build.lock
THREADS=4 SECS=10 KIND_SECS=10 VACANCIES=50000 COMPANIES=2000 WRITE_DOC=1 KEEP_DB=0 BUILD_IT=1
usage="usage: $0 [--threads N] [--seconds S] [--kind-seconds S] [--vacancies N] [--keep-db]"
usage+=" [--no-build] [--no-doc]"
while (($#)); do
  case $1 in
    --threads) THREADS=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --kind-seconds) KIND_SECS=$2; shift 2 ;;
    --vacancies) VACANCIES=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    --no-build) BUILD_IT=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
((SECS >= 1 && SECS <= 60 && KIND_SECS >= 0 && KIND_SECS <= 60)) ||
  { echo "--seconds must be 1..60, --kind-seconds 0..60" >&2; exit 2; }

# One run at a time: runs share the database name, and two runs would measure each other.
exec 9>/tmp/sisl-enterprise-bench.lock
if ! flock -n 9; then
  echo "== another run_enterprise_bench.sh is running; waiting for it" >&2
  flock 9
fi
WORK="$(mktemp -d /tmp/sisl-enterprise-bench.XXXXXX)"
# shellcheck source=tests/bench/bench_lib.sh
. "$ROOT/tests/bench/bench_lib.sh"
DB=sisl_bench_enterprise
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

# ---- build (through the shared build lock: other people build in this tree) -------------------
if ((BUILD_IT)); then
  say "building enterprise_bench, sisl-enterprise, sisl-gateway, sisl-allinone"
  flock "$LOCK" bash -c '
    [[ -f $1/build.ninja ]] || cmake -S "$2" -B "$1" -G Ninja >/dev/null
    cmake -S "$2" -B "$1" >/dev/null
    ninja -C "$1" -j"$3" enterprise_bench sisl-enterprise sisl-gateway sisl-allinone' _ \
    "$BUILD" "$ROOT" "${SISL_JOBS:-2}" >&2
fi
for b in tests/bench/enterprise_bench services/enterprise/sisl-enterprise gateway/sisl-gateway \
  apps/sisl-allinone; do
  [[ -x $BUILD/$b ]] || { say "$BUILD/$b is missing: build it (drop --no-build)"; exit 1; }
done

# ---- infrastructure and a fresh database ------------------------------------------------------
"$ROOT/deploy/infra.sh" status >/dev/null 2>&1 || "$ROOT/deploy/infra.sh" up >&2
# shellcheck source=/dev/null
. "$ROOT/.run/infra/env"
PG_HOSTPORT=$(sed -E 's#^[a-z]+://[^@]*@([^/]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")
ADMIN="postgresql://postgres@$PG_HOSTPORT/postgres"
PG_URL="${SISL_TEST_PG_URL%/*}/$DB"
PG_VERSION=$(psql "$ADMIN" -qAtX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER sisl" \
  -c "SHOW server_version") || { say "cannot create the $DB database"; exit 1; }
PG_SETTINGS=$(psql "$ADMIN" -qAtX -c "SELECT string_agg(name || '=' || setting ||
  coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers',
  'work_mem', 'fsync', 'synchronous_commit', 'jit', 'max_parallel_workers_per_gather')")
INFRA_PIDS=$("$ROOT/deploy/infra.sh" status 2>/dev/null | grep -o 'pid [0-9 ]*' |
  grep -o '[0-9]\+' | paste -sd, || true)

# A key set of this run's own.
"$BUILD/apps/sisl-allinone" keys --dir "$WORK/keys" >/dev/null
PERSON_KEY="$(cat "$WORK/keys/person-id.key")"
TRANSPORT=(SISL_DATABASE_URL="$PG_URL" SISL_BUS_BOOTSTRAP_SERVERS="$SISL_TEST_KAFKA"
  SISL_CACHE_ADDRESS="$SISL_TEST_REDIS" SISL_AUTH_PERSON_ID_KEY="$PERSON_KEY"
  SISL_AUTH_TOKEN_PUBLIC_KEY="$WORK/keys/internal-token.pub.pem")

# ---- sisl-enterprise: its migrations, the data, then the service as it starts in production ---
ENTERPRISE_GRPC="127.0.0.1:$(free_port)"
start_enterprise() {  # log-name: until its gRPC port answers
  ENTERPRISE_HTTP="127.0.0.1:$(free_port)"
  env "${TRANSPORT[@]}" SISL_SERVICE_GRPC_ADDRESS="$ENTERPRISE_GRPC" \
    SISL_SERVICE_HTTP_ADDRESS="$ENTERPRISE_HTTP" \
    "$BUILD/services/enterprise/sisl-enterprise" --config "$ROOT/deploy/config/enterprise.yaml" \
    >"$WORK/$1.log" 2>&1 &
  ENTERPRISE_PID=$!
  PIDS+=("$ENTERPRISE_PID")
  if ! wait_port "$ENTERPRISE_PID" "${ENTERPRISE_GRPC##*:}"; then
    say "sisl-enterprise did not start"; tail -20 "$WORK/$1.log" >&2; exit 1
  fi
}
start_enterprise enterprise-migrate
kill "$ENTERPRISE_PID"
wait "$ENTERPRISE_PID" 2>/dev/null || true
say "migrations applied; loading $VACANCIES vacancies"
"$BUILD/tests/bench/enterprise_bench" --load "--db=$PG_URL" "--vacancies=$VACANCIES" \
  "--companies=$COMPANIES" | tee "$WORK/load.out" >&2
# Started again on the loaded store, as after a deployment (whatever it builds at start-up, such
# as a search index, it builds from these rows).
start_enterprise enterprise

# ---- two gateways in front of it: response cache on (as shipped) and off ----------------------
start_gateway() {  # label env...: prints the HTTP address once it answers /healthz
  local label=$1 http grpc
  shift
  http="127.0.0.1:$(free_port)" grpc="127.0.0.1:$(free_port)"
  mkdir -p "$WORK/spid-$label"
  env "${TRANSPORT[@]}" "$@" SISL_AUTH_TOKEN_PRIVATE_KEY="$WORK/keys/internal-token.pem" \
    SISL_SERVICE_GRPC_ADDRESS="$grpc" SISL_SERVICE_HTTP_ADDRESS="127.0.0.1:$(free_port)" \
    SISL_GATEWAY_HTTP_ADDRESS="$http" SISL_GATEWAY_PUBLIC_URL="http://$http" \
    SISL_GATEWAY_UPSTREAMS="sisl.enterprise.v1=$ENTERPRISE_GRPC,sisl.gateway.v1=$grpc" \
    SISL_GATEWAY_UPSTREAM_DEFAULT="$ENTERPRISE_GRPC" \
    SISL_GATEWAY_DEV_MODE=true SISL_GATEWAY_ENVIRONMENT=development \
    SISL_SPID_KEY_FILE="$WORK/spid-$label/sp.key" SISL_SPID_CERT_FILE="$WORK/spid-$label/sp.crt" \
    SISL_RATE_LIMITS_PER_IP_RPS=10000000 SISL_RATE_LIMITS_PER_IP_BURST=10000000 \
    "$BUILD/gateway/sisl-gateway" --config "$ROOT/deploy/config/gateway.yaml" \
    >"$WORK/gateway-$label.log" 2>&1 &
  PIDS+=($!)
  GATEWAY_PIDS+=($!)
  if ! wait_port "$!" "${http##*:}"; then
    say "sisl-gateway ($label) did not start"; tail -20 "$WORK/gateway-$label.log" >&2; exit 1
  fi
  echo "$http" >"$WORK/http-$label"
}
GATEWAY_PIDS=()
start_gateway cache
start_gateway nocache SISL_GATEWAY_RESPONSE_CACHE=false
HTTP_CACHE=$(cat "$WORK/http-cache") HTTP_NOCACHE=$(cat "$WORK/http-nocache")

say "gateways up; waiting for the machine to be idle"
wait_idle
say "measuring: $THREADS client threads, ${SECS} s for the mix, ${KIND_SECS} s per query kind"
SERVER_PIDS=$(printf '%s,' "$ENTERPRISE_PID" "${GATEWAY_PIDS[@]}")$INFRA_PIDS
"$BUILD/tests/bench/enterprise_bench" "--db=$PG_URL" "--grpc=$ENTERPRISE_GRPC" \
  "--http-cache=$HTTP_CACHE" "--http-nocache=$HTTP_NOCACHE" "--threads=$THREADS" \
  "--seconds=$SECS" "--kind-seconds=$KIND_SECS" "--server-pids=$SERVER_PIDS" \
  "--idle-wait=60" "--explain=$EXPLAIN_OUT" | tee "$WORK/bench.out" >&2
# How the service answered: from an in-memory search index if it has one (its metrics say), or
# from the store's SQL.
INDEX_METRICS=$(curl -s --max-time 5 "http://$ENTERPRISE_HTTP/metrics" 2>/dev/null |
  awk '$1 == "sisl_vacancy_index_size" {n = $2} $1 == "sisl_vacancy_index_bytes" {b = $2}
       END { if (n != "") printf "%d vacancies, about %.0f MiB", n, b / 1048576 }' || true)
RESULTS="$WORK/results.tsv"
grep -P '^(ROW|MIXKIND|EXPLAIN)\t' "$WORK/bench.out" >"$RESULTS" || true
say "EXPLAIN ANALYZE of every query: $EXPLAIN_OUT"
((KEEP_DB)) && say "database kept: psql $PG_URL (SET search_path TO enterprise)"
((WRITE_DOC)) || exit 0

# ---- docs/performance.md: the enterprise section between markers, rewritten on every run ------
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$BUILD/CMakeCache.txt")
LOAD_LINE=$(awk -F'\t' '$2 == "seconds" {
  printf "%.1f s (generation and domain checks %.1f s, COPY %.1f s, VACUUM ANALYZE until the" \
         " visibility map is full %.1f s)",
         $10, $4, $6, $8 }' "$WORK/load.out")
LOAD_SIZE=$(awk -F'\t' '$2 == "size" {printf "%s (heap %s)", $3, $5}' "$WORK/load.out")
LOAD_MIX=$(awk -F'\t' '$2 == "mix" {
  printf "contract types A.01.00/A.02.00/A.03.09 %d/%d/%d, working time F/P %d/%d, %d reserved" \
         " under L.68/99, %d anonymous; drawn from %d Piedmont municipalities and %d CP2011" \
         " units", $4, $6, $8, $10, $12, $14, $16, $18, $20 }' "$WORK/load.out")
VISIBLE=$(awk -F'\t' '$2 == "visibility" {printf "%s of %s pages all-visible", $6, $4}' \
  "$WORK/load.out")
PLACES=$(awk -F'\t' '$2 == "size" {print $7 " municipalities, " $9 " professions"}' \
  "$WORK/load.out")
VERSION="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$ROOT" status --porcelain -- services/enterprise services/platform gateway \
  2>/dev/null) ]]; then
  VERSION+=" with uncommitted changes in services/enterprise, services/platform or gateway"
fi
para() { fold -s -w 100 <<<"$*" | sed 's/ *$//'; }
section="$WORK/section.md"
{
  echo "<!-- enterprise-bench:begin (written by tests/bench/run_enterprise_bench.sh) -->"
  echo "## Public vacancy search (enterprise)"
  echo
  para "Run on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($CPU), $MEM of memory," \
    "$(uname -sr); build \`$build_type\`; PostgreSQL $PG_VERSION of \`deploy/infra.sh\`" \
    "($PG_SETTINGS); services built from $VERSION. Clients, gateways, service and database" \
    "share the machine."
  echo
  echo "What is measured: \`GET /api/v1/public/vacancies\` (\`VacanciesService.SearchVacancies\`, page"
  echo "size 10 as shipped) on $VACANCIES published vacancies of $COMPANIES companies, with the same"
  echo "$THREADS client threads (one connection each) and the same queries on four paths:"
  echo
  echo "- *gateway, cache on*: \`sisl-gateway\` as shipped (the route's \`cache_seconds: 30\`: repeated"
  echo "  queries come from its response cache; access log on);"
  echo "- *gateway, cache off*: another \`sisl-gateway\` with \`SISL_GATEWAY_RESPONSE_CACHE=false\`:"
  echo "  every request transcoded and sent to \`sisl-enterprise\` (PostgreSQL, Kafka, Redis);"
  echo "- *gRPC*: \`SearchVacancies\` straight to \`sisl-enterprise\`;"
  echo "- *SQL*: the baseline, the two statements the store builds for the same request (recorded"
  echo "  from \`VacancyStore::Search\` and \`::Count\` as compiled into the bench: \`SELECT ... FROM"
  echo "  vacancies v JOIN companies c ... ORDER BY v.published_at DESC, v.id DESC LIMIT 11\` and"
  echo "  \`SELECT COUNT(*) FROM vacancies v WHERE ...\`), prepared once per connection like the"
  echo "  platform's adapter, through libpq, without a transaction around them."
  echo
  if [[ -n $INDEX_METRICS ]]; then
    para "\`sisl-enterprise\` answered from its in-memory search index (\`sisl_vacancy_index_size\`" \
      "and \`_bytes\`: $INDEX_METRICS), reading only the page's records from PostgreSQL; the SQL" \
      "path is what its store would run without the index."
  else
    para "\`sisl-enterprise\` has no search index (no \`sisl_vacancy_index_size\` metric): it runs" \
      "these two statements for every request, in a transaction."
  fi
  echo
  para "The data: $VACANCIES vacancies loaded straight into the \`enterprise\` schema in" \
    "$LOAD_LINE; table with indexes $LOAD_SIZE, $VISIBLE; $PLACES used ($LOAD_MIX). Every vacancy went" \
    "through the domain's submit, approve and publish (so its content passes the service's" \
    "checks), its record is \`VacancyToJson\`, its \`search_text\` \`FoldForSearch\`, its" \
    "province, centroid and CPI those of \`PlaceOf\`: Piedmont workplaces drawn by population," \
    "5-level CP2011 professions in force, contract types A.01.00/A.02.00/A.03.09 (A.03.00 closed" \
    "in 2012, so the service would refuse it), full and part time, ~5% reserved under L.68/99," \
    "titles from the profession's label and descriptions of 30-80 Italian words (Zipf)," \
    "published over the last 60 days."
  echo
  para "The query kinds (each in several variants, every path asked the same ones): *no filter*" \
    "(first page); *province* (the 8); *text, one word* (from \`esperienza\`, in nearly every" \
    "vacancy, to \`vendemmia\`, in few; \`contabilità\` folded); *text, two words*; *profession" \
    "prefix* (\`5\` to \`3.3.1.2\`); *municipality + 20 km* (the 8 chief towns); *l68Reserved*" \
    "(alone and with a province); *6th page* (the token of following \`next_page_token\` five" \
    "times, without and with a province). *mix*: all kinds in turn. Before measuring, every query" \
    "is asked on every path and the answers must agree (the gateways' JSON byte for byte with" \
    "each other and with the gRPC answer, the SQL's ids and count with gRPC's); while measuring," \
    "any other answer is an error. ${SECS} s for the mix, ${KIND_SECS} s per kind and path;" \
    "each measure starts once the machine has been idle (below 10% busy) for 2 s and is taken" \
    "again (at most 3 times, the quietest kept) when other processes used more than 0.25 cores" \
    "meanwhile."
  echo
  echo "Run it with \`tests/bench/run_enterprise_bench.sh [--threads N] [--seconds S]"
  echo "[--kind-seconds S] [--vacancies N] [--keep-db] [--no-build] [--no-doc]\` (builds what it needs;"
  echo "about $(( (SECS + 8 * KIND_SECS) * 4 / 60 + 3 )) minutes)."
  echo
  echo "Requests/s and latency (ms) per query kind and path:"
  echo
  echo "| query | cache on /s | p50 | p99 | cache off /s | p50 | p99 | gRPC /s | p50 | p99 | SQL /s | p50 | p99 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '$1 == "ROW" {
      if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 }
      rate[$3 "|" $2] = $7; p50[$3 "|" $2] = $8; p99[$3 "|" $2] = $9 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; line = "| " (k == "mix" ? "**mix**" : k)
        split("gw-cache gw-nocache grpc sql", paths, " ")
        for (j = 1; j <= 4; j++) {
          key = k "|" paths[j]
          cell99 = p99[key]
          if (paths[j] == "gw-nocache" && cell99 + 0 > 20) cell99 = "**" cell99 "**"
          line = line sprintf(" | %s | %s | %s", rate[key], p50[key], cell99)
        }
        print line " |"
      }
    }' "$RESULTS"
  echo
  echo "The SQL baseline split into its two statements (ms), the gateway's cache hits, errors and"
  echo "what the rest of the machine used during the measures (cores; highest of the four paths):"
  echo
  echo "| query | SELECT p50 | SELECT p99 | COUNT p50 | COUNT p99 | cache hits | errors | other CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '$1 == "ROW" {
      if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 }
      if ($2 == "sql") { s50[$3] = $15; s99[$3] = $16; c50[$3] = $17; c99[$3] = $18 }
      if ($2 == "gw-cache") hits[$3] = $11
      err[$3] += $10; if ($12 > other[$3]) other[$3] = $12 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]
        printf "| %s | %s | %s | %s | %s | %s%% | %d | %.2f |\n", (k == "mix" ? "**mix**" : k),
               s50[k], s99[k], c50[k], c99[k], hits[k], err[k], other[k]
      }
    }' "$RESULTS"
  echo
  awk -F'\t' -v threads="$THREADS" -v q="'" '
    $1 == "ROW" && $2 == "sql" && $3 == "mix" { sel50 = $15; cnt50 = $17 }
    $1 == "ROW" {
      rate[$3 "|" $2] = $7; p50[$3 "|" $2] = $8; p99[$3 "|" $2] = $9
      if ($3 != "mix" && $2 == "gw-nocache" && $9 + 0 > 20) {
        miss = miss (miss ? ", " : "") $3 " (" $9 " ms)"
      }
      if ($13 == 0 || $12 > 0.25) { busy++; if ($12 > maxo) maxo = $12 }
    }
    END {
      u = "mix|gw-nocache"; c = "mix|gw-cache"; g = "mix|grpc"; s = "mix|sql"
      printf "Target: p99 under 20 ms through the gateway with the cache off, on this machine," \
             " with %d client threads: the mix has p99 %s ms, %s.", threads, p99[u],
             (p99[u] + 0 < 20 ? "**met**" : "**not met**")
      if (miss != "") printf " Kinds above 20 ms: %s.", miss
      else printf " Every kind alone is under 20 ms."
      printf " In SQL the COUNT(*) alone takes p50 %s ms of the mix%ss %s ms, the page%ss SELECT" \
             " %s ms.", cnt50, q, p50[s], q, sel50
      printf " The same mix takes p99 %s ms over gRPC and %s ms as bare SQL (%s/s); with the" \
             " cache on the gateway serves %s/s at p99 %s ms.", p99[g], p99[s], rate[s], rate[c],
             p99[c]
      if (busy > 0) {
        printf " The machine was busy during %d measures (other processes up to %.2f cores, or" \
               " no idle moment before the measure): treat those rows with care.", busy, maxo
      } else {
        printf " The machine was quiet during every measure."
      }
      printf "\n"
    }' "$RESULTS" | fold -s -w 100 | sed 's/ *$//'
  if grep -q '^EXPLAIN' "$RESULTS"; then
    echo
    echo "EXPLAIN ANALYZE (after five executions of the prepared statement, as a service connection"
    echo "runs it) of the slowest variant of each kind (ms, and the plan's nodes):"
    echo
    echo "| query | variant | SELECT ms | SELECT plan | COUNT ms | COUNT plan |"
    echo "|---|---|---:|---|---:|---|"
    awk -F'\t' '$1 == "EXPLAIN" {
        t = $4 + $5
        if (!($2 in best) || t > best[$2]) { best[$2] = t; line[$2] = $0 }
        if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
      END {
        for (i = 1; i <= n; i++) {
          split(line[order[i]], f, "\t")
          gsub(/ ms$/, "", f[5]); gsub(/ ms$/, "", f[4])
          gsub(/ on (vacancies v|companies c)/, "", f[6]); gsub(/ on (vacancies v|companies c)/, "", f[7])
          printf "| %s | `%s` | %s | %s | %s | %s |\n", f[2], f[3], f[4], f[6], f[5], f[7]
        }
      }' "$RESULTS"
  fi
  echo
  echo "Expect run-to-run differences of some 30% on a shared two-core machine; compare rows of"
  echo "the same run rather than runs."
  echo "<!-- enterprise-bench:end -->"
} >"$section"

write_doc_section enterprise-bench "$section"
