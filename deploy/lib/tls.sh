# shellcheck shell=bash
# Self-generated certificates and passwords for the encrypted listeners of the test servers.
# Sourced by infra.sh. Everything lives in $RUN/tls (mode 0700) and is made once:
#   ca.crt ca.key          a throw-away CA (EC P-256, 10 years) that signs the two below
#   server.crt server.key  CN=localhost, subjectAltName IP:127.0.0.1, DNS:localhost (serverAuth)
#   client.crt client.key  CN=sisl_tls (clientAuth): gRPC mTLS, PostgreSQL cert check, Redis TLS
#   server.p12             server key and chain for Kafka (PKCS#12, password in `secrets`)
#   secrets                TLS_PASSWORD: the one password of the encrypted side (the PostgreSQL
#                          role sisl_tls, the Redis user sisl, the Kafka SCRAM user sisl)
# Production certificates come from the region's PKI, never from here (docs/transport-security.md).

TLS_DIR="$RUN/tls"

tls_ensure() {
  [[ -s $TLS_DIR/secrets && -s $TLS_DIR/server.p12 ]] && { tls_load; return 0; }
  need openssl openssl
  local tmp="$TLS_DIR.tmp" password
  rm -rf "$tmp"
  mkdir -p "$tmp"
  chmod 700 "$tmp"
  (
    cd "$tmp"
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
    openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.crt -days 3650 -subj "/CN=SISL test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req "${ec[@]}" -keyout server.key -out server.csr -subj "/CN=localhost"
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
      -out server.crt -extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature")
    openssl req "${ec[@]}" -keyout client.key -out client.csr -subj "/CN=sisl_tls"
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
      -out client.crt -extfile <(printf '%s\n' "extendedKeyUsage=clientAuth" \
        "keyUsage=critical,digitalSignature")
    password=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')
    openssl pkcs12 -export -in server.crt -inkey server.key -certfile ca.crt -name server \
      -out server.p12 -passout "pass:$password"
    echo "TLS_PASSWORD=$password" >secrets
    rm -f ./*.csr ca.srl
    chmod 600 ./*.key secrets server.p12
  ) >"$RUN/tls.log" 2>&1 || fail_log tls "$RUN/tls.log" "certificate generation failed"
  rm -rf "$TLS_DIR"
  mv "$tmp" "$TLS_DIR"
  say "tls: new test CA and certificates in $TLS_DIR"
  tls_load
}

tls_load() {
  TLS_PASSWORD=$(sed -n 's/^TLS_PASSWORD=//p' "$TLS_DIR/secrets")
  [[ -n $TLS_PASSWORD ]] || die "no TLS_PASSWORD in $TLS_DIR/secrets; run: deploy/infra.sh clean"
}
