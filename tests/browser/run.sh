#!/usr/bin/env bash
# Browser tests of the web pages: Debian's Chromium driven by playwright-core (node:test), against
# a fresh all-in-one on free ports.
#   phase 1: citizen, contact-centre, operator, enterprise, enterprise_l68 (L.68/99 returns and
#            service requests), communications (mandatory communications), communications_bulk
#            (bulk filing, receipts) and matching (profiles, matching, proposals, candidates, the
#            hire closing the loop) flows (the operator flow books two appointments at its CPI for
#            phase 2 and writes them to attendance-seed.json);
#   phase 2: the same data directory, the all-in-one restarted with its clock moved past those
#            appointments (libfaketime), so that attendance can be recorded: delivered, no-show,
#            justification.
# Screenshots, the server logs and the seed file stay in $SISL_BINARY_DIR/test-artifacts/browser/.
#
#   tests/browser/run.sh [flow ...]     flows: citizen contact-centre operator enterprise enterprise_l68
#                                       communications communications_bulk matching attendance
set -euo pipefail
SRC="${SISL_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
BIN="${SISL_BINARY_DIR:-$SRC/build}"
ALLINONE="$BIN/apps/sisl-allinone"
ART="$BIN/test-artifacts/browser"
CHROMIUM="${SISL_CHROMIUM:-/usr/bin/chromium}"
FLOWS=("$@")
((${#FLOWS[@]})) || FLOWS=(citizen contact-centre operator enterprise enterprise_l68 communications communications_bulk matching attendance)

[[ -x $ALLINONE ]] || { echo "missing $ALLINONE (build sisl-allinone first)" >&2; exit 1; }
[[ -x $CHROMIUM ]] || { echo "missing $CHROMIUM: scripts/install-deps.sh test installs the chromium package" >&2; exit 1; }
"$SRC/scripts/build-web.sh"

rm -rf "$ART"
mkdir -p "$ART"
WORK=$(mktemp -d /tmp/sisl-browser.XXXXXX)
PID=""
stop_server() {
  if [[ -n $PID ]] && kill "$PID" 2>/dev/null; then wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
GRPC=$(free_port) HTTP=$(free_port) WEBPORT=$(free_port)
export SISL_WEB_URL="http://127.0.0.1:$WEBPORT" SISL_BROWSER_ARTIFACTS="$ART" SISL_CHROMIUM="$CHROMIUM"

start_server() {  # log-name [env assignments for faketime...]
  local log=$1
  shift
  env SISL_DATA_DIR="$WORK/data" SISL_GRPC_ADDRESS="127.0.0.1:$GRPC" SISL_HTTP_ADDRESS="127.0.0.1:$HTTP" \
    SISL_GATEWAY_HTTP_ADDRESS="127.0.0.1:$WEBPORT" SISL_GATEWAY_PUBLIC_URL="$SISL_WEB_URL" \
    SISL_GATEWAY_WEB_DIR="$SRC/gateway/web/dist" SISL_LOG_LEVEL=warn \
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
    citizen | contact-centre | operator | enterprise | enterprise_l68 | communications | communications_bulk | matching) phase1+=("$f") ;;
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
    start_server allinone-phase2.log LD_PRELOAD="$lib" FAKETIME="+${days}d" FAKETIME_DONT_FAKE_MONOTONIC=1
    for f in "${phase2[@]}"; do run_flow "$f"; done
    stop_server
  fi
fi

echo "browser flows ($((SECONDS - started)) s; screenshots in $ART):"
echo "$passed passed, $failed failed"
((failed == 0))
