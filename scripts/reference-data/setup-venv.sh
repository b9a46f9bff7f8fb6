#!/usr/bin/env bash
# Creates a venv with pinned packages. Idempotent and quick when the venv already matches its
# requirements file (a hash stamp); concurrent callers wait on a lock.
#   scripts/reference-data/setup-venv.sh          .run/refdata-venv, requirements.txt: the data
#                                                 conversion (geopandas and friends, ~150 MB)
#   scripts/reference-data/setup-venv.sh test     .run/crosscheck-venv, requirements-test.txt:
#                                                 the fiscal-code cross-check test (a few MB)
# Prints the venv's python on success.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ ${1:-} == test ]]; then
  VENV="${SISL_CROSSCHECK_VENV:-$REPO/.run/crosscheck-venv}"
  REQS="$REPO/scripts/reference-data/requirements-test.txt"
else
  VENV="${SISL_REFDATA_VENV:-$REPO/.run/refdata-venv}"
  REQS="$REPO/scripts/reference-data/requirements.txt"
fi
STAMP="$VENV/.requirements.sha256"

want="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [[ -x $VENV/bin/python && -f $STAMP && $(cat "$STAMP") == "$want" ]]; then
  echo "$VENV/bin/python"
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
# Another caller may have finished the work while this one waited.
if [[ ! -x $VENV/bin/python || ! -f $STAMP || $(cat "$STAMP") != "$want" ]]; then
  echo "setup-venv: installing ${REQS#$REPO/} into $VENV" >&2
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS" >&2
  echo "$want" >"$STAMP"
fi
echo "$VENV/bin/python"
