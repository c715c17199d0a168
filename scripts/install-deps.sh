#!/usr/bin/env bash
# Installs what building and testing Duo Doctor needs on Debian 12 (run as root or through sudo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Root runs apt directly (a fresh machine may have no sudo); anyone else goes through sudo.
if [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
packages=$(grep -v '^\s*#' "$here/debian-packages.txt" | grep -v '^\s*$' | tr '\n' ' ')
apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $packages
