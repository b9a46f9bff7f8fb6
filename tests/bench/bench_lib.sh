# Shell helpers shared by the benchmark scripts (sourced; needs ROOT, WORK and DOC set).

say() { printf '== %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p
  while :; do p=$((20000 + RANDOM % 20000)); port_open "$p" || { echo "$p"; return; }; done
}

wait_port() {  # pid port: until the port answers (at most 180 s) or the process died
  local i
  for ((i = 0; i < 1800; i++)); do
    port_open "$2" && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Busy and total jiffies of the whole machine, from /proc/stat.
cpu_jiffies() {
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat
}

# Waits (at most 180 s) until the machine is below 10% busy for 2 s running: the server's start-up
# work (seeding, the availability index replaying events, PostgreSQL and Kafka serving it) and
# anything else on the machine must not overlap the measures.
wait_idle() {
  local quiet=0 i b0 t0 b1 t1
  read -r b0 t0 < <(cpu_jiffies)
  for ((i = 0; i < 180 && quiet < 2; i++)); do
    sleep 1
    read -r b1 t1 < <(cpu_jiffies)
    if (((b1 - b0) * 10 < t1 - t0)); then quiet=$((quiet + 1)); else quiet=0; fi
    b0=$b1 t0=$t1
  done
  ((quiet >= 2)) || say "the machine is still busy; measuring anyway"
}

# write_doc_section NAME FILE: replaces the section between <!-- NAME:begin and <!-- NAME:end in
# docs/performance.md ($DOC) with FILE (which carries both markers), or appends it.
write_doc_section() {
  local name=$1 section=$2
  if [[ ! -f $DOC ]]; then
    cat >"$DOC" <<'HEADER'
# Performance

Measured figures of SISL on a developer machine, written by the benchmark scripts in
`tests/bench/`. They are indicative (one machine, clients and servers together), meant to
compare paths and spot regressions, not to size production.
HEADER
  fi
  if grep -q "^<!-- $name:begin" "$DOC"; then
    awk -v f="$section" -v begin="^<!-- $name:begin" -v end="^<!-- $name:end" '
      $0 ~ begin { while ((getline line < f) > 0) print line; skip = 1; next }
      $0 ~ end { skip = 0; next }
      !skip' "$DOC" >"$WORK/doc.md"
    cat "$WORK/doc.md" >"$DOC"
  else
    { echo; cat "$section"; } >>"$DOC"
  fi
  say "results written to ${DOC#"$ROOT"/}"
}
