#!/usr/bin/env bash
# Start the "remote" Docker engine of the tests (idempotent): a second dockerd on this machine,
# reachable only on loopback, over TLS and over ssh, as a team's GPU server would be.
#
#   unix:///run/paddledesk-remote-docker.sock   its own socket (what sshd's dial-stdio talks to)
#   tcp://127.0.0.1:23760                        TLS with client certificates (made here by openssl)
#   ssh://root@127.0.0.1:22220                   an sshd on 127.0.0.1 that accepts one generated key
#
# It has its own data root, exec root, pid file and bridge (pdkremote0, 172.31.251.1/24, no NAT:
# its containers reach nothing but this machine), so it shares nothing with the engine of
# docker-engine.sh but the kernel. Client material for the tests is written under
# $STATE/remote/client: tls/{ca,cert,key}.pem and home/.ssh/{config,known_hosts,id_ed25519}.
# The trainer image is copied from the first engine with `docker save | docker load` when
# missing (measured faster than building it again there: see the report in the log).
# Usage: .ci/remote-engines.sh [--images]   prints the three engine addresses, one per line.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${PADDLEDESK_CI_STATE:-/var/lib/paddledesk-ci}"
R="$STATE/remote"
SOCK=/run/paddledesk-remote-docker.sock
HOST="unix://$SOCK"
TLS_PORT=23760
SSH_PORT=22220
BRIDGE=pdkremote0
BRIDGE_CIDR=172.31.251.1/24
LOG="$R/dockerd.log"
CLIENT="$R/client"

log() { echo "[remote-engines $(date +%T)] $*" >&2; }
answers() { DOCKER_HOST="$HOST" timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
mkdir -p "$R" "$CLIENT/tls" "$CLIENT/home/.ssh"
chmod 700 "$CLIENT/home/.ssh"

# 1. certificates: a CA, a server certificate for 127.0.0.1/localhost, a client certificate
certificates() {
  local d="$R/tls"
  [ -s "$d/server-cert.pem" ] && [ -s "$CLIENT/tls/cert.pem" ] && return 0
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=paddledesk-ci-ca" \
    -keyout "$d/ca-key.pem" -out "$d/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$d/server-key.pem" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$d/server.ext"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$d/server.ext" -out "$d/server-cert.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=paddledesk-ci-client" \
    -keyout "$CLIENT/tls/key.pem" -out "$d/client.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$d/client.ext"
  openssl x509 -req -in "$d/client.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$d/client.ext" -out "$CLIENT/tls/cert.pem" 2>/dev/null
  cp "$d/ca.pem" "$CLIENT/tls/ca.pem"
  chmod 600 "$d"/*-key.pem "$CLIENT/tls/key.pem"
  log "made a CA, a server and a client certificate under $R"
}

# 2. the second engine, on its own bridge without NAT
engine() {
  answers && return 0
  command -v dockerd >/dev/null || { echo "remote-engines.sh: dockerd not found; apt-get install docker.io" >&2; exit 1; }
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  mkdir -p "$R/docker" /run/paddledesk-remote-docker
  local pidfile=/run/paddledesk-remote-docker.pid
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then rm -f "$pidfile"; fi
  rm -f "$SOCK"
  nohup dockerd --host "$HOST" --host "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert "$R/tls/ca.pem" --tlscert "$R/tls/server-cert.pem" --tlskey "$R/tls/server-key.pem" \
    --data-root "$R/docker" --exec-root /run/paddledesk-remote-docker --pidfile "$pidfile" \
    --storage-driver overlay2 --bridge "$BRIDGE" --iptables=false --ip6tables=false \
    >>"$LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    if answers; then chmod 660 "$SOCK" || true; log "engine answers on $HOST and tcp://127.0.0.1:$TLS_PORT"; return 0; fi
    sleep 0.5
  done
  echo "remote-engines.sh: the second dockerd did not answer within 30 s; last log lines:" >&2
  tail -n 20 "$LOG" >&2
  exit 1
}

# 3. sshd on 127.0.0.1 that accepts one generated key; its sessions talk to the second engine
sshd_up() {
  local d="$R/ssh"
  mkdir -p "$d" /run/sshd
  [ -s "$d/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N "" -f "$d/host_ed25519_key"
  [ -s "$CLIENT/home/.ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -C paddledesk-ci -f "$CLIENT/home/.ssh/id_ed25519"
  cp "$CLIENT/home/.ssh/id_ed25519.pub" "$d/authorized_keys"
  chmod 600 "$d/authorized_keys"
  local before=""
  [ -f "$d/sshd_config" ] && before="$(cat "$d/sshd_config")"
  # a stock server's limits (MaxSessions 10 on one connection): the app must live within them
  cat >"$d/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/host_ed25519_key
PidFile /run/paddledesk-sshd.pid
AuthorizedKeysFile $d/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers root
UsePAM no
SetEnv DOCKER_HOST=$HOST
EOF
  # what a user's own ~/.ssh holds: the host's key and which key to offer
  printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$d/host_ed25519_key.pub")" >"$CLIENT/home/.ssh/known_hosts"
  cat >"$CLIENT/home/.ssh/config" <<EOF
Host 127.0.0.1
  Port $SSH_PORT
  User root
  IdentityFile $CLIENT/home/.ssh/id_ed25519
  UserKnownHostsFile $CLIENT/home/.ssh/known_hosts
  IdentitiesOnly yes
EOF
  chmod 600 "$CLIENT/home/.ssh/config" "$CLIENT/home/.ssh/known_hosts"
  if [ -f /run/paddledesk-sshd.pid ] && kill -0 "$(cat /run/paddledesk-sshd.pid)" 2>/dev/null; then
    if [ "$before" != "$(cat "$d/sshd_config")" ]; then
      kill -HUP "$(cat /run/paddledesk-sshd.pid)"  # sshd re-executes itself with the new configuration
      sleep 0.5
      for _ in $(seq 1 40); do (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null && break; sleep 0.25; done
      log "sshd reloaded its changed configuration"
    fi
    return 0
  fi
  command -v /usr/sbin/sshd >/dev/null || { echo "remote-engines.sh: sshd not found; apt-get install openssh-server" >&2; exit 1; }
  /usr/sbin/sshd -f "$d/sshd_config" -E "$R/sshd.log"
  log "sshd listens on 127.0.0.1:$SSH_PORT"
}

# 4. the trainer images of the first engine, copied over when missing
images() {
  local first
  first="$("$HERE/docker-engine.sh")"
  for tag in $(DOCKER_HOST="$first" docker images --format '{{.Repository}}:{{.Tag}}' 'paddledesk/trainer'); do
    if DOCKER_HOST="$HOST" docker image inspect "$tag" >/dev/null 2>&1; then continue; fi
    local t0; t0=$(date +%s)
    DOCKER_HOST="$first" docker save "$tag" | DOCKER_HOST="$HOST" docker load -q >/dev/null
    log "copied $tag to the second engine in $(( $(date +%s) - t0 )) s (docker save | docker load)"
  done
}

certificates
engine
sshd_up
[ "${1:-}" = "--images" ] && images
echo "$HOST"
echo "tcp://127.0.0.1:$TLS_PORT"
echo "ssh://root@127.0.0.1:$SSH_PORT"
