#!/usr/bin/env bash
# Build (only when missing) the local stand-in for the Paddle base image, for the CI engine.
#
# No container registry is reachable here, so `paddlepaddle/paddle:2.6.2-gpu-...` cannot be
# pulled. This builds an image with the same Paddle (2.6.2, CPU build) and the pinned PaddleNLP
# that the trainer image adds on top of the real one:
#   debootstrap bookworm minbase + python3-venv  -> rootfs tarball (cached)
#   docker import                                 -> paddledesk/debian-python:bookworm
#   pip wheel on the host (wheels cached)         -> docker build    -> $TAG
# Everything is cached under $PADDLEDESK_CI_STATE, so a second run takes a second.
# Needs DOCKER_HOST pointing at the engine (see docker-env.sh). Prints the tag.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
STATE="${PADDLEDESK_CI_STATE:-/var/lib/paddledesk-ci}"
TAG="${PADDLEDESK_BASE_IMAGE:-paddledesk/paddle-base:2.6.2-cpu}"
ROOTFS_TAG="paddledesk/debian-python:bookworm"
ROOTFS_TAR="$STATE/rootfs-bookworm-python3.tar"
WHEELS="$STATE/wheels-paddle2.6.2-py3.11"
CONSTRAINTS="$REPO/constraints/paddle2.6.2-paddlenlp2.8.1-py3.11.txt"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOCKER_HOST="${DOCKER_HOST:-$("$HERE/docker-engine.sh")}"

log() { echo "[docker-base-image $(date +%T)] $*" >&2; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

if has_image "$TAG"; then
  log "$TAG present"
  echo "$TAG"
  exit 0
fi
mkdir -p "$STATE"
t0=$(date +%s)

# 1. root filesystem: Debian 12 with Python 3.11 (the Python the 2.6.2 constraints were frozen on)
if ! has_image "$ROOTFS_TAG"; then
  if [ ! -s "$ROOTFS_TAR" ]; then
    dir="$(mktemp -d "$STATE/rootfs.XXXXXX")"
    log "debootstrap bookworm into $dir"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,libgomp1 \
      bookworm "$dir" "$MIRROR" >"$STATE/debootstrap.log" 2>&1 \
      || { tail -n 30 "$STATE/debootstrap.log" >&2; rm -rf "$dir"; exit 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -cf "$ROOTFS_TAR.tmp" .
    mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
    rm -rf "$dir"
    log "rootfs tarball $(du -h "$ROOTFS_TAR" | cut -f1) after $(( $(date +%s) - t0 )) s"
  fi
  docker import --change 'CMD ["/bin/bash"]' "$ROOTFS_TAR" "$ROOTFS_TAG" >/dev/null
  log "imported $ROOTFS_TAG"
fi

# 2. wheels: downloaded on the host (its pip reaches the registry), installed offline in the build
if [ ! -f "$WHEELS/.complete" ]; then
  log "pip wheel into $WHEELS"
  mkdir -p "$WHEELS"
  # the wheels must be for the image's Python (Debian 12: 3.11): use a 3.11 on the host
  PY=""
  for cand in "${PADDLEDESK_WHEEL_PYTHON:-}" "$REPO/.venv/bin/python" python3.11 python3; do
    if [ -n "$cand" ] && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      PY="$cand"; break
    fi
  done
  [ -n "$PY" ] || { log "need a Python 3.11 on the host to fetch wheels (set PADDLEDESK_WHEEL_PYTHON)"; exit 1; }
  # `pip wheel` (not download): jieba and seqeval are sdists only; build them here, once
  "$PY" -m pip wheel --quiet --wheel-dir "$WHEELS" -c "$CONSTRAINTS" \
    paddlepaddle==2.6.2 paddlenlp==2.8.1 2>&1 | grep -v "is ignored: it is neither" >&2 || true
  [ -n "$(ls "$WHEELS"/paddlenlp-2.8.1-*.whl 2>/dev/null)" ] || { log "pip wheel failed"; exit 1; }
  touch "$WHEELS/.complete"
fi

# 3. the image
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
ln "$WHEELS"/*.whl "$ctx"/ 2>/dev/null || cp "$WHEELS"/*.whl "$ctx"/
cp "$CONSTRAINTS" "$ctx/constraints.txt"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $ROOTFS_TAG
ENV PATH=/opt/paddle/bin:\$PATH PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY . /tmp/wheels
RUN python3 -m venv /opt/paddle \\
 && /opt/paddle/bin/python -m pip install --no-index --find-links /tmp/wheels -c /tmp/wheels/constraints.txt \\
      paddlepaddle==2.6.2 paddlenlp==2.8.1 \\
 && rm -rf /tmp/wheels /root/.cache \\
 && ln -s /opt/paddle/bin/python /usr/local/bin/python \\
 && python -c "import paddle, numpy; print('paddle', paddle.__version__, 'numpy', numpy.__version__)"
LABEL paddledesk.role=base paddledesk.stand-in-for="paddlepaddle/paddle:2.6.2 (CPU)"
DOCKERFILE
log "docker build $TAG"
docker build --quiet -t "$TAG" "$ctx" >/dev/null
log "built $TAG in $(( $(date +%s) - t0 )) s ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'))"
echo "$TAG"
