# shellcheck shell=bash
# PostgreSQL 15 on 127.0.0.1:55432, database and role `sisl` (password sisl). Sourced by infra.sh.
# TLS is on, with the certificates of tls.sh: the role sisl_tls (database sisl_tls, password
# TLS_PASSWORD) may connect only over TLS and with the client certificate (CN=sisl_tls); every
# other loopback connection is trusted, encrypted or not.
# PostgreSQL refuses to run as root: as root every server binary runs as the `postgres` user
# (runuser), so its data dir must be reachable by that user. That is $RUN/postgres when every
# directory on the way to $RUN is traversable by `postgres`, else /tmp/sisl-pg-<hash of $RUN>.

PG_PORT=55432

pg_bin() {
  local d
  for d in ${SISL_PG_BIN:-} /usr/lib/postgresql/15/bin $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    [[ -x $d/initdb ]] && { echo "$d"; return 0; }
  done
  return 1
}
pg_as() { if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
pg_base() {
  if ((EUID == 0)) && ! runuser -u postgres -- test -x "$RUN" 2>/dev/null; then
    echo "/tmp/sisl-pg-$(printf %s "$RUN" | sha256sum | cut -c1-12)"
  else
    echo "$RUN/postgres"
  fi
}
PG_BASE=$(pg_base)
PG_DATA="$PG_BASE/data"
PG_LOG="$PG_BASE/postgres.log"

postgres_pid() { pid_of "$PG_DATA/postmaster.pid" postgres; }
# postmaster.pid appears (first empty) a moment after pg_ctl returns: allow that gap for a while
postgres_alive() { postgres_pid >/dev/null || { [[ ! -s $PG_DATA/postmaster.pid ]] && ((SECONDS < PG_LAUNCHED + 10)); }; }
postgres_probe() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres; }

postgres_launch() {
  local bin
  mark_start postgres
  PG_LAUNCHED=$SECONDS
  if postgres_pid >/dev/null; then say "postgres already running"; return 0; fi
  bin=$(pg_bin) || die "PostgreSQL server binaries not found (package postgresql); run: deploy/infra.sh install"
  port_free "$PG_PORT"
  ((EUID)) || id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (package postgresql)"
  mkdir -p "$PG_BASE"
  chmod 700 "$PG_BASE"
  ((EUID)) || chown postgres: "$PG_BASE"
  if [[ ! -s $PG_DATA/PG_VERSION ]]; then
    rm -rf "$PG_DATA"
    pg_as "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$PG_BASE/initdb.log" 2>&1 || fail_log postgres "$PG_BASE/initdb.log" "initdb failed"
    echo "include 'sisl.conf'" >>"$PG_DATA/postgresql.conf"
    say "postgres: new cluster in $PG_DATA"
  fi
  # the server's key must belong to the server's user with mode 0600: copies inside the data dir
  local f
  for f in server.crt server.key ca.crt; do
    pg_as tee "$PG_DATA/tls-$f" >/dev/null <"$TLS_DIR/$f"
    pg_as chmod 600 "$PG_DATA/tls-$f"
  done
  pg_as tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# written by deploy/infra.sh: sisl_tls only over TLS with its client certificate; the rest trusted
local   all       all                     trust
hostssl all       sisl_tls 127.0.0.1/32   scram-sha-256 clientcert=verify-full
host    all       sisl_tls 0.0.0.0/0      reject
host    all       all      127.0.0.1/32   trust
host    all       all      ::1/128        trust
EOF
  # rewritten at every start, so this script stays the one source of the settings
  pg_as tee "$PG_DATA/sisl.conf" >/dev/null <<EOF
# written by deploy/infra.sh (trust auth for everything: loopback-only test server)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 200
# test-only: these servers hold throw-away data, so durability is traded for speed
fsync = off
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %q%u@%d '
ssl = on
ssl_cert_file = 'tls-server.crt'
ssl_key_file = 'tls-server.key'
ssl_ca_file = 'tls-ca.crt'
ssl_min_protocol_version = 'TLSv1.2'
password_encryption = 'scram-sha-256'
EOF
  (close_fds; pg_as "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -W start) </dev/null >/dev/null 2>&1
}

postgres_bootstrap() {   # idempotent: role and database sisl
  pg_as "$(pg_bin)/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 \
    -v tls_password="$TLS_PASSWORD" >/dev/null <<'SQL'
SELECT 'CREATE ROLE sisl LOGIN CREATEROLE PASSWORD ''sisl''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sisl')\gexec
SELECT 'CREATE DATABASE sisl OWNER sisl' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'sisl')\gexec
SELECT 'CREATE ROLE sisl_tls LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sisl_tls')\gexec
SELECT 'CREATE DATABASE sisl_tls OWNER sisl_tls' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'sisl_tls')\gexec
SELECT format('ALTER ROLE sisl_tls PASSWORD %L', :'tls_password')\gexec
SQL
}

postgres_wait() {
  wait_ready postgres "127.0.0.1:$PG_PORT" 60 postgres_probe
  postgres_bootstrap || fail_log postgres "$PG_LOG" "could not create role/database sisl"
}

postgres_logs() { tail_log "$PG_LOG"; }

postgres_stop() {
  local t0=$EPOCHREALTIME pid bin
  if ! pid=$(postgres_pid); then say "postgres not running"; return 0; fi
  bin=$(pg_bin)
  # fast shutdown: disconnects clients at once (SIGTERM alone would wait for them)
  pg_as "$bin/pg_ctl" -D "$PG_DATA" stop -m fast -t 30 >/dev/null 2>&1 ||
    pg_as "$bin/pg_ctl" -D "$PG_DATA" stop -m immediate -t 30 >/dev/null 2>&1 || stop_pids 1 "$pid"
  say "postgres stopped ($(since "$t0") s)"
}

postgres_status() {
  local pid
  if pid=$(postgres_pid) && postgres_probe; then
    say "postgres up    127.0.0.1:$PG_PORT (pid $pid, data $PG_DATA)"
  else
    say "postgres down"
    return 1
  fi
}
