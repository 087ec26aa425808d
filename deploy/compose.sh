#!/usr/bin/env bash
# Runs compose on the demo stack with the image names of deploy/images.env, whichever compose is
# installed (`docker compose` v2 first, else `docker-compose` 1.29).
#
#   deploy/compose.sh [--offline] <compose arguments>     e.g. up -d | ps | logs -f compute | down -v
#
# --offline adds deploy/offline/docker-compose.offline.yml: images built by
# deploy/offline/build-images.sh, and no Grafana (it has no Debian package).
# Secrets: GRAFANA_ADMIN_PASSWORD and CHITTI_API_TOKEN (the compute API's bearer token) if set;
# otherwise each is generated once and kept in ${CHITTI_STATE_DIR:-~/.config/chitti}/ (mode 600).
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

# Secrets the stack needs, from the environment or generated once into the state directory.
state="${CHITTI_STATE_DIR:-$HOME/.config/chitti}"
secret() { # secret VARIABLE FILE DESCRIPTION
  local var="$1" file="$state/$2"
  [[ -n ${!var:-} ]] && return
  if [[ ! -s $file ]]; then
    mkdir -p "$state"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$file")
    echo "generated $3: $file" >&2
  fi
  printf -v "$var" '%s' "$(cat "$file")"
  export "${var?}"
}
secret GRAFANA_ADMIN_PASSWORD grafana-admin-password "the Grafana admin password (user admin)"
secret CHITTI_API_TOKEN api-token "the compute API's bearer token (the load generator uses it too)"

if [[ $offline == 1 && ${1:-} == up ]]; then
  echo "OFFLINE STACK: no Grafana (it has no Debian package). Prometheus UI: http://127.0.0.1:9090," \
    "dashboards as JSON in grafana/dashboards/ for a Grafana elsewhere." >&2
fi

"$root/deploy/build-ca.sh" # npm behind a TLS-inspecting proxy, when compose builds the images
# A fixed project name (containers chitti-compute-1, volumes chitti_prometheus-data, ...), whatever
# the checkout's directory is called; COMPOSE_PROJECT_NAME overrides it.
exec "${compose[@]}" -p "${COMPOSE_PROJECT_NAME:-chitti}" --project-directory "$root" --env-file "$root/deploy/images.env" "${files[@]}" "$@"
