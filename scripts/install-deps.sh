#!/usr/bin/env bash
# Installs what SISL needs on a fresh Debian bookworm machine, only what is missing.
#   scripts/install-deps.sh build   compilers, C++ libraries and the local SMTP server (./sisl run)
#   scripts/install-deps.sh test    the above, plus real infrastructure and the Go tools
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-build}"
export PATH="$PATH:/usr/local/go/bin"

BUILD_PKGS=(build-essential cmake ninja-build ccache pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librdkafka-dev libhiredis-dev libpq-dev libsqlite3-dev libyaml-cpp-dev libspdlog-dev
  nlohmann-json3-dev libabsl-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libxml2-dev libxmlsec1-dev libxmlsec1-openssl zlib1g-dev  # gateway: Beast, SAML
  libcairo2-dev libzip-dev  # communications: PDF receipts, ZIP bulk uploads
  libcurl4-openssl-dev  # notifications: the e-mail channel (libcurl's SMTP)
  libjemalloc-dev  # the processes' allocator (ADR 0027)
  nodejs)  # the web pages' build (scripts/build-web.sh; npm comes with it or from apt there)

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "install: apt packages ${missing[*]}"
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Go tools pinned by version, built from the Go module proxy into .run/bin.
go_tool() {
  local name=$1 module=$2
  [[ -x $REPO/.run/bin/$name ]] && return 0
  command -v go >/dev/null || apt_install golang-go
  echo "install: $module (go install)"
  GOBIN="$REPO/.run/bin" GOFLAGS=-mod=mod go install "$module"
}

apt_install "${BUILD_PKGS[@]}"
# The local SMTP server that keeps the mails of ./sisl run and of the tests (deploy/lib/mailpit.sh).
command -v go >/dev/null || apt_install golang-go git
go_tool mailpit github.com/axllent/mailpit@v1.33.1
if [[ $what == test ]]; then
  apt_install jq curl clang libclang-rt-14-dev  # clang + libFuzzer runtime: scripts/run-fuzz.sh
  apt_install xmlsec1 python3-venv python3-pip  # spid-sp-test (scripts/spid-sp-test.sh)
  apt_install chromium faketime patchelf  # tests/browser: Debian's Chromium; libfaketime (and patchelf) for the attendance flow
  apt_install poppler-utils fonts-dejavu-core  # communications receipts: pdftotext reads the PDFs back
  # .run/crosscheck-venv: python-codicefiscale for fiscal_code_crosscheck_test (PyPI)
  "$REPO/scripts/reference-data/setup-venv.sh" test >/dev/null
  # .run/openapi-venv: openapi-spec-validator + schemathesis (openapi_contract_e2e_test)
  "$REPO/scripts/openapi-venv.sh" >/dev/null
  command -v go >/dev/null || apt_install golang-go git
  "$REPO/deploy/infra.sh" install
  go_tool buf github.com/bufbuild/buf/cmd/buf@v1.75.0
  go_tool grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.3
fi
