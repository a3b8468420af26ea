# Source this: starts (or finds) the CI Docker engine and exports DOCKER_HOST for it.
# shellcheck shell=bash
_pdk_ci_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOCKER_HOST="$("$_pdk_ci_dir/docker-engine.sh")" && export DOCKER_HOST
unset _pdk_ci_dir
