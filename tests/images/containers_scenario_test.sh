#!/usr/bin/env bash
# The cross-service scenario against the container images: every service and the gateway a
# container of deploy/images/build.sh (podman, host network, uid 10001, read-only root), started
# by `SISL_UP_IMAGES=TAG deploy/up.sh up` on the infrastructure of deploy/infra.sh, then the same
# checks as distributed_up_test.sh: pages and APIs, and tests/e2e/scenario/cross_service.test.mjs.
#   deploy/images/build.sh --tag TAG && tests/images/containers_scenario_test.sh TAG
# Not in ./sisl test: building the seven images from a clean clone compiles each service in its
# builder stage (about 7 minutes an image on these 2 cores), beyond the test run's budget.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG=${1:?usage: tests/images/containers_scenario_test.sh TAG (of deploy/images/build.sh --tag TAG)}
# shellcheck source=deploy/images/podman.sh
. "$ROOT/deploy/images/podman.sh"
export SISL_UP_IMAGES=$TAG SISL_UP_DIR
SISL_UP_DIR="$(mktemp -d /tmp/sisl-up-images.XXXXXX)"
export SISL_BUS_TOPIC_PREFIX="img-${SISL_UP_DIR##*.}."
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
  "$ROOT/deploy/up.sh" down >/dev/null 2>&1 || true
  if [[ ${status:-1} != 0 && -d $SISL_UP_DIR/logs ]]; then tail -n 20 "$SISL_UP_DIR"/logs/*.log >&2 || true; fi
  rm -rf "$SISL_UP_DIR"
}
trap 'status=$?; cleanup' EXIT

"$ROOT/deploy/infra.sh" up >/dev/null
t=$SECONDS
"$ROOT/deploy/up.sh" up
echo "containers: all ready in $((SECONDS - t)) s"
"$ROOT/deploy/up.sh" status || fail "a container is down or not ready"
for s in booking enterprise communications matching notifications observatory gateway; do
  read -r user ro image < <(sisl_podman inspect "sisl-up-$s" \
    --format '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.ImageName}}') ||
    fail "no container sisl-up-$s"
  [[ $user == 10001:10001 && $ro == true && $image == "localhost/sisl/sisl-$s:$TAG" ]] ||
    fail "sisl-up-$s: user $user, read-only $ro, image $image"
  echo "containers: sisl-up-$s runs $image as $user, read-only root"
done
code() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8080$1"; }
for page in / /prenota /osservatorio /comunicazioni; do
  [[ $(code "$page") == 200 ]] || fail "page $page answered $(code "$page")"
done
curl -fsS http://127.0.0.1:8080/api/openapi.json | grep -q '/api/v1/open-data/observatory' ||
  fail "the OpenAPI document misses the observatory"
# shellcheck disable=SC1091
set -a; source "${SISL_RUNTIME_DIR:-$ROOT/.run/infra}/env"; set +a
(cd "$ROOT" && SISL_WEB_URL=http://127.0.0.1:8080 SISL_BROWSER_ARTIFACTS="$SISL_UP_DIR/artifacts" \
  node --test tests/e2e/scenario/cross_service.test.mjs) || fail "the cross-service scenario"
"$ROOT/deploy/up.sh" down
for s in booking gateway; do
  ! sisl_podman container exists "sisl-up-$s" || fail "sisl-up-$s still exists after down"
done
echo "PASS: the cross-service scenario through the seven container images ($TAG)"
