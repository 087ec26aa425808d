#!/usr/bin/env bash
# Makes sure a Docker engine answers, with a compose and debootstrap beside it (Debian/Ubuntu hosts).
#   deploy/ensure-docker.sh    (root; idempotent: does nothing when all is there)
# Installs Debian's docker.io, docker-compose and debootstrap if missing, starts dockerd (systemd if
# it runs, else in the background with its log in /var/log/dockerd.log) and waits for it.
set -euo pipefail

log() { printf '[ensure-docker] %s\n' "$*" >&2; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v docker >/dev/null || missing+=(docker.io)
command -v dockerd >/dev/null || [[ " ${missing[*]} " == *" docker.io "* ]] || missing+=(docker.io)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  missing+=(docker-compose)
fi
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    log "starting docker (systemd)"
    as_root systemctl start docker
  else
    log "starting dockerd in the background (log: /var/log/dockerd.log)"
    as_root sh -c 'nohup dockerd >/var/log/dockerd.log 2>&1 &'
  fi
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not answer within 60s; see /var/log/dockerd.log"; exit 1; }
fi

if docker compose version >/dev/null 2>&1; then compose="docker compose ($(docker compose version --short))"
else compose="docker-compose ($(docker-compose version --short))"; fi
log "engine $(docker info --format '{{.ServerVersion}}'), $compose, $(debootstrap --version | head -1)"
