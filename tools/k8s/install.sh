#!/usr/bin/env bash
# Builds the real kube-apiserver, kube-controller-manager, kubelet, etcd and kubectl that mamori's webhook, audit and node tests run against, cached outside the repo.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"

cache_root="${MAMORI_K8S_CACHE:-$HOME/.cache/mamori/k8s}"
bin_dir="$cache_root/$K8S_VERSION"
build_root="$cache_root/build"
export PATH="/usr/local/go/bin:$PATH"

log() { printf '[k8s-install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

need_apt=()
command -v openssl >/dev/null || need_apt+=(openssl)
command -v go >/dev/null || { echo "Go is required (expected at /usr/local/go/bin/go)" >&2; exit 1; }
if ((${#need_apt[@]})); then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

mkdir -p "$bin_dir" "$build_root"

# A stamp per binary, so bumping ETCD_VERSION rebuilds only etcd while the k8s binaries stay cached.
stamp_ok() { [[ -x "$bin_dir/$1" && "$(cat "$bin_dir/.$1.version" 2>/dev/null)" == "$2" ]]; }
stamp() { printf '%s\n' "$2" > "$bin_dir/.$1.version"; }

# CGO off keeps the binaries static; -trimpath/-s -w keep the cache small; -p 2 matches the 2-core machines.
export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false" GOTOOLCHAIN=local
build_flags=(-p 2 -ldflags "-s -w")
# Bumped when the way the k8s binaries are built changes, so cached ones from an older recipe are rebuilt.
k8s_stamp="$K8S_VERSION+r2"
# The kubelet has its own recipe stamp, so adding it did not rebuild the cached apiserver and controller-manager.
kubelet_stamp="$K8S_VERSION+r1"
stamp_for() { if [[ "$1" == kubelet ]]; then echo "$kubelet_stamp"; else echo "$k8s_stamp"; fi; }
k8s_cmds=(kube-apiserver kube-controller-manager kubectl kubelet)

build_kubernetes() {
  local dir="$build_root/kubernetes-$K8S_VERSION" staging_version="v0${K8S_VERSION#v1}"
  mkdir -p "$dir"
  log "fetching k8s.io/kubernetes@$K8S_VERSION go.mod"
  local upstream_mod
  upstream_mod="$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -f "$upstream_mod" ]] || { echo "could not download k8s.io/kubernetes@$K8S_VERSION" >&2; exit 1; }

  # The kubelet needs modules the control plane does not (Microsoft/hnslib, armon/circbuf, otelrestful):
  # naming cmd/kubelet in go get makes the go command resolve them at the versions kubernetes' go.mod pins.
  # kubernetes points its staging modules at ./staging, which does not exist in the module zip;
  # each must be pinned to the published v0.X.Y that was cut from the same release.
  local staging
  staging="$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9._-]*\)[[:space:]]*=>[[:space:]]*\./staging/.*#\1#p' "$upstream_mod" | sort -u)"
  [[ -n "$staging" ]] || { echo "no staging replace lines found in $upstream_mod" >&2; exit 1; }
  log "pinning $(wc -l <<<"$staging") staging modules to $staging_version"

  {
    echo "module mamori.local/k8s-build"
    echo
    echo "go $(go env GOVERSION | sed 's/^go//; s/^\([0-9]*\.[0-9]*\).*/\1/')"
    echo
    echo "replace ("
    while read -r m; do echo "	$m => $m $staging_version"; done <<<"$staging"
    echo ")"
  } > "$dir/go.mod"
  rm -f "$dir/go.sum"

  log "resolving dependencies (go get)"
  (cd "$dir" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" \
    "k8s.io/kubernetes/cmd/kube-controller-manager@$K8S_VERSION" "k8s.io/kubernetes/cmd/kubectl@$K8S_VERSION" \
    "k8s.io/kubernetes/cmd/kubelet@$K8S_VERSION")

  # Without these the binaries report v0.0.0-master, and mamori reads the server version like any client does.
  local minor="${K8S_VERSION#v1.}" x ldflags="-s -w"
  minor="${minor%%.*}"
  for x in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $x.gitVersion=$K8S_VERSION -X $x.gitMajor=1 -X $x.gitMinor=$minor -X $x.gitTreeState=clean"
    ldflags+=" -X $x.buildDate=1970-01-01T00:00:00Z"
  done

  local t0
  for cmd in "${k8s_cmds[@]}"; do
    stamp_ok "$cmd" "$(stamp_for "$cmd")" && continue
    log "go build $cmd (slow: several minutes on 2 cores)"
    t0=$SECONDS
    (cd "$dir" && go build -p 2 -ldflags "$ldflags" -o "$bin_dir/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd")
    mv "$bin_dir/$cmd.tmp" "$bin_dir/$cmd"
    stamp "$cmd" "$(stamp_for "$cmd")"
    log "built $cmd in $((SECONDS - t0))s ($(du -h "$bin_dir/$cmd" | cut -f1))"
  done
}

build_etcd() {
  local dir="$build_root/etcd-$ETCD_VERSION"
  mkdir -p "$dir"
  # etcd's own main package lives in the root module, which the proxy may not serve; etcdmain is the same entry point.
  cat > "$dir/main.go" <<'EOF'
// etcd entry point for mamori's test cluster.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  printf 'module mamori.local/etcd-build\n\ngo %s\n' "$(go env GOVERSION | sed 's/^go//; s/^\([0-9]*\.[0-9]*\).*/\1/')" > "$dir/go.mod"
  rm -f "$dir/go.sum"
  log "resolving go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  (cd "$dir" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" && go mod tidy)
  log "go build etcd"
  local t0=$SECONDS
  (cd "$dir" && go build "${build_flags[@]}" -o "$bin_dir/etcd.tmp" .)
  mv "$bin_dir/etcd.tmp" "$bin_dir/etcd"
  stamp etcd "$ETCD_VERSION"
  log "built etcd in $((SECONDS - t0))s ($(du -h "$bin_dir/etcd" | cut -f1))"
}

t_start=$SECONDS
if stamp_ok etcd "$ETCD_VERSION"; then log "etcd $ETCD_VERSION cached"; else build_etcd; fi
k8s_cached=true
for cmd in "${k8s_cmds[@]}"; do stamp_ok "$cmd" "$(stamp_for "$cmd")" || k8s_cached=false; done
if $k8s_cached; then log "${k8s_cmds[*]} $K8S_VERSION cached"; else build_kubernetes; fi

"$bin_dir/kube-apiserver" --version >/dev/null
"$bin_dir/kube-controller-manager" --version >/dev/null
"$bin_dir/etcd" --version >/dev/null
"$bin_dir/kubectl" version --client >/dev/null
"$bin_dir/kubelet" --version >/dev/null
log "ready in $((SECONDS - t_start))s: $bin_dir"
ls -l "$bin_dir"
