#!/usr/bin/env bash
# ctest fiscal_code_crosscheck_test: writes the cases with python-codicefiscale's verdicts
# (scripts/reference-data/crosscheck_fiscal_codes.py, in .run/crosscheck-venv) and runs the C++
# checker on them.
#   crosscheck_fiscal_codes.sh CHECKER_BINARY WORK_DIR
# The cases are deterministic, so they are regenerated only when the generator or the pinned
# packages change.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
checker="$1"
work="$2"
mkdir -p "$work"
cases="$work/fiscal_code_cases.tsv"
stamp="$work/fiscal_code_cases.sha256"
want="$(cat "$REPO/scripts/reference-data/crosscheck_fiscal_codes.py" \
  "$REPO/scripts/reference-data/requirements-test.txt" | sha256sum | cut -d' ' -f1)"
if [[ ! -s $cases || ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  python="$("$REPO/scripts/reference-data/setup-venv.sh" test)"
  "$python" "$REPO/scripts/reference-data/crosscheck_fiscal_codes.py" --out "$cases.tmp"
  mv "$cases.tmp" "$cases"
  echo "$want" >"$stamp"
fi
SISL_FISCAL_CODE_CASES="$cases" exec "$checker" --gtest_color=no
