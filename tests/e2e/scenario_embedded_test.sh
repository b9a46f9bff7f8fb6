#!/usr/bin/env bash
# The cross-service scenario (tests/e2e/scenario/cross_service.test.mjs) against the embedded way:
# one all-in-one process on SQLite, the in-process bus and the in-memory cache (as ./sisl run),
# mailing through the real SMTP server of deploy/infra.sh (mailpit; ./sisl test starts it).
# distributed_up_test.sh runs the same file against every service as its own process.
set -euo pipefail
SRC="${SISL_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
BIN="${SISL_BINARY_DIR:-$SRC/build}"
ALLINONE="$BIN/apps/sisl-allinone"
[[ -x $ALLINONE ]] || { echo "missing $ALLINONE (build sisl-allinone first)" >&2; exit 1; }
INFRA_ENV="${SISL_RUNTIME_DIR:-$SRC/.run/infra}/env"
if [[ -z ${SISL_TEST_MAILPIT_API:-} && -f $INFRA_ENV ]]; then
  # shellcheck disable=SC1090
  source "$INFRA_ENV"
fi
: "${SISL_TEST_SMTP:?no SMTP server: deploy/infra.sh up}" "${SISL_TEST_MAILPIT_API:?no mailbox API}"
curl -fs --max-time 2 -o /dev/null "$SISL_TEST_MAILPIT_API/readyz" ||
  { echo "the mailbox $SISL_TEST_MAILPIT_API does not answer: deploy/infra.sh up" >&2; exit 1; }
"$SRC/scripts/build-web.sh"

WORK=$(mktemp -d /tmp/sisl-scenario.XXXXXX)
PID=""
cleanup() {
  if [[ -n $PID ]] && kill "$PID" 2>/dev/null; then wait "$PID" 2>/dev/null || true; fi
  [[ ${status:-1} == 0 ]] || tail -n 30 "$WORK/allinone.log" >&2 || true
  rm -rf "$WORK"
}
trap 'status=$?; cleanup' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WEBPORT=$(free_port)
export SISL_WEB_URL="http://127.0.0.1:$WEBPORT" SISL_BROWSER_ARTIFACTS="$WORK/artifacts"
env SISL_DATA_DIR="$WORK/data" SISL_GRPC_ADDRESS="127.0.0.1:$(free_port)" \
  SISL_HTTP_ADDRESS="127.0.0.1:$(free_port)" SISL_GATEWAY_HTTP_ADDRESS="127.0.0.1:$WEBPORT" \
  SISL_GATEWAY_PUBLIC_URL="$SISL_WEB_URL" SISL_GATEWAY_WEB_DIR="$SRC/gateway/web/dist" \
  SISL_LOG_LEVEL=warn SISL_NOTIFICATIONS_SMTP_HOST="${SISL_TEST_SMTP%:*}" \
  SISL_NOTIFICATIONS_SMTP_PORT="${SISL_TEST_SMTP##*:}" SISL_NOTIFICATIONS_PORTAL_URL="$SISL_WEB_URL/" \
  "$ALLINONE" >"$WORK/allinone.log" 2>&1 &
PID=$!
for ((i = 0; i < 600; i++)); do
  curl -fs -o /dev/null "$SISL_WEB_URL/healthz" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "the all-in-one exited during start-up" >&2; exit 1; }
  sleep 0.1
done
cd "$SRC"
node --test tests/e2e/scenario/cross_service.test.mjs
echo "PASS: the cross-service scenario, embedded"
