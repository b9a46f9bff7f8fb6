# shellcheck shell=bash
# Redis (Debian bookworm: 7.0) on 127.0.0.1:56379, no persistence. Sourced by infra.sh.

REDIS_PORT=56379
REDIS_DIR="$RUN/redis"

redis_pid() { pid_of "$REDIS_DIR/redis.pid" redis-server; }
redis_alive() { redis_pid >/dev/null; }
redis_probe() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

redis_launch() {
  mark_start redis
  if redis_alive; then say "redis already running"; return 0; fi
  need redis-server redis-server
  need redis-cli redis-tools
  port_free "$REDIS_PORT"
  mkdir -p "$REDIS_DIR"
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
}

redis_wait() { wait_ready redis "127.0.0.1:$REDIS_PORT" 30 redis_probe; }
redis_logs() { tail_log "$REDIS_DIR/redis.log"; }

redis_stop() {
  local t0=$EPOCHREALTIME pid
  if ! pid=$(redis_pid); then say "redis not running"; return 0; fi
  stop_pids 10 "$pid"
  rm -f "$REDIS_DIR/redis.pid"
  say "redis stopped ($(since "$t0") s)"
}

redis_status() {
  local pid
  if pid=$(redis_pid) && redis_probe; then
    say "redis    up    127.0.0.1:$REDIS_PORT (pid $pid)"
  else
    say "redis    down"
    return 1
  fi
}
