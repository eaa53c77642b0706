#!/usr/bin/env bash
# Installs what mamori's kernel tests need (strace, libseccomp, apparmor_parser, gcc) and builds the seccomp loader; safe to run twice.
set -euo pipefail
pkgs=(strace libseccomp-dev seccomp apparmor gcc libc6-dev util-linux)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Build the loader where test/kernel/helpers.ts looks for it (keyed by the source hash).
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/test/kernel/seccomp-run.c"
cache="${MAMORI_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mamori}"
hash="$(sha256sum "$src" | cut -c1-12)"
mkdir -p "$cache"
[ -s "$cache/seccomp-run-$hash" ] || gcc -O2 -o "$cache/seccomp-run-$hash" "$src" -lseccomp
echo "kernel tools ready: $(strace -V | head -1); apparmor_parser $(apparmor_parser --version | head -1 | awk '{print $NF}'); loader $cache/seccomp-run-$hash"
