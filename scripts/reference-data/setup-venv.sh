#!/usr/bin/env bash
# A venv with pinned packages (scripts/python-venv.sh: idempotent, quick when up to date).
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
VENV_DIR="$("$REPO/scripts/python-venv.sh" "$VENV" "$REQS")"
echo "$VENV_DIR/bin/python"
