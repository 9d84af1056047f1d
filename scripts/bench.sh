#!/usr/bin/env bash
# Every benchmark, in release mode; figures go to standard output and target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
cargo build --release --locked -p counterpoint-core --examples
for example in target/release/examples/bench_*; do
  [ -x "$example" ] || continue
  case "$example" in *.d|*-*) continue ;; esac
  echo "== $(basename "$example")"
  "$example"
done
