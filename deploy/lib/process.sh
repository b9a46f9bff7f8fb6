# Process helpers shared by deploy/infra.sh and deploy/up.sh (sourced, not run).

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [[ -e /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
# Whether the command line of process PID contains PATTERN.
cmdline_has() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- "$2"; }

# await_exec PID PATTERN: until the background job PID, just started, has exec'd its program (its
# command line contains PATTERN) or has ended (at most 5 s). Before the exec its command line is
# the calling script's, which a check of the pid file takes for a stale one's: a readiness check
# then would report that the program exited during start-up.
await_exec() {
  local i
  for ((i = 0; i < 500; i++)); do
    running "$1" || return 0
    cmdline_has "$1" "$2" && return 0
    sleep 0.01
  done
}
