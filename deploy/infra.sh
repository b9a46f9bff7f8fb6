#!/usr/bin/env bash
# Real infrastructure for SISL integration tests, on loopback only, non-default ports:
#   PostgreSQL 15  127.0.0.1:55432   database/role sisl (password sisl)
#   Redis 7        127.0.0.1:56379
#   Kafka 3.9.1    127.0.0.1:59092   KRaft, combined broker+controller (controller 59093);
#                  --kafka-nodes 3: brokers 59092/59192/59292, controllers 59093/59193/59293
#   Mailpit        127.0.0.1:51025 SMTP (STARTTLS, AUTH), 127.0.0.1:58025 web UI + API (lib/mailpit.sh)
# State (data, logs, pid files, env) lives in ${SISL_RUNTIME_DIR:-<repo>/.run/infra}; only when run as
# root with that dir unreachable for the `postgres` user, PostgreSQL data goes to /tmp/sisl-pg-<hash>.
# Kafka jars come from Maven Central via deploy/kafka/pom.xml (once, into <runtime>/kafka-libs).
# Readiness is probed (kcat -L, redis-cli ping, pg_isready), never slept on.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/infra.sh up|down|status [--kafka-nodes 1|3] [kafka|redis|postgres|mailpit ...]
       deploy/infra.sh start|stop NAME...   one component, the others keep running
       deploy/infra.sh install              apt packages + Kafka jars (Maven), only what is missing
       deploy/infra.sh clean                down, then delete all data (keeps the Kafka jars)
After up/start, <runtime>/env holds the exports the tests read (SISL_TEST_PG_URL, ...).
EOF
  exit "${1:-2}"
}

DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$DEPLOY")"
RUN="${SISL_RUNTIME_DIR:-$REPO/.run/infra}"
ALL=(kafka redis postgres mailpit)   # launch order: the slowest first, they boot in parallel
mkdir -p "$RUN"
case ${1:-} in   # one mutating run at a time (flock -o: the servers started must not inherit the lock)
  up | start | down | stop | clean | install)
    [[ -n ${SISL_INFRA_LOCKED:-} ]] || SISL_INFRA_LOCKED=1 exec flock -o -w 600 "$RUN/.lock" "$BASH" "${BASH_SOURCE[0]}" "$@" ;;
esac

# ---- helpers shared by the components -------------------------------------------------------------
say() { printf 'infra: %s\n' "$*"; }
die() { printf 'infra: error: %s\n' "$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
need() { command -v "$1" >/dev/null || die "'$1' not found (package $2); run: deploy/infra.sh install"; }
# shellcheck source=lib/process.sh
source "$DEPLOY/lib/process.sh"
port_free() { ! port_open "$1" || die "port $1 is in use by another process (not started by infra.sh)"; }

# close_fds: close every fd above 2 (use in the subshell that execs a server, so that servers never hold
# on to a caller's pipes or locks)
close_fds() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec $fd>&-"; fi
  done
}

# pid_of FILE PATTERN: print the pid in FILE if that process runs and its command line matches PATTERN
pid_of() {
  local pid
  [[ -r $1 ]] && read -r pid <"$1" 2>/dev/null && [[ $pid =~ ^[0-9]+$ ]] && running "$pid" || return 1
  cmdline_has "$pid" "$2" && echo "$pid"
}

