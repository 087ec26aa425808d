#!/usr/bin/env bash
# Runs compose on the demo stack with the image names of deploy/images.env, whichever compose is
# installed (`docker compose` v2 first, else `docker-compose` 1.29).
#
#   deploy/compose.sh [--offline] <compose arguments>     e.g. up -d | ps | logs -f compute | down -v
#
# --offline adds deploy/offline/docker-compose.offline.yml: images built by
# deploy/offline/build-images.sh, and no Grafana (it has no Debian package).
# Grafana's admin password: GRAFANA_ADMIN_PASSWORD if set; otherwise one is generated once and kept in
# ${CHITTI_STATE_DIR:-~/.config/chitti}/grafana-admin-password (mode 600).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=(-f "$root/docker-compose.yml")
offline=0
if [[ ${1:-} == --offline ]]; then
  offline=1
  files+=(-f "$root/deploy/offline/docker-compose.offline.yml")
  shift
fi

if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null; then compose=(docker-compose)
else echo "no docker compose found: run deploy/ensure-docker.sh" >&2; exit 1; fi

if [[ -z ${GRAFANA_ADMIN_PASSWORD:-} ]]; then
  state="${CHITTI_STATE_DIR:-$HOME/.config/chitti}"
  secret="$state/grafana-admin-password"
  if [[ ! -s $secret ]]; then
    mkdir -p "$state"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$secret")
    [[ $offline == 1 ]] || echo "Grafana admin password generated: $secret (user admin)" >&2
  fi
  GRAFANA_ADMIN_PASSWORD="$(cat "$secret")"
  export GRAFANA_ADMIN_PASSWORD
fi

if [[ $offline == 1 && ${1:-} == up ]]; then
  echo "OFFLINE STACK: no Grafana (it has no Debian package). Prometheus UI: http://127.0.0.1:9090," \
    "dashboards as JSON in grafana/dashboards/ for a Grafana elsewhere." >&2
fi

"$root/deploy/build-ca.sh" # npm behind a TLS-inspecting proxy, when compose builds the images
exec "${compose[@]}" --project-directory "$root" --env-file "$root/deploy/images.env" "${files[@]}" "$@"
