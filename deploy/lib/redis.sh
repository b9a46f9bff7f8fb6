# shellcheck shell=bash
# Redis (Debian bookworm: 7.0), no persistence, two instances. Sourced by infra.sh.
#   127.0.0.1:56379  plain, no password (most suites)
#   127.0.0.1:56380  TLS only (certificates of tls.sh, client certificate required) and AUTH:
#                    user sisl, password TLS_PASSWORD; the default user is off

REDIS_PORT=56379
REDIS_TLS_PORT=56380
REDIS_DIR="$RUN/redis"

redis_pids() {
  pid_of "$REDIS_DIR/redis.pid" redis-server || true
  pid_of "$REDIS_DIR/redis-tls.pid" redis-server || true
}
redis_alive() { [[ $(redis_pids | wc -l) -ge 2 ]]; }
redis_tls_cli() {
  REDISCLI_AUTH=$TLS_PASSWORD redis-cli -h 127.0.0.1 -p "$REDIS_TLS_PORT" --user sisl --tls \
    --cacert "$TLS_DIR/ca.crt" --cert "$TLS_DIR/client.crt" --key "$TLS_DIR/client.key" "$@"
}
redis_probe() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG &&
    redis_tls_cli ping 2>/dev/null | grep -q PONG
}

redis_launch() {
  mark_start redis
  if redis_alive; then say "redis already running"; return 0; fi
  redis_stop >/dev/null   # one of the two may have died: start both afresh
  need redis-server redis-server
  need redis-cli redis-tools
  port_free "$REDIS_PORT"
  port_free "$REDIS_TLS_PORT"
  mkdir -p "$REDIS_DIR"
  # the ACL password goes in a file of its own (0600), not on a command line
  (umask 077; cat >"$REDIS_DIR/redis-tls.conf" <<EOF
# written by deploy/infra.sh: TLS only, client certificate and AUTH required, nothing persisted
bind 127.0.0.1
port 0
tls-port $REDIS_TLS_PORT
tls-cert-file "$TLS_DIR/server.crt"
tls-key-file "$TLS_DIR/server.key"
tls-ca-cert-file "$TLS_DIR/ca.crt"
tls-auth-clients yes
tls-protocols "TLSv1.2 TLSv1.3"
user default off
user sisl on >$TLS_PASSWORD ~* &* +@all
protected-mode yes
daemonize no
logfile ""
dir "$REDIS_DIR"
save ""
appendonly no
EOF
  )
  cat >"$REDIS_DIR/redis.conf" <<EOF
# written by deploy/infra.sh: test cache, nothing persisted
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
logfile ""
dir "$REDIS_DIR"
save ""
appendonly no
EOF
  # not daemonized: setsid detaches it, and its pid is known at once (no pidfile race)
  (close_fds; exec setsid redis-server "$REDIS_DIR/redis.conf") </dev/null >>"$REDIS_DIR/redis.log" 2>&1 &
  echo $! >"$REDIS_DIR/redis.pid"
  await_exec $! redis-server
  (close_fds; exec setsid redis-server "$REDIS_DIR/redis-tls.conf") </dev/null >>"$REDIS_DIR/redis-tls.log" 2>&1 &
  echo $! >"$REDIS_DIR/redis-tls.pid"
  await_exec $! redis-server
}

redis_wait() { wait_ready redis "127.0.0.1:$REDIS_PORT, TLS 127.0.0.1:$REDIS_TLS_PORT" 30 redis_probe; }
redis_logs() { tail_log "$REDIS_DIR/redis.log"; tail_log "$REDIS_DIR/redis-tls.log"; }

redis_stop() {
  local t0=$EPOCHREALTIME pids
  mapfile -t pids < <(redis_pids)
  if ((${#pids[@]} == 0)); then say "redis not running"; return 0; fi
  stop_pids 10 "${pids[@]}"
  rm -f "$REDIS_DIR/redis.pid" "$REDIS_DIR/redis-tls.pid"
  say "redis stopped ($(since "$t0") s)"
}

redis_status() {
  local pids
  pids=$(redis_pids | xargs)
  if redis_alive && redis_probe; then
    say "redis    up    127.0.0.1:$REDIS_PORT, TLS 127.0.0.1:$REDIS_TLS_PORT (pid $pids)"
  else
    say "redis    down"
    return 1
  fi
}
