#!/usr/bin/env bash
# The one test command (npm test): system peers, lint, type-check, then every test against real peers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
export TCP_NODELAY=1
echo "== lint"; npx eslint .
echo "== type-check"; npx tsc --noEmit; npx tsc --noEmit -p src/web/client
echo "== tests"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line that any CI can read, whatever the runner prints above it.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests + r.numTodoTests ? `, ${r.numPendingTests + r.numTodoTests} skipped` : ""));' "$report" || true
exit $status
