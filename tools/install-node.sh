#!/usr/bin/env bash
# Installs what mamori's node tests run (containerd, runc, CNI plugins, iptables) and builds their local images (pause, busybox) as docker archives; safe to run twice.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[node-install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

pkgs=(containerd runc containernetworking-plugins busybox-static iptables nftables conntrack gcc libc6-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  # The package's service is not wanted: test/harness/node.ts starts containerd with its own config and dirs.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# test/harness/node.ts reads the archives from here; the key is the recipe's hash, so a changed recipe rebuilds.
cache="${MAMORI_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mamori}/node"
recipe_hash="$(cat "$here/node/pause.c" "${BASH_SOURCE[0]}" /bin/busybox | sha256sum | cut -c1-12)"
out="$cache/images-$recipe_hash"
if [[ -s "$out/pause.tar" && -s "$out/busybox.tar" ]]; then
  log "images cached: $out"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # Fixed owners and times make the layers, and so the image IDs, the same on every machine.
  tar_flags=(--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner)

  # pack NAME REF ROOTFS CONFIG_JSON_FRAGMENT: a one-layer image in `docker save` form, which `ctr images import` reads.
  pack() {
    local name="$1" ref="$2" rootfs="$3" cfg="$4" dir="$work/$1.archive"
    mkdir -p "$dir"
    tar "${tar_flags[@]}" -C "$rootfs" -cf "$dir/layer.tar" .
    local diff_id; diff_id="$(sha256sum "$dir/layer.tar" | cut -d' ' -f1)"
    mkdir -p "$dir/$diff_id" && mv "$dir/layer.tar" "$dir/$diff_id/layer.tar"
    printf '{"architecture":"amd64","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$cfg" "$diff_id" > "$dir/config.json"
    local config_id; config_id="$(sha256sum "$dir/config.json" | cut -d' ' -f1)"
    mv "$dir/config.json" "$dir/$config_id.json"
    printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config_id" "$ref" "$diff_id" > "$dir/manifest.json"
    tar "${tar_flags[@]}" -C "$dir" -cf "$work/$name.tar" .
  }

  log "building the pause binary and image"
  mkdir -p "$work/pause"
  gcc -static -Os -s -o "$work/pause/pause" "$here/node/pause.c"
  pack pause mamori.local/pause:1 "$work/pause" '{"Entrypoint":["/pause"]}'

  log "packing Debian's busybox-static as an image"
  bb="$work/busybox"
  mkdir -p "$bb/bin" "$bb/etc" "$bb/tmp" "$bb/root"
  chmod 1777 "$bb/tmp"
  cp /bin/busybox "$bb/bin/busybox"
  for applet in $(/bin/busybox --list); do [[ -e "$bb/bin/$applet" ]] || ln -s busybox "$bb/bin/$applet"; done
  # A root user and an unprivileged one, so Pods that set runAsUser or runAsNonRoot resolve their user.
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$bb/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$bb/etc/group"
  pack busybox mamori.local/busybox:1.35 "$bb" '{"Cmd":["/bin/sh"],"Env":["PATH=/bin"]}'

  mkdir -p "$out.tmp"
  mv "$work/pause.tar" "$work/busybox.tar" "$out.tmp/"
  rm -rf "$out" && mv "$out.tmp" "$out"
  ln -sfn "$(basename "$out")" "$cache/images"
fi
ln -sfn "$(basename "$out")" "$cache/images"
log "node ready: $(containerd --version | cut -d' ' -f1-3); $(runc --version | head -1); images in $cache/images"
