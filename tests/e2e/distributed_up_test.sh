#!/usr/bin/env bash
# ./sisl up: every service and the gateway as its own process on the real infrastructure, each
# with a database and role of its own, answer the same pages and APIs as the all-in-one on
# http://127.0.0.1:8080, and the cross-service scenario (tests/e2e/scenario/cross_service.test.mjs,
# which scenario_embedded_test.sh runs against the all-in-one) passes through them; ./sisl down
# stops them all. Needs deploy/infra.sh up (./sisl test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SISL_UP_DIR
SISL_UP_DIR="$(mktemp -d /tmp/sisl-up-test.XXXXXX)"
# Topics of this run only (bus.topic_prefix): the shared broker keeps what other tests and earlier
# runs published, which the consumers here would otherwise replay before the scenario's events.
export SISL_BUS_TOPIC_PREFIX="up-${SISL_UP_DIR##*.}."
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
  "$ROOT/deploy/up.sh" down >/dev/null 2>&1 || true
  if [[ -d $SISL_UP_DIR/logs ]] && [[ ${status:-1} != 0 ]]; then
    tail -n 20 "$SISL_UP_DIR"/logs/*.log >&2 || true
  fi
  rm -rf "$SISL_UP_DIR"
}
trap 'status=$?; cleanup' EXIT

"$ROOT/deploy/up.sh" up
"$ROOT/deploy/up.sh" status || fail "a process is down or not ready"
# One process per service, each on its own database.
for s in booking enterprise communications matching notifications observatory gateway; do
  pid=$(<"$SISL_UP_DIR/pids/$s")
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "sisl-$s --config" || fail "sisl-$s is not its own process"
  grep -q "SISL_DATABASE_URL=postgresql://sisl_$s:" "/proc/$pid/environ" ||
    fail "sisl-$s is not on a database and role of its own"
done
code() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8080$1"; }
for page in / /prenota /osservatorio /comunicazioni; do
  [[ $(code "$page") == 200 ]] || fail "page $page answered $(code "$page")"
done
body=$(curl -fsS 'http://127.0.0.1:8080/api/v1/offices?pageSize=3')
grep -q '"siteCode"' <<<"$body" || fail "offices: $body"
body=$(curl -fsS 'http://127.0.0.1:8080/api/v1/observatory/indicators')
grep -q '"id":"hires"' <<<"$body" || fail "observatory indicators: $body"
[[ $(code /api/v1/my/appointments) == 401 ]] || fail "a session route answered without a session"
openapi=$(curl -fsS http://127.0.0.1:8080/api/openapi.json)
grep -q '/api/v1/open-data/observatory' <<<"$openapi" ||
  fail "the OpenAPI document misses the observatory"
INFRA_ENV="${SISL_RUNTIME_DIR:-$ROOT/.run/infra}/env"
if [[ -z ${SISL_TEST_MAILPIT_API:-} && -f $INFRA_ENV ]]; then
  # shellcheck disable=SC1090
  source "$INFRA_ENV"
fi
(cd "$ROOT" && SISL_WEB_URL=http://127.0.0.1:8080 SISL_BROWSER_ARTIFACTS="$SISL_UP_DIR/artifacts" \
  node --test tests/e2e/scenario/cross_service.test.mjs) || fail "the cross-service scenario"
"$ROOT/deploy/up.sh" down
if "$ROOT/deploy/up.sh" status >/dev/null; then fail "processes still run after down"; fi
echo "PASS: ./sisl up served the pages and APIs with every service its own process"
