#!/usr/bin/env bash
# Builds the container images of SISL's processes with podman (no Docker engine here), from the
# Dockerfiles beside this script, on the bases of bases.sh (made first when missing):
#   deploy/images/build.sh [--tag TAG] [booking enterprise communications matching notifications
#                                       observatory gateway]      (default: all of them)
# Images are named localhost/sisl/sisl-<name>:<TAG> (default: the commit). Each build compiles
# its CMake target in the builder stage (ccache kept in a build cache between images).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=deploy/images/podman.sh
. "$HERE/podman.sh"
TAG="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo dev)"
if [[ ${1:-} == --tag ]]; then TAG=$2; shift 2; fi
NAMES=("$@")
((${#NAMES[@]})) || NAMES=(booking enterprise communications matching notifications observatory
  gateway)
"$HERE/bases.sh"
for name in "${NAMES[@]}"; do
  [[ -f $HERE/$name.Dockerfile ]] || { echo "images: no $name.Dockerfile" >&2; exit 2; }
  t=$SECONDS
  # The host's CA bundle as a build secret: npm in the builder trusts what the host trusts.
  secret=()
  [[ -r /etc/ssl/certs/ca-certificates.crt ]] &&
    secret=(--secret id=ca_bundle,src=/etc/ssl/certs/ca-certificates.crt)
  sisl_podman_build "${secret[@]}" -f "$HERE/$name.Dockerfile" -t "localhost/sisl/sisl-$name:$TAG" "$REPO"
  echo "images: localhost/sisl/sisl-$name:$TAG built in $((SECONDS - t)) s"
done
# vfs keeps a full copy of every layer: the builder stages' images (~2 GB each) go once tagged.
sisl_podman image prune -f >/dev/null
