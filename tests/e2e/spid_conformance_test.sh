#!/usr/bin/env bash
# SPID conformance: AgID's spid-sp-test (PyPI) against a fresh all-in-one whose gateway trusts the
# tool's test IdP: metadata (SPID and CIE, strict and --extra), AuthnRequest (HTTP-POST and
# HTTP-Redirect, strict and --extra) and every Response test (-tr). Any failed check fails.
set -euo pipefail
SRC=${SISL_SOURCE_DIR:?} BIN=${SISL_BINARY_DIR:?}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
"$SRC/scripts/spid-sp-test.sh" prepare "$work/spid-sp-test-idp.xml"
gport=$(free_port)
export SISL_DATA_DIR=$work/data SISL_GRPC_ADDRESS=127.0.0.1:$(free_port)
export SISL_HTTP_ADDRESS=127.0.0.1:$(free_port) SISL_LOG_LEVEL=warn
export SISL_GATEWAY_HTTP_ADDRESS=127.0.0.1:$gport SISL_GATEWAY_PUBLIC_URL=http://127.0.0.1:$gport
export SISL_SPID_IDP_METADATA_FILES=$work/spid-sp-test-idp.xml
# The tool starts over a hundred logins and posts as many responses within seconds, all from
# 127.0.0.1: raise the per-IP login and SAML limits (docs/gateway.md, "Rate limits").
export SISL_RATE_LIMITS_LOGINS_BURST=100000 SISL_RATE_LIMITS_SAML_BURST=100000
export SISL_RATE_LIMITS_PER_IP_BURST=100000
"$BIN/apps/sisl-allinone" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$gport/healthz" >/dev/null && break; sleep 0.2; done
reports=$BIN/test-artifacts/spid-sp-test
rm -rf "$reports"
"$SRC/scripts/spid-sp-test.sh" run "http://127.0.0.1:$gport" "$reports"
