#!/usr/bin/env bash
# `npm test`: lint, format check and import direction (Biome), build, typecheck (src, tests, examples against the
# built types), unit + integration tests, package checks on the packed tarball (publint, attw), and a Deno smoke test
# of the built package.
#
# Steps that do not depend on each other overlap, to use both cores: lint runs beside the build, and the package
# checks beside vitest (whose files mostly wait on child processes and sockets). A background step's output is
# printed whole, under its own header, once the foreground step is done; any failed step fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/steps

# The CLI's terminal test runs the bin under tmux (a real pseudo-terminal); CI starts from a fresh machine.
if ! command -v tmux >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "== installing tmux (for test/cli/terminal.test.ts)"
  apt-get update -qq && apt-get install -y -qq tmux >/dev/null
fi

background_pids=()
background_names=()
background_titles=()
# `start <name> <title> <command…>`: runs a step in the background, its output kept in .tmp/steps/<name>.log.
start() {
  local name=$1 title=$2
  shift 2
  "$@" >".tmp/steps/$name.log" 2>&1 &
  background_pids+=($!)
  background_names+=("$name")
  background_titles+=("$title")
}
# Waits for every background step, printing each one's output; fails when any of them failed.
finish() {
  local failed=0 i
  for i in "${!background_pids[@]}"; do
    local log=".tmp/steps/${background_names[$i]}.log" title=${background_titles[$i]}
    if wait "${background_pids[$i]}"; then
      echo "== $title"
      cat "$log"
    else
      echo "== $title: FAILED"
      cat "$log"
      failed=1
    fi
  done
  background_pids=()
  background_names=()
  background_titles=()
  return "$failed"
}
# A step that fails in the foreground ends the run, after the background steps it started are done and printed.
trap 'finish || true' EXIT
# The package checks, one after the other (each is light): publint, attw on the packed tarball, the Deno smoke test.
package_checks() {
  echo "-- publint"
  npx publint --strict
  echo "-- attw (packed tarball)"
  npx attw --pack .
  echo "-- deno smoke test"
  node scripts/deno-smoke.mjs
}

start lint 'lint (biome: lint rules, formatting, layer imports, cycles)' npm run lint --silent
echo "== build"
npm run build --silent >/dev/null
finish

start package-checks 'package checks (publint, attw, deno smoke test)' package_checks
# vitest's typecheck is the typecheck step: `tsc --noEmit -p tsconfig.json` over src, test, examples, bench and
# scripts, where an error in any file fails the run, not only in the type tests (see vitest.config.ts).
echo "== vitest, with the typecheck (src, test, examples, bench, scripts)"
vitest_status=0
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || vitest_status=$?
finish
[ "$vitest_status" = 0 ]

node -e '
const r = require("./.tmp/vitest.json");
console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
process.exit(r.numFailedTests > 0 || r.numPassedTests === 0 ? 1 : 0);
'
