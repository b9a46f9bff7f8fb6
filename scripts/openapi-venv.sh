#!/usr/bin/env bash
# The OpenAPI tools of the contract test (tests/e2e/openapi_contract_test.sh): PyPI's
# openapi-spec-validator and schemathesis, pinned in tests/e2e/openapi/requirements.txt, in a
# venv (default .run/openapi-venv; SISL_OPENAPI_VENV to change it). Idempotent and quick when the
# venv already matches the requirements (a hash stamp); concurrent callers wait on a lock.
# Prints the venv's directory on success.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SISL_OPENAPI_VENV:-$REPO/.run/openapi-venv}"
REQS="$REPO/tests/e2e/openapi/requirements.txt"
STAMP="$VENV/.requirements.sha256"

want="$(sha256sum "$REQS" | cut -d' ' -f1)"
if [[ -x $VENV/bin/python && -f $STAMP && $(cat "$STAMP") == "$want" ]]; then
  echo "$VENV"
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
# Another caller may have finished the work while this one waited.
if [[ ! -x $VENV/bin/python || ! -f $STAMP || $(cat "$STAMP") != "$want" ]]; then
  echo "openapi-venv: installing ${REQS#$REPO/} into $VENV" >&2
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS" >&2
  echo "$want" >"$STAMP"
fi
echo "$VENV"
