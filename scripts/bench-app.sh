#!/usr/bin/env bash
# The desktop app's figures on a large archive, in a real window under Xvfb: launch to first
# list painted, last key of a search to its results painted, resident memory of all the app's
# processes (the app, WebKit's web and network processes), and a scroll to the end of the list.
# Usage: scripts/bench-app.sh [ITEMS]   (default 1000000; the archive is generated once and kept
# under target/tmp). The app is launched BENCH_APP_RUNS times (default 3); the medians are
# printed on lines starting with BENCH and written as JSON to target/bench/app.json.
# BENCH_PROFILE=dev reuses the test build (quicker to get, slower figures); the default is release.
# Targets on 1M items: start ≤ 1500 ms, search painted ≤ 100 ms, memory ≤ 300 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-1000000}"
scripts/ensure-deps.sh test >/dev/null
(cd ui && npm run build >/dev/null)
mkdir -p target/bench
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- env NO_AT_BRIDGE=1 \
  COUNTERPOINT_BENCH_ITEMS="$items" COUNTERPOINT_BENCH_RUNS="${BENCH_APP_RUNS:-3}" \
  COUNTERPOINT_BENCH_JSON="$PWD/target/bench/app.json" \
  cargo test $([ "${BENCH_PROFILE:-release}" = release ] && echo --release) -p counterpoint-app --test bench -- --nocapture 2>&1 \
  | grep -E "BENCH|generated|^run |^  |panicked|test result" || true
# The figures are in the JSON only if the run got to the end.
[ -f target/bench/app.json ] && [ target/bench/app.json -nt ui/dist/index.html ]
