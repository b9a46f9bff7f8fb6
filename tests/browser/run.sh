#!/usr/bin/env bash
# Browser tests of the web pages: Debian's Chromium driven by playwright-core (node:test), against
# a fresh all-in-one on free ports.
#   phase 1: citizen, contact-centre, operator, enterprise, enterprise_l68 (L.68/99 returns and
#            service requests), communications (mandatory communications), communications_bulk
#            (bulk filing, receipts), matching (profiles, matching, proposals, candidates, the
#            hire closing the loop), notifications (the confirmation e-mail read back from the
#            local mailbox, preferences, undelivered messages) and observatory (the public charts,
#            the map of the provinces, open data, the CPI activity) flows (the operator flow books
#            two appointments at its CPI for phase 2 and writes them to attendance-seed.json);
#   phase 2: the same data directory, the all-in-one restarted with its clock moved past those
#            appointments (libfaketime), so that attendance can be recorded: delivered, no-show,
#            justification.
# Screenshots, the server logs and the seed file stay in $SISL_BINARY_DIR/test-artifacts/browser/.
#
# E-mail: the all-in-one mails through the local SMTP server mailpit (deploy/lib/mailpit.sh) and
# the notifications flow reads the mailbox through mailpit's HTTP API (SISL_TEST_MAILPIT_API).
# The one of `./sisl infra up` when it answers (./sisl test exports SISL_TEST_SMTP and
# SISL_TEST_MAILPIT_API; run by hand they are read from the infrastructure's env file); else, when
# the notifications flow runs, a mailpit of this run only (.run/bin/mailpit, from
# scripts/install-deps.sh test) on free ports with a throwaway certificate, stopped at the end.
#
#   tests/browser/run.sh [flow ...]     flows: citizen contact-centre operator enterprise enterprise_l68
#                                       communications communications_bulk matching notifications
#                                       observatory attendance
set -euo pipefail
SRC="${SISL_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
BIN="${SISL_BINARY_DIR:-$SRC/build}"
ALLINONE="$BIN/apps/sisl-allinone"
ART="$BIN/test-artifacts/browser"
CHROMIUM="${SISL_CHROMIUM:-/usr/bin/chromium}"
FLOWS=("$@")
((${#FLOWS[@]})) || FLOWS=(citizen contact-centre operator enterprise enterprise_l68 communications communications_bulk matching notifications observatory attendance)

[[ -x $ALLINONE ]] || { echo "missing $ALLINONE (build sisl-allinone first)" >&2; exit 1; }
[[ -x $CHROMIUM ]] || { echo "missing $CHROMIUM: scripts/install-deps.sh test installs the chromium package" >&2; exit 1; }
"$SRC/scripts/build-web.sh"

rm -rf "$ART"
mkdir -p "$ART"
WORK=$(mktemp -d /tmp/sisl-browser.XXXXXX)
PID="" MAILPIT_PID=""
stop_server() {
  if [[ -n $PID ]] && kill "$PID" 2>/dev/null; then wait "$PID" 2>/dev/null || true; fi
  PID=""
}
stop_mailpit() {
  if [[ -n $MAILPIT_PID ]] && kill "$MAILPIT_PID" 2>/dev/null; then wait "$MAILPIT_PID" 2>/dev/null || true; fi
  MAILPIT_PID=""
}
trap 'stop_server; stop_mailpit; rm -rf "$WORK"' EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
GRPC=$(free_port) HTTP=$(free_port) WEBPORT=$(free_port)
export SISL_WEB_URL="http://127.0.0.1:$WEBPORT" SISL_BROWSER_ARTIFACTS="$ART" SISL_CHROMIUM="$CHROMIUM"

# ---- the mailbox (see the header) ------------------------------------------------------------
INFRA_ENV="${SISL_RUNTIME_DIR:-$SRC/.run/infra}/env"
if [[ -z ${SISL_TEST_MAILPIT_API:-} && -f $INFRA_ENV ]]; then
  SISL_TEST_SMTP=$(set +u; . "$INFRA_ENV"; echo "${SISL_TEST_SMTP:-}")
  SISL_TEST_MAILPIT_API=$(set +u; . "$INFRA_ENV"; echo "${SISL_TEST_MAILPIT_API:-}")
fi
mailpit_answers() { curl -fs --max-time 2 -o /dev/null "$1/readyz" 2>/dev/null; }
# A mailpit for this run: the command line of deploy/lib/mailpit.sh with free ports, a database
# and a self-signed certificate under $WORK (the all-in-one skips the check on loopback).
start_mailpit() {
  local REPO=$SRC RUN=$WORK TLS_DIR=$WORK/tls MAILPIT_SMTP_PORT MAILPIT_HTTP_PORT MAILPIT_DIR MAILPIT_BIN MAILPIT_ALLOWED_RCPT cmd i
  # shellcheck source=../../deploy/lib/mailpit.sh
  source "$SRC/deploy/lib/mailpit.sh"
  [[ -x $MAILPIT_BIN ]] || { echo "no mailbox: $MAILPIT_BIN missing (scripts/install-deps.sh test) and no mailpit at ${SISL_TEST_MAILPIT_API:-127.0.0.1:58025} (./sisl infra up)" >&2; return 1; }
  MAILPIT_SMTP_PORT=$(free_port) MAILPIT_HTTP_PORT=$(free_port)
  mkdir -p "$MAILPIT_DIR" "$TLS_DIR"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.crt" >/dev/null 2>&1
  mapfile -t cmd < <(mailpit_cmd)
  "${cmd[@]}" >"$ART/mailpit.log" 2>&1 &
  MAILPIT_PID=$!
  export SISL_TEST_SMTP="127.0.0.1:$MAILPIT_SMTP_PORT" SISL_TEST_MAILPIT_API="http://127.0.0.1:$MAILPIT_HTTP_PORT"
  for ((i = 0; i < 100; i++)); do
    mailpit_answers "$SISL_TEST_MAILPIT_API" && { echo "== mailpit of this run: SMTP $SISL_TEST_SMTP, $SISL_TEST_MAILPIT_API"; return 0; }
    kill -0 "$MAILPIT_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "mailpit did not start; its log:" >&2
  tail -20 "$ART/mailpit.log" >&2
  return 1
}
NO_MAILBOX=""
if [[ -n ${SISL_TEST_MAILPIT_API:-} ]] && mailpit_answers "$SISL_TEST_MAILPIT_API"; then
  echo "== mailpit of the infrastructure: SMTP ${SISL_TEST_SMTP:-127.0.0.1:51025}, $SISL_TEST_MAILPIT_API"
elif [[ " ${FLOWS[*]} " == *" notifications "* ]]; then
  start_mailpit || NO_MAILBOX=1
fi
export SISL_TEST_SMTP="${SISL_TEST_SMTP:-127.0.0.1:51025}" SISL_TEST_MAILPIT_API="${SISL_TEST_MAILPIT_API:-http://127.0.0.1:58025}"

start_server() {  # log-name [env assignments for faketime...]
  local log=$1
  shift
  env SISL_DATA_DIR="$WORK/data" SISL_GRPC_ADDRESS="127.0.0.1:$GRPC" SISL_HTTP_ADDRESS="127.0.0.1:$HTTP" \
    SISL_GATEWAY_HTTP_ADDRESS="127.0.0.1:$WEBPORT" SISL_GATEWAY_PUBLIC_URL="$SISL_WEB_URL" \
    SISL_GATEWAY_WEB_DIR="$SRC/gateway/web/dist" SISL_LOG_LEVEL=warn \
    SISL_NOTIFICATIONS_SMTP_HOST="${SISL_TEST_SMTP%:*}" SISL_NOTIFICATIONS_SMTP_PORT="${SISL_TEST_SMTP##*:}" \
    SISL_NOTIFICATIONS_PORTAL_URL="$SISL_WEB_URL/" SISL_NOTIFICATIONS_MAILBOX_URL="$SISL_TEST_MAILPIT_API" \
    SISL_RATE_LIMITS_PER_IP_RPS=1000 SISL_RATE_LIMITS_PER_IP_BURST=1000 "$@" \
    "$ALLINONE" >"$ART/$log" 2>&1 &
  PID=$!
  local i
  for ((i = 0; i < 600; i++)); do
    curl -fs -o /dev/null "$SISL_WEB_URL/healthz" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the all-in-one did not start; its log:" >&2
  tail -30 "$ART/$log" >&2
  exit 1
}

passed=0 failed=0
run_flow() {
  echo "== browser flow: $1"
  if [[ $1 == notifications && -n $NO_MAILBOX ]]; then
    echo "notifications flow not run: no mailbox (see above)" >&2
    failed=$((failed + 1))
    return
  fi
  if (cd "$SRC" && node --test "tests/browser/$1.test.mjs"); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

started=$SECONDS
phase1=() phase2=()
for f in "${FLOWS[@]}"; do
  case $f in
    attendance) phase2+=("$f") ;;
    citizen | contact-centre | operator | enterprise | enterprise_l68 | communications | communications_bulk | matching | notifications | observatory) phase1+=("$f") ;;
    *) echo "unknown flow $f" >&2; exit 2 ;;
  esac
done

start_server allinone-phase1.log
for f in "${phase1[@]}"; do run_flow "$f"; done
stop_server

if ((${#phase2[@]})); then
  seed="$ART/attendance-seed.json"
  lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1 || true)
  if [[ ! -f $seed ]]; then
    echo "no $seed (the operator flow writes it): attendance flow not run" >&2
    failed=$((failed + 1))
  elif [[ -z $lib ]]; then
    echo "libfaketime missing (scripts/install-deps.sh test installs faketime): attendance flow not run" >&2
    failed=$((failed + 1))
  else
    # Days from now until after the latest seeded appointment.
    last=$(node -e 'const s=require(process.argv[1]); console.log(Math.max(...s.appointments.map(a=>Date.parse(a.endTime))))' "$seed")
    days=$(((last / 1000 - $(date +%s)) / 86400 + 1))
    echo "== restarting the all-in-one $days days in the future"
    # libfaketime and jemalloc (ADR 0027) both step in at a process's start and deadlock each
    # other ("cannot recover from unexpected recursive calls to clock_gettime()"): the shifted
    # phase runs the same all-in-one without the jemalloc dependency, on glibc's malloc.
    cp "$ALLINONE" "$WORK/sisl-allinone"
    # (sed reads readelf's whole output: `grep -q` would end the pipe early, and pipefail then
    # reads readelf's SIGPIPE as "not linked".)
    jemalloc=$(readelf -d "$WORK/sisl-allinone" | sed -n 's/.*NEEDED.*\[\(libjemalloc[^]]*\)\].*/\1/p')
    if [[ -n $jemalloc ]]; then patchelf --remove-needed "$jemalloc" "$WORK/sisl-allinone"; fi
    ALLINONE="$WORK/sisl-allinone"
    start_server allinone-phase2.log LD_PRELOAD="$lib" FAKETIME="+${days}d" FAKETIME_DONT_FAKE_MONOTONIC=1
    for f in "${phase2[@]}"; do run_flow "$f"; done
    stop_server
  fi
fi

echo "browser flows ($((SECONDS - started)) s; screenshots in $ART):"
echo "$passed passed, $failed failed"
((failed == 0))
