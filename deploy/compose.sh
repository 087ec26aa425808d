#!/usr/bin/env bash
# Runs compose on the demo stack with the image names of deploy/images.env, whichever compose is
# installed (`docker compose` v2 first, else `docker-compose` 1.29).
#
#   deploy/compose.sh [--offline] <compose arguments>     e.g. up -d | ps | logs -f compute | down -v
#
# --offline adds deploy/offline/docker-compose.offline.yml: images built by
# deploy/offline/build-images.sh, and no Grafana (it has no Debian package).
# `up` prints the URLs of the stack's pages (after `up -d` has started it).
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

# The pages an SRE opens, printed by `up` (README.md lists the same; deploy/smoke.ts opens each one).
banner() {
  local dashboards alertmanager
  if [[ $offline == 1 ]]; then
    dashboards="http://127.0.0.1:9095/dashboards      no Grafana offline (no Debian package): each panel's queries open in Prometheus"
    alertmanager="http://127.0.0.1:9093                 current alerts and silences (Debian's package has no full UI; amtool silences)"
  else
    dashboards="http://127.0.0.1:3000/d/chitti-overview   Grafana: user admin, password in $state/grafana-admin-password"
    alertmanager="http://127.0.0.1:9093                 alerts, silences"
  fi
  cat >&2 <<BANNER
Chitti Compute demo stack$([[ $offline == 1 ]] && echo " (OFFLINE: Debian's Prometheus and Alertmanager, no Grafana)"), on 127.0.0.1:
  Dashboards     $dashboards
  Alerts         http://127.0.0.1:9090/alerts          Prometheus: alert state; every alert's source link opens its query
  Queries        http://127.0.0.1:9090/graph
  Alertmanager   $alertmanager
  Notifications  http://127.0.0.1:9095/alerts          what Alertmanager delivered (the alert sink)
  Runbooks       http://127.0.0.1:9095/runbooks        where every alert's runbook link points
  API            http://127.0.0.1:8080/v1/indicators   bearer token in $state/api-token; metrics at http://127.0.0.1:9464/metrics
  Balancer       http://127.0.0.1:8404/stats           HAProxy in front of the replicas: their state, requests, queue (read-only)
BANNER
}

"$root/deploy/build-ca.sh" # npm behind a TLS-inspecting proxy, when compose builds the images
# A fixed project name (containers chitti-compute-1, volumes chitti_prometheus-data, ...), whatever
# the checkout's directory is called; COMPOSE_PROJECT_NAME overrides it.
command=("${compose[@]}" -p "${COMPOSE_PROJECT_NAME:-chitti}" --project-directory "$root" --env-file "$root/deploy/images.env" "${files[@]}" "$@")
if [[ ${1:-} != up ]]; then exec "${command[@]}"; fi
# `up -d` returns once the containers run: the banner after it. `up` in the foreground: before it.
detached=0
for arg in "$@"; do [[ $arg == -d || $arg == --detach ]] && detached=1; done
if [[ $detached == 0 ]]; then banner; exec "${command[@]}"; fi
"${command[@]}"
banner
