#!/usr/bin/env bash
# Runs a Node benchmark on the code as it ships: bundled by esbuild without tsx's keepNames
# (tsx wraps every function in a naming helper, which costs the engine's hot paths ~10%).
# Usage: scripts/bench-node.sh <name>  (runs scripts/bench-<name>.ts)
set -euo pipefail
cd "$(dirname "$0")/.."
out=.bench/bench-$1.mjs
npx --no-install esbuild "scripts/bench-$1.ts" --bundle --platform=node --format=esm --packages=external \
  --outfile="$out" --log-level=warning
exec node --expose-gc "$out"
