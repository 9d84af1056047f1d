//! Tagging speed on one thread: builds ~3 KB items from the dev set and tags them repeatedly.
//!
//! ```text
//! cargo run --release -p counterpoint-core --example bench_tag [-- SECONDS] [--rounds N] [--len BYTES] [--offsets] [--data FILE]
//! ```
//!
//! With `--offsets` it runs `tag_offsets`, the refresh's call, which leaves out the evidence
//! strings (the archive keeps offsets); without, `tag`, which the CLI's `tag` command runs.

use std::time::Instant;

use counterpoint_core::model::SourceKind;
use counterpoint_core::tag::{tag, tag_offsets, TagInput};
use serde_json::Value;

fn main() {
    let secs: f64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    // "--data FILE" tags other items, one JSON object per line with the dev set's fields: a
    // sample of the benchmark corpus, say, to profile what a refresh tags.
    let path = std::env::args()
        .skip_while(|a| a != "--data")
        .nth(1)
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tagging/dev.jsonl").to_string()
        });
    let data = std::fs::read_to_string(&path).expect("the items are readable");
    let items: Vec<(String, String, String)> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("title"), s("text"), s("language"))
        })
        .collect();
    // Real articles run to about 3 KB: glue each item's text to the paragraphs of the next
    // items of its language until it does ("--len BYTES" for another length, to see how the
    // time grows with it). Paragraph by paragraph, so a text overshoots by one paragraph at
    // most, not by a whole item.
    let len: usize = std::env::args()
        .skip_while(|a| a != "--len")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let docs: Vec<(String, String, String)> = (0..items.len())
        .map(|i| {
            let (title, first, lang) = &items[i];
            let mut text = first.clone();
            let mut more = (1..)
                .map(|k| &items[(i + k) % items.len()])
                .filter(|next| next.2 == *lang)
                .flat_map(|next| next.1.split("\n\n"));
            while title.len() + text.len() < len {
                let Some(paragraph) = more.next() else { break };
                text.push_str("\n\n");
                text.push_str(paragraph);
            }
            (title.clone(), text, lang.clone())
        })
        .collect();
    let avg = docs.iter().map(|d| d.0.len() + d.1.len()).sum::<usize>() / docs.len();
    // Warm up: the automatons are built on first use.
    let first = &docs[0];
    tag(&TagInput {
        title: &first.0,
        text: &first.1,
        language_hint: Some(&first.2),
        source_kind: SourceKind::Agency,
    });

    let started = Instant::now();
    // With "--rounds N", a fixed amount of work instead of a fixed time: under callgrind or on
    // a loaded machine, instruction counts per item compare better than wall time.
    let rounds: Option<usize> = std::env::args()
        .skip_while(|a| a != "--rounds")
        .nth(1)
        .and_then(|s| s.parse().ok());
    let offsets = std::env::args().any(|a| a == "--offsets");
    let tagger = if offsets { tag_offsets } else { tag };
    let mut n = 0usize;
    let mut round = 0usize;
    while rounds.map_or(started.elapsed().as_secs_f64() < secs, |r| round < r) {
        round += 1;
        for d in &docs {
            let t = tagger(&TagInput {
                title: &d.0,
                text: &d.1,
                language_hint: Some(&d.2),
                source_kind: SourceKind::Media,
            });
            std::hint::black_box(t);
            n += 1;
        }
    }
    let el = started.elapsed().as_secs_f64();
    println!(
        "{n} items of {avg} bytes on average in {el:.2} s: {:.0} items/s, {:.1} MB/s",
        n as f64 / el,
        (n * avg) as f64 / el / 1e6
    );
    // Only a timed run of the default shape writes the figures `make bench` reports: a run
    // under a profiler ("--rounds"), or on other items or lengths, would overwrite them with
    // figures of something else.
    let default_shape = ["--rounds", "--data", "--len"]
        .iter()
        .all(|flag| !std::env::args().any(|a| a == *flag));
    if default_shape {
        let json = serde_json::json!({
            "items": n,
            "average_bytes": avg,
            "seconds": el,
            "items_per_s": n as f64 / el,
            "call": if offsets { "tag_offsets" } else { "tag" },
        });
        write_figures("tag.json", &json);
    }
}

/// Writes the figures beside the other benchmarks' under `target/bench/`.
fn write_figures(name: &str, json: &Value) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/bench");
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(
            format!("{dir}/{name}"),
            serde_json::to_string_pretty(json).unwrap_or_default(),
        );
    }
}
