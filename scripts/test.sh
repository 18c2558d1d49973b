#!/usr/bin/env bash
# `npm test`: lint, format check and import direction (Biome), build, typecheck (src, tests, examples against the
# built types), unit + integration tests, package checks on the packed tarball (publint, attw), and a Deno smoke test
# of the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp

# The CLI's terminal test runs the bin under tmux (a real pseudo-terminal); CI starts from a fresh machine.
if ! command -v tmux >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "== installing tmux (for test/cli/terminal.test.ts)"
  apt-get update -qq && apt-get install -y -qq tmux >/dev/null
fi

echo "== lint (biome: lint rules, formatting, layer imports, cycles)"
npm run lint --silent

echo "== build"
npm run build --silent >/dev/null

echo "== typecheck (src, test, examples, bench, scripts)"
npx tsc -p .

echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json

echo "== publint"
npx publint --strict

echo "== attw (packed tarball)"
npx attw --pack .

echo "== deno smoke test"
node scripts/deno-smoke.mjs

node -e '
const r = require("./.tmp/vitest.json");
console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
process.exit(r.numFailedTests > 0 || r.numPassedTests === 0 ? 1 : 0);
'
