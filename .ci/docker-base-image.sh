#!/usr/bin/env bash
# Build (only when missing) the local stand-ins for the Paddle base images, for the CI engine.
#
# Usage: .ci/docker-base-image.sh [PADDLE_VERSION...]   (default: $PADDLEDESK_BASE_PADDLE or 2.6.2)
#   .ci/docker-base-image.sh 2.6.2 3.3.1   builds paddledesk/paddle-base:2.6.2-cpu and :3.3.1-cpu
# No container registry is reachable here, so `paddlepaddle/paddle:2.6.2-gpu-...` or
# `paddlepaddle/paddle:3.0.0-gpu-...` cannot be pulled. Each stand-in has the same Paddle (CPU
# build) and the pinned PaddleNLP that the trainer image adds on top of the real one, so the
# trainer image build needs no network (containers here cannot verify HTTPS certificates):
#   debootstrap bookworm minbase + python3-venv  -> rootfs tarball (cached, shared by versions)
#   docker import                                 -> paddledesk/debian-python:bookworm
#   pip wheel on the host (wheels cached per version) -> docker build -> paddledesk/paddle-base:<v>-cpu
# Everything is cached under $PADDLEDESK_CI_STATE, so a second run takes a second. Builds are
# serialised by a lock file, so two callers wait for each other instead of racing.
# Needs DOCKER_HOST pointing at the engine (see docker-env.sh). Prints one tag per version.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
STATE="${PADDLEDESK_CI_STATE:-/var/lib/paddledesk-ci}"
ROOTFS_TAG="paddledesk/debian-python:bookworm"
ROOTFS_TAR="$STATE/rootfs-bookworm-python3.tar"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOCKER_HOST="${DOCKER_HOST:-$("$HERE/docker-engine.sh")}"

log() { echo "[docker-base-image $(date +%T)] $*" >&2; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

# 1. root filesystem: Debian 12 with Python 3.11 (the Python the constraints were frozen on)
rootfs_image() {
  has_image "$ROOTFS_TAG" && return 0
  if [ ! -s "$ROOTFS_TAR" ]; then
    local dir t0=$(date +%s)
    dir="$(mktemp -d "$STATE/rootfs.XXXXXX")"
    log "debootstrap bookworm into $dir"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,libgomp1 \
      bookworm "$dir" "$MIRROR" >"$STATE/debootstrap.log" 2>&1 \
      || { tail -n 30 "$STATE/debootstrap.log" >&2; rm -rf "$dir"; return 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -cf "$ROOTFS_TAR.tmp" .
    mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
    rm -rf "$dir"
    log "rootfs tarball $(du -h "$ROOTFS_TAR" | cut -f1) after $(( $(date +%s) - t0 )) s"
  fi
  docker import --change 'CMD ["/bin/bash"]' "$ROOTFS_TAR" "$ROOTFS_TAG" >/dev/null
  log "imported $ROOTFS_TAG"
}

# 2. wheels: downloaded on the host (its pip reaches the registry), installed offline in the build
fetch_wheels() {  # version wheels-dir constraints
  local version=$1 wheels=$2 constraints=$3 py="" cand
  [ -f "$wheels/.complete" ] && return 0
  log "pip wheel paddlepaddle==$version paddlenlp==2.8.1 into $wheels"
  mkdir -p "$wheels"
  # the wheels must be for the image's Python (Debian 12: 3.11): use a 3.11 on the host
  for cand in "${PADDLEDESK_WHEEL_PYTHON:-}" "$REPO/.venv/bin/python" python3.11 python3; do
    if [ -n "$cand" ] && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      py="$cand"; break
    fi
  done
  [ -n "$py" ] || { log "need a Python 3.11 on the host to fetch wheels (set PADDLEDESK_WHEEL_PYTHON)"; return 1; }
  # `pip wheel` (not download): jieba and seqeval are sdists only; build them here, once
  "$py" -m pip wheel --quiet --wheel-dir "$wheels" -c "$constraints" \
    "paddlepaddle==$version" paddlenlp==2.8.1 2>&1 | grep -v "is ignored: it is neither" >&2 || true
  [ -n "$(ls "$wheels"/paddlenlp-2.8.1-*.whl 2>/dev/null)" ] \
    && [ -n "$(ls "$wheels"/paddlepaddle-"$version"-*.whl 2>/dev/null)" ] \
    || { log "pip wheel failed"; return 1; }
  touch "$wheels/.complete"
}

# 3. the image
build_base() {  # version tag
  local version=$1 tag=$2 t0 ctx
  local wheels="$STATE/wheels-paddle$version-py3.11"
  local constraints="$REPO/constraints/paddle$version-paddlenlp2.8.1-py3.11.txt"
  if has_image "$tag"; then log "$tag present"; return 0; fi
  [ -f "$constraints" ] || { log "no frozen set for Paddle $version: add $constraints"; return 1; }
  t0=$(date +%s)
  rootfs_image
  fetch_wheels "$version" "$wheels" "$constraints"
  ctx="$(mktemp -d)"
  ln "$wheels"/*.whl "$ctx"/ 2>/dev/null || cp "$wheels"/*.whl "$ctx"/
  cp "$constraints" "$ctx/constraints.txt"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $ROOTFS_TAG
ENV PATH=/opt/paddle/bin:\$PATH PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY . /tmp/wheels
RUN python3 -m venv /opt/paddle \\
 && /opt/paddle/bin/python -m pip install --no-index --find-links /tmp/wheels -c /tmp/wheels/constraints.txt \\
      paddlepaddle==$version paddlenlp==2.8.1 \\
 && rm -rf /tmp/wheels /root/.cache \\
 && ln -s /opt/paddle/bin/python /usr/local/bin/python \\
 && python -c "import paddle, numpy; print('paddle', paddle.__version__, 'numpy', numpy.__version__)"
LABEL paddledesk.role=base paddledesk.stand-in-for="paddlepaddle/paddle:$version (CPU)"
DOCKERFILE
  log "docker build $tag"
  docker build --quiet -t "$tag" "$ctx" >/dev/null || { rm -rf "$ctx"; return 1; }
  rm -rf "$ctx"
  log "built $tag in $(( $(date +%s) - t0 )) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
}

[ $# -gt 0 ] || set -- "${PADDLEDESK_BASE_PADDLE:-2.6.2}"
mkdir -p "$STATE"
exec 9>"$STATE/docker-base-image.lock"
flock 9  # another build of a stand-in (or the rootfs they share) finishes first
for version in "$@"; do
  tag="paddledesk/paddle-base:$version-cpu"
  # PADDLEDESK_BASE_IMAGE names the image when one version is built (the old single-image use)
  [ $# -eq 1 ] && tag="${PADDLEDESK_BASE_IMAGE:-$tag}"
  build_base "$version" "$tag"
  echo "$tag"
done
