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
# Search runs on a generated archive of 100,000 items, made once and kept under target/bench/;
# BENCH_1M=1 adds the million-item run (about 2.3 GB and 90 s to generate).
if [ ! -f target/bench/archive-100k.db ]; then
  target/release/examples/gen_archive 100000 target/bench/archive-100k.db
fi
if [ "${BENCH_1M:-0}" = 1 ]; then
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
# The desktop app (start, search painted, memory; scripts/bench-app.sh, figures also in
# target/bench/app.json) only with BENCH_APP=1, on BENCH_APP_ITEMS items (default 1,000,000):
# it needs a release build of the Tauri app, about 10 minutes from cold on two cores, which is
# more than a default `make bench` should cost.
if [ "${BENCH_APP:-0}" = 1 ]; then
  echo "== app"
  scripts/bench-app.sh "${BENCH_APP_ITEMS:-1000000}"
fi
