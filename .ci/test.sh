#!/usr/bin/env bash
# `npm test`: installs what the tests need, then runs type-check, unit + integration (vitest,
# including emulator contract tests) and end-to-end (Playwright in Debian's Chromium) tests.
# Ends with the plain line "N passed, N failed" that CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results test-reports
rm -f test-reports/vitest.json test-results/playwright.json

if [ ! -d node_modules/next ]; then
  echo "== npm install"; npm install --no-audit --no-fund || exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium (Playwright must not download its own browser)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "chromium install failed"; exit 1; }
fi

passed=0; failed=0; failed_steps=()
count() { # $1 = label, $2 = passed, $3 = failed
  echo "== $1: $2 passed, $3 failed"; passed=$((passed + $2)); failed=$((failed + $3))
  case "$1" in vitest|playwright) ;; *) [ "$3" -gt 0 ] && failed_steps+=("$1") ;; esac; }

echo "== lint + format (biome)"
if npx biome check .; then count lint 1 0; else count lint 0 1; fi

# The production build runs beside the type-check and vitest (it needs neither); its log is
# printed when it is awaited, before the end-to-end tests that use it.
echo "== next build (in the background: test-results/build.log)"
rm -f test-results/build.rc
( npx next build > test-results/build.log 2>&1; echo $? > test-results/build.rc ) &
build_pid=$!

echo "== type-check"
if npx tsc --noEmit -p .; then count typecheck 1 0; else count typecheck 0 1; fi

# Redis + PostgreSQL for the multi-instance tests: exports TEST_REDIS_URL / TEST_DATABASE_URL.
. .ci/services.sh && services_start || count services 0 1
trap services_stop EXIT

# Both vitest projects (unit, and integration with its emulators) in one run, in parallel;
# the JSON report counts the tests of both.
echo "== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/vitest.json
vrc=$?
if [ -f test-reports/vitest.json ]; then
  vp=$(node -e 'const r=require("./test-reports/vitest.json");console.log(r.numPassedTests)')
  vf=$(node -e 'const r=require("./test-reports/vitest.json");console.log(r.numFailedTests + (r.numTotalTestSuites && r.testResults.filter(t=>t.status==="failed"&&t.assertionResults.length===0).length))')
  count vitest "$vp" "$vf"
else count vitest 0 1; fi
[ $vrc -ne 0 ] && [ "${vf:-1}" = 0 ] && count "vitest (exit $vrc)" 0 1

echo "== next build (waiting)"
wait "$build_pid"
cat test-results/build.log
if [ "$(cat test-results/build.rc 2>/dev/null)" = 0 ]; then count build 1 0
  echo "== bundle budget (first-load JS per route, gzip)"
  if npx tsx bench/bundle-budget.ts; then count bundle-budget 1 0; else count bundle-budget 0 1; fi
  echo "== end-to-end (playwright)"
  rm -rf .data/e2e
  rm -f test-results/playwright.json
  npx playwright test 2>&1 | tee test-results/playwright.log
  if [ -f test-results/playwright.json ]; then
    pp=$(node -e 'const r=require("./test-results/playwright.json");console.log(r.stats.expected+r.stats.flaky)')
    pf=$(node -e 'const r=require("./test-results/playwright.json");console.log(r.stats.unexpected)')
    count playwright "$pp" "$pf"
  else count playwright 0 1; fi
else count build 0 1; fi

node .ci/failures.cjs "${failed_steps[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
