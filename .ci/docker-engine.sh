#!/usr/bin/env bash
# Start a private Docker engine for PaddleDesk's tests (idempotent) and print its DOCKER_HOST.
#
# Needs Debian's docker.io (dockerd, containerd, runc) installed. The engine keeps its images in
# a persistent data-root so the base image built by docker-base-image.sh survives between CI runs
# on the same machine. The default bridge stays on: image builds `pip install` from the package
# registries through it. Usage:  eval "$(.ci/docker-engine.sh --export)"   or   . .ci/docker-env.sh
set -euo pipefail

STATE="${PADDLEDESK_CI_STATE:-/var/lib/paddledesk-ci}"
SOCK="${PADDLEDESK_DOCKER_SOCK:-/run/paddledesk-docker.sock}"
DATA_ROOT="$STATE/docker"
EXEC_ROOT="/run/paddledesk-docker"
PIDFILE="/run/paddledesk-docker.pid"
LOG="$STATE/dockerd.log"
HOST="unix://$SOCK"

answers() { DOCKER_HOST="$HOST" timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

print_host() {
  if [ "${1:-}" = "--export" ]; then echo "export DOCKER_HOST=$HOST"; else echo "$HOST"; fi
}

if answers; then
  print_host "${1:-}"
  exit 0
fi

command -v dockerd >/dev/null || { echo "docker-engine.sh: dockerd not found; apt-get install docker.io" >&2; exit 1; }
mkdir -p "$DATA_ROOT" "$EXEC_ROOT"

# a stale pid file from a killed engine blocks a new start
if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
rm -f "$SOCK"

# the bridge gets its own name and subnet so it cannot clash with a system engine's docker0
BRIDGE_FLAGS=(--bip 172.31.250.1/24)
if [ "${PADDLEDESK_DOCKER_NO_BRIDGE:-0}" = "1" ]; then
  BRIDGE_FLAGS=(--bridge=none --iptables=false --ip6tables=false)
fi

nohup dockerd \
  --host "$HOST" \
  --data-root "$DATA_ROOT" \
  --exec-root "$EXEC_ROOT" \
  --pidfile "$PIDFILE" \
  --storage-driver overlay2 \
  "${BRIDGE_FLAGS[@]}" \
  >>"$LOG" 2>&1 </dev/null &

for _ in $(seq 1 60); do
  if answers; then
    chmod 660 "$SOCK" || true
    print_host "${1:-}"
    exit 0
  fi
  sleep 0.5
done
echo "docker-engine.sh: dockerd did not answer on $HOST within 30 s; last log lines:" >&2
tail -n 20 "$LOG" >&2
exit 1
