#!/usr/bin/env bash
# Installs what bench/startup.ts compares mamori with: hyperfine (Debian) and kube-score + KubeLinter (Go module proxy).
set -euo pipefail
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
command -v kube-score >/dev/null || go install github.com/zegl/kube-score/cmd/kube-score@v1.20.0
# The proxy may refuse KubeLinter (it did on 2026-11-30); the benchmark then says the column is missing.
command -v kube-linter >/dev/null || go install golang.stackrox.io/kube-linter/cmd/kube-linter@v0.7.6 \
  || echo "kube-linter could not be installed from the Go module proxy; bench/startup.ts will leave it out" >&2
echo "done (Go binaries are in $HOME/go/bin: put it on PATH)"
