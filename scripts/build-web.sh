#!/usr/bin/env bash
# Builds the web pages served by the gateway: gateway/web/src -> gateway/web/dist (Bootstrap Italia
# subset, fonts, icons, ES modules, i18n, pages; fingerprinted and gzip-precompressed).
# Installs npm (Debian package) when missing and the npm packages of gateway/web/package-lock.json
# (`npm ci`) when node_modules is missing or older than the lock file. Needs only the npm registry.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$REPO/gateway/web"

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "install: apt package npm (and nodejs)"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

stamp="$WEB/node_modules/.sisl-lock.sha256"
want=$(sha256sum "$WEB/package-lock.json" | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "install: npm ci in gateway/web"
  # No install scripts are needed (sass's optional file watcher is left out).
  (cd "$WEB" && npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi

# Rebuild only when a source, the lock, the build script or the municipalities the map of the
# provinces is drawn from (province-map.mjs) is newer than the last build.
if [[ -f $WEB/dist/.built ]] &&
  [[ -z $(find "$WEB/src" "$WEB/build.mjs" "$WEB/province-map.mjs" "$WEB/package-lock.json" \
    "$REPO/services/reference/data/municipalities.csv" -newer "$WEB/dist/.built" -print -quit) ]]; then
  exit 0
fi
(cd "$WEB" && node build.mjs)
touch "$WEB/dist/.built"
