#!/usr/bin/env bash
# The OpenAPI tools of the contract test (tests/e2e/openapi_contract_test.sh): PyPI's
# openapi-spec-validator and schemathesis, pinned in tests/e2e/openapi/requirements.txt, in a
# venv (default .run/openapi-venv; SISL_OPENAPI_VENV to change it). Prints the venv's directory.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$REPO/scripts/python-venv.sh" "${SISL_OPENAPI_VENV:-$REPO/.run/openapi-venv}" \
  "$REPO/tests/e2e/openapi/requirements.txt"
