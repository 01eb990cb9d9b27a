#!/usr/bin/env bash
# Runs every test of Vigie on this machine: type checking, unit tests (vitest, Node) and browser
# tests (Debian's Chromium driven by playwright-core, against the production build). Installs what
# it needs when it is missing (npm packages, Debian's chromium, mosquitto and poppler-utils), then prints a last
# plain line "N passed, N failed", after a line "N skipped" (a skipped test is never silent).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

say() { printf '\n== %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || echo "could not install ${need_apt[*]}: browser tests will fail" >&2
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund 2>&1 | grep -v 'nodedir' | tail -3
fi

passed=0
failed=0
skipped=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }

say "build (demo data, type checking, production bundle)"
if npm run build --silent 2>&1 | grep -v 'nodedir' | tail -5; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  count 1 0; echo "build and type checking: passed"
else
  count 0 1; echo "build and type checking: FAILED"
fi

say "unit tests (vitest)"
rm -f test-results/unit.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json 2>&1 | grep -v 'nodedir' | tail -25
if [ -f test-results/unit.json ]; then
  read -r up uf us < <(node -e 'const r=require("./test-results/unit.json");console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0), (r.numPendingTests||0) + (r.numTodoTests||0))')
  count "$up" "$uf" "$us"
  [ "$us" -gt 0 ] && node -e 'const r=require("./test-results/unit.json");for(const f of r.testResults)for(const t of f.assertionResults)if(t.status==="pending"||t.status==="skipped"||t.status==="todo")console.log("SKIPPED: "+f.name.replace(process.cwd()+"/","")+" > "+t.fullName)'
else
  echo "vitest wrote no report"; count 0 1
fi

say "browser tests (Chromium, production build)"
rm -f test-results/browser.json
if [ -f dist/index.html ]; then
  npx tsx tests/browser/run.ts 2>&1 | grep -v 'nodedir'
fi
if [ -f test-results/browser.json ]; then
  read -r bp bf bs < <(node -e 'const r=require("./test-results/browser.json");console.log(r.passed, r.failed, r.skipped||0)')
  count "$bp" "$bf" "$bs"
else
  echo "browser tests did not run"; count 0 1
fi

echo
echo "${skipped} skipped (counted, never silent; named above)"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
