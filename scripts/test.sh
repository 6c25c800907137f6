#!/usr/bin/env bash
# The one test command (npm test): system peers, lint, type-check, then every test against real peers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
export TCP_NODELAY=1
echo "== lint"; npx eslint .
echo "== type-check"; npx tsc --noEmit
echo "== tests"; npx vitest run "$@"
