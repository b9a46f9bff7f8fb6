#!/usr/bin/env bash
# The distributed way on one machine: every service and the gateway as its own process against
# the real Kafka, PostgreSQL and Redis of deploy/infra.sh (started here when down), a database
# and role per service, on the ports of deploy/config/*.yaml and the all-in-one's public ones
# (web and REST on http://127.0.0.1:8080).
#   deploy/up.sh up       build what is missing, start the infrastructure and every process
#   deploy/up.sh down     stop the processes (the infrastructure keeps running: ./sisl infra down)
#   deploy/up.sh status   each process: pid, ports, /readyz
# With SISL_UP_IMAGES=TAG each process is instead a container of the images of
# deploy/images/build.sh (localhost/sisl/sisl-<name>:TAG) run by podman on the host network, as
# uid 10001 on a read-only root filesystem, with the same settings (environment variables) and
# the keys, secrets and spool mounted from the state directory.
# State lives in ${SISL_UP_DIR:-<repo>/.run/up}: keys (made once with `sisl-allinone keys`), the
# database passwords, the gateway's development SPID key, pid files and one log per process
# (logs/<service>.log).
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$DEPLOY")"
BUILD="${SISL_BUILD_DIR:-$REPO/build}"
UP="${SISL_UP_DIR:-$REPO/.run/up}"
INFRA_RUN="${SISL_RUNTIME_DIR:-$REPO/.run/infra}"
# The services in start order (the gateway last: it serves once its upstreams answer).
SERVICES=(booking enterprise communications matching notifications observatory)
# shellcheck source=deploy/lib/process.sh
. "$DEPLOY/lib/process.sh"
if [[ -n ${SISL_UP_IMAGES:-} ]]; then
  # shellcheck source=deploy/images/podman.sh
  . "$DEPLOY/images/podman.sh"
fi

say() { printf 'up: %s\n' "$*"; }
die() { printf 'up: error: %s\n' "$*" >&2; exit 1; }
# The port of `key: 127.0.0.1:PORT` in a config file.
port_of() { sed -nE "s/^ *$2: *[0-9.]+:([0-9]+).*/\1/p" "$REPO/deploy/config/$1.yaml" | head -1; }
# The port a service listens on (service.grpc_address or service.http_address): its config's,
# unless something else holds it (the services' ports lie in Linux's ephemeral range, so an
# outgoing connection of another process may have it): then a free one, said and remembered in
# ports/<service>.<key> for status and for the services that call it.
listen_port() {  # service key
  local file="$UP/ports/$1.$2" port
  if pid_of "$1" >/dev/null; then port_now "$1" "$2"; return; fi  # runs already: keeps its port
  port=$(port_of "$1" "$2")
  if port_open "$port" || ss -Htan "( sport = :$port )" 2>/dev/null | grep -q .; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    say "$1: port $(port_of "$1" "$2") of its $2 is taken; it listens on $port instead" >&2
  fi
  echo "$port" >"$file"
  echo "$port"
}
# The port it was started on (listen_port), else its config's.
port_now() { cat "$UP/ports/$1.$2" 2>/dev/null || port_of "$1" "$2"; }
binary_of() {
  if [[ $1 == gateway ]]; then echo "$BUILD/gateway/sisl-gateway"; else
    echo "$BUILD/services/$1/sisl-$1"; fi
}
pid_of() {  # service: its pid when it runs
  local pid
  [[ -r $UP/pids/$1 ]] && read -r pid <"$UP/pids/$1" && [[ $pid =~ ^[0-9]+$ ]] && running "$pid" &&
    cmdline_has "$pid" "sisl-$1" && echo "$pid"
}

# A database and a login role of its own for `service`, owning it (idempotent); prints its URL.
database_for() {
  local service=$1 pw_file="$UP/secrets/db-$1" admin pw
  admin="postgresql://postgres@127.0.0.1:${PG_PORT}/postgres"
  [[ -s $pw_file ]] || (umask 077 && openssl rand -hex 16 >"$pw_file")
  pw=$(<"$pw_file")
  psql "$admin" -qAtX -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT format('CREATE ROLE %I LOGIN', 'sisl_$service')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sisl_$service') \gexec
ALTER ROLE sisl_$service PASSWORD '$pw';
SELECT format('CREATE DATABASE %I OWNER %I', 'sisl_$service', 'sisl_$service')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'sisl_$service') \gexec
REVOKE ALL ON DATABASE sisl_$service FROM PUBLIC;
SQL
  echo "postgresql://sisl_$service:$pw@127.0.0.1:${PG_PORT}/sisl_$service"
}

