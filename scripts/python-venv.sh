#!/usr/bin/env bash
# Creates or updates a Python venv with pinned packages, for the scripts and tests that need
# PyPI tools. Idempotent and quick when the venv already matches its requirements file (a hash
# stamp); concurrent callers wait on a lock.
#   scripts/python-venv.sh VENV_DIR REQUIREMENTS_FILE     prints VENV_DIR on success
set -euo pipefail
VENV="$1"
REQS="$2"
STAMP="$VENV/.requirements.sha256"

want="$(sha256sum "$REQS" | cut -d' ' -f1)"
fresh() { [[ -x $VENV/bin/python && -f $STAMP && $(cat "$STAMP") == "$want" ]]; }
if fresh; then
  echo "$VENV"
  exit 0
fi
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
# Another caller may have finished the work while this one waited.
if ! fresh; then
  echo "python-venv: installing $REQS into $VENV" >&2
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS" >&2
  echo "$want" >"$STAMP"
fi
echo "$VENV"
