#!/usr/bin/env python3
"""Prints one table of the figures the benchmarks wrote under target/bench/, beside their
peers, floors and targets. A benchmark that did not run is left out."""

import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "bench")


def load(name):
    try:
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def search_row(name, label):
    data = load(name)
    if not data:
        return None
    every = next((g for g in data["groups"] if g["group"] == "all"), None)
    if not every:
        return None
    ours = f"p50 {every['p50_ms']:.1f} / p95 {every['p95_ms']:.1f} ms"
    floor = f"FTS5 MATCH {every['floor_p50_ms']:.1f} / {every['floor_p95_ms']:.1f} ms"
    ratio = f"{every['p50_ms'] / every['floor_p50_ms']:.2f} / {every['p95_ms'] / every['floor_p95_ms']:.2f}"
    return (f"search, {label} ({data['queries']} queries)", ours, floor, ratio, "p50 ≤ 10, p95 ≤ 50 ms at 1M")


def rows():
    refresh = load("refresh.json")
    if refresh:
        ours, peer = refresh["counterpoint"], refresh["newsboat"]
        for phase, target in (("cold", "≥ 1× newsboat"), ("warm", "≥ 5× newsboat")):
            yield (
                f"refresh {phase}, {refresh['archived']} items",
                f"{ours[phase]['wall_s']:.2f} s wall, {ours[phase]['cpu_s']:.2f} s CPU, {ours[phase]['peak_mib']:.0f} MiB",
                f"newsboat {peer[phase]['wall_s']:.2f} s, {peer[phase]['cpu_s']:.2f} s CPU",
                f"{peer[phase]['wall_s'] / ours[phase]['wall_s']:.2f}× as fast",
                target,
            )
    ingest = load("ingest.json")
    if ingest:
        yield (
            f"ingest, {ingest['items']} items",
            f"{ingest['counterpoint_items_per_s']:.0f} items/s",
            f"bare FTS5 {ingest['floor_items_per_s']:.0f} items/s",
            f"{ingest['ratio']:.2f}",
            "≥ 0.70",
        )
    for name, label in (("search.json", "100k items"), ("search-1m.json", "1M items")):
        row = search_row(name, label)
        if row:
            yield row
    tag = load("tag.json")
    if tag:
        yield ("tagging, one thread", f"{tag['items_per_s']:.0f} items/s of {tag['average_bytes']} B ({tag.get('call', 'tag')})", "", "", "")
    brief = load("brief.json")
    if brief:
        times = ", ".join(f"{k} {v['seconds']:.2f} s" for k, v in brief["formats"].items())
        yield (f"brief, {brief['items']} items", times, "", "", "")
    app = load("app.json")
    if app:
        memory = app["resident_memory_mb"]
        yield (
            f"app, {app['items']} items",
            f"start {app['start_to_first_list_ms']['median']:.0f} ms, search shown {app['search_shown_ms']['median']:.0f} ms",
            f"memory {memory['proportional_set_size_total']:.0f} MB (PSS; RSS summed {memory['median_total']:.0f})",
            "",
            "≤ 1500 ms, ≤ 100 ms, ≤ 300 MB",
        )


def main():
    table = [("measure", "Counterpoint", "peer or floor", "ratio", "target")] + list(rows())
    if len(table) == 1:
        print("no benchmark figures under target/bench/ yet", file=sys.stderr)
        return 1
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    for k, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
