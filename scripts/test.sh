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
status=0
# Tests that measure this process's own CPU (event-loop stalls, a hash's cost) or drive a browser page run
# after the rest, one file at a time: with two test workers and their peers on two cores, the other
# worker's load is what they would measure.
ALONE=(test/api-bounded.test.ts test/api-signin.test.ts test/web-birth-year.test.ts)
alone=$(mktemp)
trap 'rm -f "$report" "$alone"' EXIT
if [ $# -eq 0 ]; then
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" $(printf -- '--exclude %s ' "${ALONE[@]}") || status=$?
  npx vitest run --maxWorkers=1 --reporter=default --reporter=json --outputFile.json="$alone" "${ALONE[@]}" || status=$?
else
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
  echo '{"numPassedTests":0,"numFailedTests":0,"numPendingTests":0,"numTodoTests":0}' > "$alone"
fi
# One plain closing line that any CI can read, whatever the runner prints above it.
node -e 'const fs = require("fs"); const rs = process.argv.slice(1).map((f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0 }; } }); const n = (k) => rs.reduce((s, r) => s + (r[k] ?? 0), 0); const skipped = n("numPendingTests") + n("numTodoTests"); console.log(`${n("numPassedTests")} passed, ${n("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : ""));' "$report" "$alone" || true
exit $status