# stop_pids TIMEOUT PID...: SIGTERM, wait up to TIMEOUT seconds, then SIGKILL
stop_pids() {
  local timeout=$1 deadline p left; shift
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while :; do
    left=()
    for p; do if running "$p"; then left+=("$p"); fi; done
    ((${#left[@]})) || return 0
    if ((SECONDS >= deadline)); then
      say "still running after ${timeout}s, SIGKILL ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      deadline=$((SECONDS + 10 + timeout))   # the kernel needs a moment to free the ports
    fi
    sleep 0.1
  done
}

tail_log() { [[ ! -s $1 ]] || { printf 'infra: last 40 lines of %s:\n' "$1"; tail -n 40 "$1"; }; }
fail_log() { say "$1 $3" >&2; tail_log "$2" >&2; exit 1; }   # NAME LOG REASON

# wait_ready NAME ADDR TIMEOUT PROBE...: poll PROBE (short sleeps) until it succeeds; fail early if
# NAME_alive says the process died; on failure show NAME_logs
wait_ready() {
  local name=$1 addr=$2 timeout=$3 deadline why=""
  shift 3
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    "${name}_alive" || why="exited during start-up"
    ((SECONDS < deadline)) || why="not ready after ${timeout}s"
    if [[ -n $why ]]; then say "$name $why" >&2; "${name}_logs" >&2; exit 1; fi
    sleep 0.2
  done
  say "$name ready on $addr ($(since "${T0[$name]}") s)"
}

declare -A T0=()   # component -> start time, for the "ready (x s)" lines
mark_start() { T0[$1]=$EPOCHREALTIME; }

# shellcheck source=lib/tls.sh
source "$DEPLOY/lib/tls.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY/lib/kafka.sh"
# shellcheck source=lib/redis.sh
source "$DEPLOY/lib/redis.sh"
# shellcheck source=lib/postgres.sh
source "$DEPLOY/lib/postgres.sh"
# shellcheck source=lib/mailpit.sh
source "$DEPLOY/lib/mailpit.sh"

write_env() {
  cat >"$RUN/env" <<EOF
# written by deploy/infra.sh; source it: . $RUN/env
export SISL_TEST_PG_URL=postgresql://sisl:sisl@127.0.0.1:$PG_PORT/sisl
export SISL_TEST_REDIS=127.0.0.1:$REDIS_PORT
export SISL_TEST_KAFKA=$(kafka_brokers "$(kafka_nodes)")
# the encrypted side (tls.sh): CA, client certificate and key in SISL_TEST_TLS_DIR
export SISL_TEST_TLS_DIR=$TLS_DIR
export SISL_TEST_TLS_PASSWORD=$TLS_PASSWORD
export SISL_TEST_PG_TLS_URL=postgresql://sisl_tls@127.0.0.1:$PG_PORT/sisl_tls
export SISL_TEST_REDIS_TLS=127.0.0.1:$REDIS_TLS_PORT
export SISL_TEST_KAFKA_SASL_SSL=$(kafka_sasl_brokers "$(kafka_nodes)")
# mailpit: SMTP with STARTTLS (CA \$SISL_TEST_TLS_DIR/ca.crt) and AUTH; web UI and REST API
export SISL_TEST_SMTP=127.0.0.1:$MAILPIT_SMTP_PORT
export SISL_TEST_MAILPIT_API=http://127.0.0.1:$MAILPIT_HTTP_PORT
EOF
  chmod 600 "$RUN/env"
}

install() {
  local -A pkg=([redis-server]=redis-server [redis-cli]=redis-tools [kcat]=kcat [openssl]=openssl
                [java]=default-jre-headless [mvn]=maven [psql]=postgresql-client)
  local missing=() c sudo=()
  for c in "${!pkg[@]}"; do command -v "$c" >/dev/null || missing+=("${pkg[$c]}"); done
  pg_bin >/dev/null 2>&1 || missing+=(postgresql)
  if ((${#missing[@]})); then
    ((EUID == 0)) || sudo=(sudo)
    say "installing: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    say "apt packages already installed"
  fi
  kafka_libs
}

status() {
  local c rc=0
  for c in "${COMPS[@]}"; do "${c}_status" || rc=1; done
  return "$rc"
}

# ---- command line ---------------------------------------------------------------------------------
CMD=${1:-}
(($#)) && shift
NODES=""
COMPS=()
while (($#)); do
  case $1 in
    --kafka-nodes) NODES=${2:?--kafka-nodes needs 1 or 3}; shift 2 ;;
    --kafka-nodes=*) NODES=${1#*=}; shift ;;
    kafka | redis | postgres | mailpit) COMPS+=("$1"); shift ;;
    pg) COMPS+=(postgres); shift ;;
    -h | --help) usage 0 ;;
    *) usage ;;
  esac
done
[[ -z $NODES || $NODES == 1 || $NODES == 3 ]] || die "--kafka-nodes must be 1 or 3"
[[ $CMD != start && $CMD != stop ]] || ((${#COMPS[@]})) || die "$CMD needs a component: kafka, redis, postgres or mailpit"
((${#COMPS[@]})) || COMPS=("${ALL[@]}")
wants() { [[ " ${COMPS[*]} " == *" $1 "* ]]; }

case $CMD in
  up | start)
    tls_ensure
    for c in "${ALL[@]}"; do if wants "$c"; then "${c}_launch"; fi; done
    for c in mailpit postgres redis kafka; do if wants "$c"; then "${c}_wait"; fi; done   # fastest first
    write_env
    say "env: $RUN/env" ;;
  down | stop)
    for c in "${COMPS[@]}"; do "${c}_stop"; done ;;
  status) if [[ -s $TLS_DIR/secrets ]]; then tls_load; fi; status ;;
  install) install ;;
  clean)
    for c in "${ALL[@]}"; do "${c}_stop"; done
    rm -rf "$RUN/kafka" "$RUN/redis" "$PG_BASE" "$MAILPIT_DIR" "$RUN/env"
    say "removed data under $RUN (kept $KAFKA_LIBS)" ;;
  -h | --help | help) usage 0 ;;
  *) usage ;;
esac
