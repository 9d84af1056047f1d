#!/usr/bin/env bash
# The desktop app's figures on a large archive, in a real window under Xvfb: launch to first
# list painted, search round trips, scrolling to the end, resident memory of all app processes.
# Usage: scripts/bench-app.sh [ITEMS]   (default 1000000; the archive is generated once and kept
# under target/tmp). Prints lines starting with BENCH. BENCH_PROFILE=dev reuses the test build
# (quicker to get, slower figures); the default is release.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-1000000}"
scripts/ensure-deps.sh test >/dev/null
(cd ui && npm run build >/dev/null)
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- env NO_AT_BRIDGE=1 \
  COUNTERPOINT_BENCH_ITEMS="$items" cargo test $([ "${BENCH_PROFILE:-release}" = release ] && echo --release) -p counterpoint-app --test bench -- --nocapture 2>&1 \
  | grep -E "BENCH|generated|test result"
