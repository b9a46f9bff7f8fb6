#!/usr/bin/env bash
# End to end: docs/booking-walkthrough.sh, exactly as documented, against a fresh all-in-one
# process; checks the outcomes the document promises.
set -euo pipefail
SRC=${SISL_SOURCE_DIR:?} BIN=${SISL_BINARY_DIR:?}
export PATH="$SRC/.run/bin:$PATH"
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
hport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
gport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export SISL_DATA_DIR=$data SISL_GRPC_ADDRESS=127.0.0.1:$port SISL_HTTP_ADDRESS=127.0.0.1:$hport
export SISL_GATEWAY_HTTP_ADDRESS=127.0.0.1:$gport SISL_GATEWAY_PUBLIC_URL=http://127.0.0.1:$gport
export SISL_ALLINONE=$BIN/apps/sisl-allinone
"$SISL_ALLINONE" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do grpcurl -plaintext "$SISL_GRPC_ADDRESS" list >/dev/null 2>&1 && break; sleep 0.2; done
out=$("$SRC/docs/booking-walkthrough.sh" 2>&1) || { echo "$out"; exit 1; }
echo "$out"
fail=0
for expect in BAND_NOT_WHOLE_SLOTS ALREADY_BOOKED_FOR_SERVICE 'METHOD:REQUEST' APPOINTMENT_STATE_MOVED \
              APPOINTMENT_STATE_CANCELLED_BY_OPERATOR ATTENDANCE_BEFORE_START 'walkthrough done'; do
  grep -q -- "$expect" <<<"$out" || { echo "missing from the walkthrough output: $expect"; fail=1; }
done
# Privacy: no fiscal code in the server's log.
if grep -E 'RSSMRA85T10L219G|VRDLCU92C45L219X' "$data/server.log"; then echo "fiscal code logged"; fail=1; fi
exit $fail