start_one() {  # service env...: starts it in the background, its log in logs/<service>.log
  local service=$1 pid
  shift
  if pid=$(pid_of "$service"); then say "$service already runs (pid $pid)"; return; fi
  if [[ -n ${SISL_UP_IMAGES:-} ]]; then start_container "$service" "$@"; return; fi
  (
    cd "$REPO"
    exec env "$@" "$(binary_of "$service")" --config "deploy/config/$service.yaml" \
      >>"$UP/logs/$service.log" 2>&1 </dev/null
  ) &
  echo $! >"$UP/pids/$service"
  await_exec $! "sisl-$service"
}

# The container of `service` (SISL_UP_IMAGES): `podman run` in the foreground of a background
# job, so that its pid, log and signals are handled as a process's (SIGTERM reaches the service).
start_container() {  # service env...
  local service=$1 kv name envs=()
  shift
  # The caller's SISL_* settings, as a process would inherit them (not this script's own).
  for name in $(compgen -e | grep '^SISL_' | grep -Ev '^SISL_(UP|TEST|BUILD|SOURCE|BINARY|RUNTIME)_'); do
    envs+=(-e "$name")
  done
  for kv in "$@"; do
    [[ $kv == SISL_GATEWAY_WEB_DIR=* ]] || envs+=(-e "$kv")  # the image has the pages
  done
  (
    exec "${SISL_PODMAN_RUN[@]}" --rm --replace --name "sisl-up-$service" --read-only \
      --user 10001:10001 --tmpfs /tmp -v "$UP/keys:$UP/keys:ro" -v "$UP/spid:$UP/spid" \
      -v "$UP/spool:$UP/spool" -v "$INFRA_RUN/tls/ca.crt:$INFRA_RUN/tls/ca.crt:ro" \
      "${envs[@]}" "localhost/sisl/sisl-$service:$SISL_UP_IMAGES" >>"$UP/logs/$service.log" 2>&1 </dev/null
  ) &
  echo $! >"$UP/pids/$service"
  await_exec $! "sisl-$service"
}

wait_ready() {  # service port
  local i
  for ((i = 0; i < 600; i++)); do
    port_open "$2" && curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && return 0
    pid_of "$1" >/dev/null || die "$1 exited during start-up; see $UP/logs/$1.log"
    sleep 0.1
  done
  die "$1 is not ready after 60 s; see $UP/logs/$1.log"
}

