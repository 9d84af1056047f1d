#!/usr/bin/env bash
# Every benchmark, in release mode; figures go to standard output and target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
cargo build --release --locked -p counterpoint-core --examples
cargo build --release --locked -p counterpoint-cli -p counterpoint-e2e --bins
# Refresh against newsboat on the same generated corpus (200 feeds × 50 items on loopback),
# cold and warm, medians of three runs; then ingest against bare SQLite + FTS5.
echo "== refresh: Counterpoint against newsboat"
target/release/bench-refresh --runs "${BENCH_RUNS:-3}"
echo "== ingest: Counterpoint against the bare FTS5 floor"
target/release/bench-ingest
# Search runs on generated archives of 100,000 and 1,000,000 items, made once and kept under
# target/bench/ (the million takes about 2.3 GB and 90 s to generate; BENCH_1M=0 skips it).
if [ ! -f target/bench/archive-100k.db ]; then
  target/release/examples/gen_archive 100000 target/bench/archive-100k.db
fi
if [ "${BENCH_1M:-1}" = 1 ]; then
  if [ ! -f target/bench/archive-1m.db ]; then
    target/release/examples/gen_archive 1000000 target/bench/archive-1m.db
  fi
  echo "== bench_search (1M)"
  BENCH_SEARCH_JSON=target/bench/search-1m.json target/release/examples/bench_search target/bench/archive-1m.db
fi
for example in target/release/examples/bench_*; do
  [ -x "$example" ] || continue
  case "$example" in *.d|*-*) continue ;; esac
  echo "== $(basename "$example")"
  "$example"
done
# The desktop app on a million items (start, search painted, memory; scripts/bench-app.sh,
# figures also in target/bench/app.json). It needs a release build of the Tauri app, about 10
# minutes from cold on two cores; BENCH_APP=0 skips it.
if [ "${BENCH_APP:-1}" = 1 ]; then
  echo "== app"
  scripts/bench-app.sh "${BENCH_APP_ITEMS:-1000000}"
fi
echo "== summary (target/bench/*.json)"
python3 scripts/bench-summary.py
