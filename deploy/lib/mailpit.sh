# shellcheck shell=bash
# Mailpit (Go module github.com/axllent/mailpit, built into <repo>/.run/bin by
# scripts/install-deps.sh test): the local SMTP server of the notifications e-mail channel, which
# keeps every message it receives (SQLite database in <runtime>/mailpit) and shows them.
#   127.0.0.1:51025  SMTP, STARTTLS offered (tls.sh's server certificate, CA <runtime>/tls/ca.crt),
#                    AUTH PLAIN/LOGIN with any user and password, over TLS only; recipients in the
#                    reserved TLD .invalid (RFC 2606) refused with 550 (the tests' permanent failure)
#   127.0.0.1:58025  HTTP: the web UI (open it in a browser to see the mails) and the REST API
#                    /api/v1/... the tests read
# Sourced by infra.sh.

MAILPIT_SMTP_PORT=51025
MAILPIT_HTTP_PORT=58025
MAILPIT_DIR="$RUN/mailpit"
MAILPIT_BIN="$REPO/.run/bin/mailpit"
# Every recipient except those in .invalid (RE2 has no negative look-ahead: spelled out).
MAILPIT_ALLOWED_RCPT='(?i)(^[^@]*@[^.]*$|\.([^.i][^.]*|i|i[^.n][^.]*|in|in[^.v][^.]*|inv|inv[^.a][^.]*|inva|inva[^.l][^.]*|inval|inval[^.i][^.]*|invali|invali[^.d][^.]*|invalid[^.]+)$)'

mailpit_pids() { pid_of "$MAILPIT_DIR/mailpit.pid" mailpit || true; }
mailpit_alive() { [[ -n $(mailpit_pids) ]]; }
mailpit_probe() {
  curl -fsS --max-time 2 "http://127.0.0.1:$MAILPIT_HTTP_PORT/readyz" >/dev/null &&
    port_open "$MAILPIT_SMTP_PORT"
}

# The command line, also for starting it by hand (docs/notifications.md).
mailpit_cmd() {
  printf '%s\n' "$MAILPIT_BIN" --disable-version-check --smtp-disable-rdns \
    --database "$MAILPIT_DIR/mailpit.db" --max 0 \
    --listen "127.0.0.1:$MAILPIT_HTTP_PORT" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" \
    --smtp-tls-cert "$TLS_DIR/server.crt" --smtp-tls-key "$TLS_DIR/server.key" \
    --smtp-auth-accept-any --smtp-allowed-recipients "$MAILPIT_ALLOWED_RCPT"
}

mailpit_launch() {
  mark_start mailpit
  if mailpit_alive; then say "mailpit already running"; return 0; fi
  [[ -x $MAILPIT_BIN ]] || die "$MAILPIT_BIN not found; run: scripts/install-deps.sh test"
  need curl curl
  port_free "$MAILPIT_SMTP_PORT"
  port_free "$MAILPIT_HTTP_PORT"
  mkdir -p "$MAILPIT_DIR"
  local cmd
  mapfile -t cmd < <(mailpit_cmd)
  (close_fds; exec setsid "${cmd[@]}") </dev/null >>"$MAILPIT_DIR/mailpit.log" 2>&1 &
  echo $! >"$MAILPIT_DIR/mailpit.pid"
  await_exec $! mailpit
}

mailpit_wait() {
  wait_ready mailpit "SMTP 127.0.0.1:$MAILPIT_SMTP_PORT, web UI http://127.0.0.1:$MAILPIT_HTTP_PORT" \
    30 mailpit_probe
}
mailpit_logs() { tail_log "$MAILPIT_DIR/mailpit.log"; }

mailpit_stop() {
  local t0=$EPOCHREALTIME pids
  mapfile -t pids < <(mailpit_pids)
  if ((${#pids[@]} == 0)); then say "mailpit not running"; return 0; fi
  stop_pids 10 "${pids[@]}"
  rm -f "$MAILPIT_DIR/mailpit.pid"
  say "mailpit stopped ($(since "$t0") s)"
}

mailpit_status() {
  if mailpit_alive && mailpit_probe; then
    say "mailpit  up    SMTP 127.0.0.1:$MAILPIT_SMTP_PORT, web UI http://127.0.0.1:$MAILPIT_HTTP_PORT (pid $(mailpit_pids | xargs))"
  else
    say "mailpit  down"
    return 1
  fi
}
