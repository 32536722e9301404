#!/usr/bin/env bash
# Every test of the project: `npm test` runs this (README). Steps: typecheck -> lint -> format:check
# -> vitest -> scenario runner (scenarios/, and ../shared/scenarios when present) -> vite build -> playwright.
# Every step runs even if an earlier one failed (playwright is skipped, and counted as failed, when the
# build failed). It ends with one `<step>: N passed, N failed, N skipped` line per step and a closing
# `total: …` line (scripts/ci-summary.ts): CI reads that plain line, not Vitest's or Playwright's own
# output. Gates without a test count of their own (typecheck, lint, format, build) count as one check
# each. Exit status 1 if anything failed. Needs Chromium at $CHROMIUM_PATH (default /usr/bin/chromium).
set -uo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # never fetch Playwright's own browser
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export NO_COLOR=1 FORCE_COLOR=0
OUT=.ci-out
rm -rf "$OUT" && mkdir -p "$OUT"
STEPS="$OUT/steps.tsv"
: >"$STEPS"

now() { date +%s%3N; } # epoch milliseconds
secs() {
  local d=$(($(now) - $1))
  printf '%d.%d' $((d / 1000)) $((d % 1000 / 100))
}
T0=$(now)
timings=()
step() { # step NAME CMD...  -> runs, records seconds, returns the command's status
  local name=$1 s rc
  shift
  echo "::: $name: $*"
  s=$(now)
  "$@"
  rc=$?
  timings+=("$(printf '%-18s %6ss rc=%s' "$name" "$(secs "$s")" "$rc")")
  echo "::: $name: rc=$rc in $(secs "$s")s"
  return $rc
}
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$STEPS"; } # NAME KIND STATUS [ARTIFACT]
print_timings() {
  echo "::: step timings (total $(secs "$T0")s)"
  printf '  %s\n' "${timings[@]}"
}

gate() { # gate NAME CMD...
  local name=$1 rc
  shift
  step "$name" "$@"
  rc=$?
  record "$name" gate "$rc"
  return $rc
}
gate typecheck npm run -s typecheck
gate lint npm run -s lint
gate format npm run -s format:check

step vitest npx --no vitest run --reporter=default --reporter=json --outputFile="$OUT/vitest.json"
record vitest vitest $? "$OUT/vitest.json"

run_scenarios() { # run_scenarios NAME FOLDER: the runner's last line must be `<N> passed, <M> failed`
  local name=$1 folder=$2 rc
  if [ ! -f scripts/scenario.ts ]; then
    echo "::: $name: scripts/scenario.ts is missing"
    record "$name" missing 1 "runner scripts/scenario.ts is missing"
    return
  fi
  step "$name" scenario_runner "$folder" "$OUT/$name.log"
  rc=$?
  record "$name" scenarios "$rc" "$OUT/$name.log"
}
scenario_runner() { npx --no tsx scripts/scenario.ts "$1" 2>&1 | tee "$2"; } # status of the runner (pipefail)
run_scenarios scenarios scenarios
if [ -d ../shared/scenarios ]; then
  run_scenarios shared-scenarios ../shared/scenarios
fi

if gate build npm run -s build; then
  export PLAYWRIGHT_JSON_OUTPUT_FILE="$OUT/playwright.json"
  step playwright npx --no playwright test --reporter=line,json
  record playwright playwright $? "$OUT/playwright.json"
else
  record playwright missing 1 "not run: the build failed"
fi

print_timings

# One 'N passed, N failed' line per step and a closing total line (scripts/ci-summary.ts).
npx --no tsx scripts/ci-summary.ts "$OUT" 2>&1 | tee "$OUT/summary.txt"
rc=$?
if ! grep -q '^total: ' "$OUT/summary.txt"; then # the summary itself crashed: still say so plainly
  echo "summary: 0 passed, 1 failed, 0 skipped (scripts/ci-summary.ts exit $rc)"
  echo "total: 0 passed, 1 failed, 0 skipped"
  rc=1
fi
[ "$rc" -eq 0 ] || rc=1
exit $rc
