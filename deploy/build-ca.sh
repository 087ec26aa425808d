#!/usr/bin/env bash
# Behind a TLS-inspecting proxy, npm inside `docker build` must trust the proxy's CA. This copies the
# host's CA bundle into deploy/build-ca/ (git-ignored), where the build stages of services/*/Dockerfile
# pick it up for npm; the final images never contain it. The bundle is the first of:
# CHITTI_BUILD_CA_FILE, NODE_EXTRA_CA_CERTS, npm's `cafile` setting. None set: nothing to do.
set -euo pipefail
dest="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/build-ca/host-ca.pem"
src="${CHITTI_BUILD_CA_FILE:-${NODE_EXTRA_CA_CERTS:-}}"
if [[ -z $src ]] && command -v npm >/dev/null; then
  src="$(npm config get cafile 2>/dev/null || true)"
  [[ $src == null || $src == undefined ]] && src=""
fi
if [[ -n $src && -s $src ]]; then
  if ! cmp -s "$src" "$dest"; then
    cp "$src" "$dest"
    echo "[build-ca] npm in image builds trusts $src (copied to deploy/build-ca/)" >&2
  fi
elif [[ -e $dest ]]; then
  rm -f "$dest"
fi
