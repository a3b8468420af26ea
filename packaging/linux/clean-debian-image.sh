#!/usr/bin/env bash
# A bare Debian 12 image WITHOUT Python for the .deb's clean-system test (tests/test_packaging.py).
#
# Usage: packaging/linux/clean-debian-image.sh PACKAGE.deb   (prints the image tag)
# debootstrap minbase + exactly the libraries the .deb's Depends names (read from the .deb itself),
# so `dpkg -i` in the container proves the Depends line is complete and that nothing needs Python.
# The rootfs tarball is cached under $PADDLEDESK_CI_STATE per Depends line: a second run takes a second.
set -euo pipefail
DEB=${1:?usage: $0 PACKAGE.deb}
STATE="${PADDLEDESK_CI_STATE:-/var/lib/paddledesk-ci}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log() { echo "[clean-debian-image $(date +%T)] $*" >&2; }

depends=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep -v '^$' | sort -u | paste -sd,)
key=$(echo "$depends" | sha1sum | cut -c1-10)
TAG="paddledesk/debian-bare:bookworm-$key"
TAR="$STATE/rootfs-bookworm-bare-$key.tar"
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "$TAG"; exit 0; fi
mkdir -p "$STATE"
exec 9>"$STATE/clean-debian-image.lock"
flock 9
if [ ! -s "$TAR" ]; then
  dir="$(mktemp -d "$STATE/bare.XXXXXX")"; t0=$(date +%s)
  log "debootstrap bookworm minbase + $depends"
  debootstrap --variant=minbase --include="$depends" bookworm "$dir" "$MIRROR" >"$STATE/debootstrap-bare.log" 2>&1 \
    || { tail -n 30 "$STATE/debootstrap-bare.log" >&2; rm -rf "$dir"; exit 1; }
  if ls "$dir"/usr/bin/python3* >/dev/null 2>&1; then log "python3 got into the bare rootfs"; rm -rf "$dir"; exit 1; fi
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -cf "$TAR.tmp" . && mv "$TAR.tmp" "$TAR"
  rm -rf "$dir"
  log "rootfs $(du -h "$TAR" | cut -f1) in $(( $(date +%s) - t0 )) s"
fi
docker import --change 'CMD ["/bin/bash"]' "$TAR" "$TAG" >/dev/null
log "imported $TAG"
echo "$TAG"
