#!/usr/bin/env bash
# AgID's conformance tool spid-sp-test (PyPI) against a running gateway.
#
#   scripts/spid-sp-test.sh prepare IDP_METADATA_FILE
#       Installs spid-sp-test into .run/spid-venv when missing and writes the metadata of its
#       test IdP (entityID https://localhost:8443) to IDP_METADATA_FILE. Start the gateway with
#       that file trusted: spid.idp_metadata_files=IDP_METADATA_FILE (SISL_SPID_IDP_METADATA_FILES).
#
#   scripts/spid-sp-test.sh run BASE_URL [REPORT_DIR]
#       Runs, against BASE_URL (e.g. http://127.0.0.1:8080):
#         metadata        /spid/metadata, profile spid-sp-public, strict and --extra
#         authn-post      /spid/login?idp=https://localhost:8443, strict and --extra
#         authn-redirect  the same with binding=redirect, strict and --extra
#         responses       every Response test (-tr), on fresh AuthnRequests
#         cie-metadata    /cie/metadata, profile cie-sp-public, strict and --extra
#       Each step writes REPORT_DIR/<step>.json (the tool's report) and <step>.log (default
#       REPORT_DIR: .run/spid-sp-test). Exits non-zero when any check fails, when the tool exits
#       non-zero, or when it aborts a suite ("Errors occourred during Check"), which it would
#       otherwise not count as a failure.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.run/spid-venv"
TOOL="$VENV/bin/spid_sp_test"
SPID_SP_TEST_VERSION="${SPID_SP_TEST_VERSION:-1.2.18}"
TOOL_IDP="https://localhost:8443"

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

ensure_tool() {
  command -v xmlsec1 >/dev/null || {
    echo "spid-sp-test: xmlsec1 missing (apt-get install xmlsec1; see scripts/install-deps.sh)" >&2
    exit 1
  }
  if [[ ! -x $TOOL ]]; then
    echo "spid-sp-test: installing spid-sp-test $SPID_SP_TEST_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "spid-sp-test==$SPID_SP_TEST_VERSION"
  fi
}

prepare() {
  local out="$1"
  ensure_tool
  mkdir -p "$(dirname "$out")"
  "$TOOL" --idp-metadata 2>/dev/null >"$out.tmp"
  grep -q "entityID=\"$TOOL_IDP\"" "$out.tmp" || {
    echo "spid-sp-test: unexpected IdP metadata in $out.tmp" >&2
    exit 1
  }
  mv "$out.tmp" "$out"
  echo "spid-sp-test: IdP metadata ($TOOL_IDP) written to $out"
}

# run_step NAME ARGS...: one tool invocation; records the result in the global arrays.
failed_steps=()
summary=()
run_step() {
  local name="$1"
  shift
  local json="$REPORT/$name.json" log="$REPORT/$name.log" rc=0
  (cd "$REPORT" && "$TOOL" "$@" -d INFO -rf json -o "$json") >"$log" 2>&1 || rc=$?
  local counts
  counts="$(python3 - "$json" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception as e:  # no report: the tool died
    print("0 0 0"); sys.exit(0)
total = failed = warnings = 0
for category in data["test"]["sp"].values():
    for results in category.values():
        for r in results:
            total += 1
            failed += r.get("result") == "failure"
            warnings += r.get("result") == "warning"
print(total, failed, warnings)
PY
)"
  local total failed warnings aborted=0
  read -r total failed warnings <<<"$counts"
  grep -q "Errors occourred during Check" "$log" && aborted=1
  summary+=("$(printf '%-22s %4s checks, %3s failed, %3s warnings%s' "$name" "$total" "$failed" \
    "$warnings" "$([[ $aborted == 1 ]] && echo ', SUITE ABORTED')")")
  if ((rc != 0 || failed != 0 || aborted != 0 || total == 0)); then
    failed_steps+=("$name")
    grep -E "^ERROR|^CRITICAL" "$log" | head -40 >&2 || true
  fi
}

run() {
  local base="${1%/}"
  REPORT="${2:-$REPO/.run/spid-sp-test}"
  mkdir -p "$REPORT"
  REPORT="$(cd "$REPORT" && pwd)"
  ensure_tool
  curl -fsS -o /dev/null "$base/spid/metadata" || {
    echo "spid-sp-test: $base/spid/metadata does not answer: is the gateway running?" >&2
    exit 1
  }
  local md="$base/spid/metadata" cie="$base/cie/metadata"
  local login="$base/spid/login?idp=$TOOL_IDP"
  run_step metadata --metadata-url "$md" -pr spid-sp-public
  run_step metadata-extra --metadata-url "$md" -pr spid-sp-public --extra
  run_step authn-post --metadata-url "$md" --authn-url "$login" -pr spid-sp-public
  run_step authn-post-extra --metadata-url "$md" --authn-url "$login" -pr spid-sp-public --extra
  run_step authn-redirect --metadata-url "$md" --authn-url "$login&binding=redirect" \
    -pr spid-sp-public
  run_step authn-redirect-extra --metadata-url "$md" --authn-url "$login&binding=redirect" \
    -pr spid-sp-public --extra
  run_step responses --metadata-url "$md" --authn-url "$login" -pr spid-sp-public --extra -tr
  run_step cie-metadata --metadata-url "$cie" -pr cie-sp-public
  run_step cie-metadata-extra --metadata-url "$cie" -pr cie-sp-public --extra
  printf '%s\n' "${summary[@]}"
  echo "spid-sp-test: reports in $REPORT"
  if ((${#failed_steps[@]})); then
    echo "spid-sp-test: FAILED: ${failed_steps[*]}" >&2
    exit 1
  fi
  echo "spid-sp-test: all passed"
}

case "${1:-}" in
  prepare) [[ $# == 2 ]] || usage; prepare "$2" ;;
  run) [[ $# == 2 || $# == 3 ]] || usage; run "$2" "${3:-}" ;;
  *) usage ;;
esac
