#!/usr/bin/env bash
# The two base images every SISL image is built on, made from Debian's own packages with
# mmdebstrap (no registry image: none is reachable here) and imported into podman:
#   localhost/sisl-builder:bookworm  compilers and -dev packages of scripts/install-deps.sh, Node
#   localhost/sisl-runtime:bookworm  only the shared libraries the binaries load (found with ldd
#                                    on the built binaries and listed below), tzdata (Europe/Rome),
#                                    CA certificates, a font for the PDF receipts, curl for the
#                                    health check, and the user sisl (uid 10001)
#   deploy/images/bases.sh [--force]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/images/podman.sh
. "$HERE/podman.sh"
FORCE=0
[[ ${1:-} == --force ]] && FORCE=1

RUNTIME_PKGS=(ca-certificates tzdata curl fonts-dejavu-core fontconfig
  libabsl20220623 libgrpc++1.51 libgrpc29 libprotobuf32 librdkafka++1 librdkafka1
  libhiredis0.14 libpq5 libsqlite3-0 libyaml-cpp0.7 libspdlog1.10 libfmt9 libssl3 libcurl4
  libcairo2 libzip4 libxml2 libxmlsec1 libxmlsec1-openssl libxslt1.1 libre2-9 libc-ares2)
BUILDER_PKGS=(ca-certificates build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librdkafka-dev libhiredis-dev libpq-dev libsqlite3-dev libyaml-cpp-dev libspdlog-dev
  nlohmann-json3-dev libabsl-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libxml2-dev libxmlsec1-dev libxmlsec1-openssl zlib1g-dev
  libcairo2-dev libzip-dev libcurl4-openssl-dev libjemalloc-dev nodejs npm)

make_base() {  # name hook packages...
  local name=$1 hook=$2
  shift 2
  if ((!FORCE)) && sisl_podman image exists "$name"; then
    echo "images: $name exists (--force to make it again)"
    return
  fi
  local tar
  tar="$(mktemp /tmp/sisl-base.XXXXXX.tar)"
  echo "images: making $name with mmdebstrap (${#@} packages)"
  mmdebstrap --variant=minbase --include="$(IFS=,; echo "$*")" \
    --customize-hook="$hook" bookworm "$tar"
  sisl_podman import --change 'CMD ["/bin/bash"]' "$tar" "$name" >/dev/null
  rm -f "$tar"
}

command -v mmdebstrap >/dev/null || apt-get install -y -qq --no-install-recommends mmdebstrap
# The runtime: a user of its own, no package manager state left behind.
make_base localhost/sisl-runtime:bookworm \
  'chroot "$1" useradd --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin sisl;
   rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' "${RUNTIME_PKGS[@]}"
make_base localhost/sisl-builder:bookworm 'rm -rf "$1"/var/cache/apt/*' "${BUILDER_PKGS[@]}"
