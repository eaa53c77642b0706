#!/usr/bin/env bash
# Builds helm from its Go module (no prebuilt download here) into a cache outside the repo, so the deploy test renders the chart for real.
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"
bin_dir="${MAMORI_HELM_CACHE:-$HOME/.cache/mamori/helm}/$HELM_VERSION"
export PATH="/usr/local/go/bin:$PATH"

if [[ -x "$bin_dir/helm" ]]; then
  echo "helm $HELM_VERSION cached at $bin_dir/helm"
  exit 0
fi
command -v go >/dev/null || { echo "Go is required to build helm (expected at /usr/local/go/bin/go)" >&2; exit 1; }
mkdir -p "$bin_dir"
echo "building helm $HELM_VERSION from helm.sh/helm/v3 (a few minutes on 2 cores)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && GOFLAGS=-trimpath CGO_ENABLED=0 GOBIN="$bin_dir" go install -p 2 -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION")
"$bin_dir/helm" version --short