cmd_up() {
  local t0=$EPOCHREALTIME
  local missing=() s
  for s in "${SERVICES[@]}" gateway; do
    [[ -n ${SISL_UP_IMAGES:-} || -x $(binary_of "$s") ]] || missing+=("sisl-$s")
  done
  if ((${#missing[@]})) || [[ ! -x $BUILD/apps/sisl-allinone ]]; then
    say "building ${missing[*]} sisl-allinone"
    ninja -C "$BUILD" -j"${SISL_JOBS:-2}" "${missing[@]}" sisl-allinone >&2
  fi
  [[ -f $REPO/gateway/web/dist/index.html ]] || "$REPO/scripts/build-web.sh"
  "$DEPLOY/infra.sh" up
  # shellcheck disable=SC1091
  source "$INFRA_RUN/env"
  PG_PORT=$(sed -E 's#^[a-z]+://[^@]*@[^:]+:([0-9]+)/.*#\1#' <<<"$SISL_TEST_PG_URL")
  mkdir -p "$UP/pids" "$UP/logs" "$UP/spid" "$UP/ports"
  (umask 077 && mkdir -p "$UP/secrets")
  [[ -f $UP/keys/person-id.key ]] || "$BUILD/apps/sisl-allinone" keys --dir "$UP/keys" >/dev/null
  if [[ -n ${SISL_UP_IMAGES:-} ]]; then
    # The containers run as uid 10001: theirs are the keys, the SPID key and the spool.
    mkdir -p "$UP/spool"
    chown -R 10001:10001 "$UP/keys" "$UP/spid" "$UP/spool"
    local img
    for s in "${SERVICES[@]}" gateway; do
      img="localhost/sisl/sisl-$s:$SISL_UP_IMAGES"
      sisl_podman image exists "$img" || die "no image $img: deploy/images/build.sh --tag $SISL_UP_IMAGES"
    done
  fi
  local keys="$UP/keys"
  local common=(
    "SISL_AUTH_TOKEN_PUBLIC_KEY=$keys/internal-token.pub.pem"
    "SISL_AUTH_PERSON_ID_KEY=$(<"$keys/person-id.key")"
    "SISL_BUS_BOOTSTRAP_SERVERS=$SISL_TEST_KAFKA"
    "SISL_CACHE_ADDRESS=$SISL_TEST_REDIS"
  )
  for s in "${SERVICES[@]}"; do
    local extra=("SISL_DATABASE_URL=$(database_for "$s")"
      "SISL_SERVICE_GRPC_ADDRESS=127.0.0.1:$(listen_port "$s" grpc_address)"
      "SISL_SERVICE_HTTP_ADDRESS=127.0.0.1:$(listen_port "$s" http_address)")
    case $s in
      booking) extra+=("SISL_AUTH_TRUSTED_SERVICE_KEYS=notifications=$keys/service-token.pub.pem") ;;
      communications) extra+=("SISL_COMMUNICATIONS_SPOOL_DIR=$UP/spool") ;;
      notifications)
        extra+=("SISL_AUTH_SERVICE_TOKEN_PRIVATE_KEY=$keys/service-token.pem"
          "SISL_NOTIFICATIONS_SMTP_CA_FILE=$INFRA_RUN/tls/ca.crt"
          "SISL_NOTIFICATIONS_BOOKING_ADDRESS=127.0.0.1:$(port_now booking grpc_address)") ;;
    esac
    start_one "$s" "${common[@]}" "${extra[@]}"
  done
  for s in "${SERVICES[@]}"; do wait_ready "$s" "$(port_now "$s" http_address)"; done
  local upstreams=""
  for s in "${SERVICES[@]}"; do
    upstreams+="sisl.$s.v1=127.0.0.1:$(port_now "$s" grpc_address),"
  done
  # The gateway in development mode, as in the all-in-one: the development IdP logs demo users
  # in through the real SAML path.
  start_one gateway "${common[@]}" "SISL_DATABASE_URL=$(database_for gateway)" \
    "SISL_AUTH_TOKEN_PRIVATE_KEY=$keys/internal-token.pem" \
    "SISL_SERVICE_GRPC_ADDRESS=127.0.0.1:$(listen_port gateway grpc_address)" \
    "SISL_SERVICE_HTTP_ADDRESS=127.0.0.1:$(listen_port gateway http_address)" \
    "SISL_GATEWAY_UPSTREAMS=${upstreams}sisl.gateway.v1=127.0.0.1:$(port_now gateway grpc_address)" \
    "SISL_GATEWAY_DEV_MODE=true" "SISL_GATEWAY_ENVIRONMENT=development" \
    "SISL_GATEWAY_HTTP_ADDRESS=127.0.0.1:8080" \
    "SISL_GATEWAY_WEB_DIR=$REPO/gateway/web/dist" \
    "SISL_SPID_KEY_FILE=$UP/spid/sp.key" "SISL_SPID_CERT_FILE=$UP/spid/sp.crt"
  wait_ready gateway "$(port_now gateway http_address)"
  local i
  for ((i = 0; i < 300; i++)); do port_open 8080 && break; sleep 0.1; done
  say "SISL is up, every service its own process: http://127.0.0.1:8080 ($(awk -v a="$t0" \
    -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s); logs in $UP/logs; mails at" \
    "http://127.0.0.1:58025"
}

cmd_down() {
  local s pid
  for s in gateway "${SERVICES[@]}"; do
    if pid=$(pid_of "$s"); then
      kill -TERM "$pid"
      for ((i = 0; i < 150; i++)); do running "$pid" || break; sleep 0.1; done
      running "$pid" && kill -KILL "$pid"
      say "$s stopped"
    fi
    if [[ -n ${SISL_UP_IMAGES:-} ]]; then sisl_podman rm -f -i "sisl-up-$s" >/dev/null 2>&1 || true; fi
    rm -f "$UP/pids/$s" "$UP/ports/$s".*
  done
}

cmd_status() {
  local s pid http grpc ready rc=0
  for s in "${SERVICES[@]}" gateway; do
    http=$(port_now "$s" http_address) grpc=$(port_now "$s" grpc_address)
    if pid=$(pid_of "$s"); then
      ready=$(curl -fsS "http://127.0.0.1:$http/readyz" >/dev/null 2>&1 && echo ready || echo "not ready")
      [[ $ready == ready ]] || rc=1
      printf 'up: %-15s pid %-7s gRPC %s  ops http %s  %s\n' "$s" "$pid" "$grpc" "$http" "$ready"
    else
      printf 'up: %-15s down\n' "$s"
      rc=1
    fi
  done
  return $rc
}

mkdir -p "$UP"
case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) sed -n '2,12p' "$0" | sed 's/^# //'; exit 2 ;;
esac
